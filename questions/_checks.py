"""Checks across the whole bank that no single file can show: duplicates, coverage, generators."""

from __future__ import annotations

import math
import re
from collections import Counter

from rapidfuzz import fuzz, process

from questions._categories import Category
from questions._instances import instantiate
from questions._loader import BANK_DIR, Problem, QuestionBank
from questions._schema import Difficulty, Kind, Question
from questions.generators import generate

CATEGORY_MINIMUMS = {
    Category.MATH_STATS: 90,
    Category.DEEP_LEARNING: 60,
    Category.ML_CODING: 10,
    Category.RESUME: 20,
    Category.BEHAVIORAL: 40,
}
"""Non-code questions each category must hold (ml-coding counts its concept and choice questions)."""

TOPICS = (
    "decision-trees", "ensembles", "k-means", "clustering", "class-imbalance", "calibration",
    "interpretability", "leakage", "cross-validation", "feature-engineering", "causal-inference",
    "ab-testing", "regression-metrics", "time-series", "recommender-systems", "ranking", "retrieval",
    "ml-system-design", "data-manipulation", "algorithms",
)  # fmt: skip
"""Topics ML phone screens ask about, each a tag the bank must cover (`questions/AUTHORING.md`)."""
MINIMUM_PER_TOPIC = 6
TOPIC_ALIASES = {
    "kmeans": "k-means",
    "a-b-testing": "ab-testing",
    "data-leakage": "leakage",
    "random-forest": "ensembles",
    "gradient-boosting": "ensembles",
    "explainability": "interpretability",
    "system-design": "ml-system-design",
    "sql": "data-manipulation",
    "pandas": "data-manipulation",
}
"""Older or narrower tags that count toward a topic."""

MINIMUM_TOTAL = 250
MINIMUM_GENERATED = 25
NEAR_DUPLICATE_SIMILARITY = 90
MINIMUM_ANSWER_WORDS = 40
GENERATOR_SEEDS = 50
PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")
"""A `str.format` field such as `{k}` or `{answer:,.0f}`; its name is the group."""


def bank_problems(bank: QuestionBank, *, coverage: bool) -> list[Problem]:
    """Problems of the bank as a whole; `coverage` adds the size and category minimums."""
    problems = _near_duplicates(bank) + _thin_content(bank) + _generated(bank)
    if coverage:
        problems += _coverage(bank)
    return problems


def _near_duplicates(bank: QuestionBank) -> list[Problem]:
    questions = list(bank)
    prompts = [" ".join(q.prompt.lower().split()) for q in questions]
    scores = process.cdist(
        prompts, prompts, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_DUPLICATE_SIMILARITY
    )
    problems = []
    for i, j in zip(*scores.nonzero(), strict=True):
        if i < j:
            problems.append(
                Problem(
                    bank.paths[questions[j].id],
                    "prompt",
                    f"near-duplicate of {questions[i].id} ({scores[i][j]:.0f}% similar)",
                )
            )
    return problems


def _thin_content(bank: QuestionBank) -> list[Problem]:
    return [
        Problem(
            bank.paths[q.id],
            "answer",
            f"reference answer has {len(q.answer.split())} words; "
            f"a complete one needs at least {MINIMUM_ANSWER_WORDS}",
        )
        for q in bank
        if len(q.answer.split()) < MINIMUM_ANSWER_WORDS
    ]


def _generated(bank: QuestionBank) -> list[Problem]:
    """Recompute every generated answer over many seeds: it must exist, be finite and vary."""
    problems = []
    for question in (q for q in bank if q.generator):
        try:
            answers = {instantiate(question, seed).expected for seed in range(GENERATOR_SEEDS)}
        except Exception as exc:  # a generator is code: any failure is a problem with this file
            problems.append(Problem(bank.paths[question.id], "generator", f"failed to generate: {exc!r}"))
            continue
        if not all(a is not None and math.isfinite(a) for a in answers):
            problems.append(
                Problem(bank.paths[question.id], "generator", "produced a missing or infinite answer")
            )
        elif len(answers) < 2:
            problems.append(
                Problem(bank.paths[question.id], "generator", "gives the same answer for every seed")
            )
        problems += _shown_as_written(question, bank)
    return problems


def _shown_as_written(question: Question, bank: QuestionBank) -> list[Problem]:
    """Only prompt and answer are filled from a seed: a drawn field in hints or follow-ups shows raw."""
    if question.generator is None:
        return []
    names = {*generate(question.generator, 0).values, "answer"}
    return [
        Problem(
            bank.paths[question.id],
            field,
            f"{{{name}}} would be shown as written: only prompt and answer are filled with drawn values",
        )
        for field in ("hints", "followups")
        for text in getattr(question, field)
        for name in PLACEHOLDER.findall(text)
        if name in names
    ]


def topic_counts(bank: QuestionBank) -> dict[str, int]:
    """How many questions carry each topic (a question counts once per topic, aliases included)."""
    counts = dict.fromkeys(TOPICS, 0)
    for question in bank:
        for topic in {TOPIC_ALIASES.get(tag, tag) for tag in question.tags} & set(TOPICS):
            counts[topic] += 1
    return counts


def _coverage(bank: QuestionBank) -> list[Problem]:
    problems = [
        Problem(BANK_DIR, "topic", f"{topic}: {count} questions; needs at least {MINIMUM_PER_TOPIC}")
        for topic, count in topic_counts(bank).items()
        if count < MINIMUM_PER_TOPIC
    ]
    non_code = Counter(q.category for q in bank if q.kind is not Kind.CODE)
    for category, minimum in CATEGORY_MINIMUMS.items():
        if non_code[category] < minimum:
            problems.append(
                Problem(
                    BANK_DIR / category.value,
                    "category",
                    f"{non_code[category]} non-code questions; needs at least {minimum}",
                )
            )
        spread = {q.difficulty for q in bank if q.category is category}
        if spread != set(Difficulty):
            problems.append(
                Problem(
                    BANK_DIR / category.value,
                    "difficulty",
                    f"missing {', '.join(sorted(d.value for d in set(Difficulty) - spread))}",
                )
            )
    if len(bank) < MINIMUM_TOTAL:
        problems.append(Problem(BANK_DIR, "bank", f"{len(bank)} questions; needs at least {MINIMUM_TOTAL}"))
    generated = sum(1 for q in bank if q.generator)
    if generated < MINIMUM_GENERATED:
        problems.append(
            Problem(
                BANK_DIR,
                "generator",
                f"{generated} generated numeric questions; needs at least {MINIMUM_GENERATED}",
            )
        )
    return problems
