"""Grader-quality figures on the labelled answer sets, shared by the tests and bench/grader_quality.py.

Every figure compares answers to the same question: a rank rate (AUC) is the chance that an answer of
the better label scores strictly higher than one of the worse label (ties count half), pooled over all
such within-question pairs. The sets:

- tests/data/grader_labels/: chat answers labelled strong / partial / weak;
- tests/data/adversarial/: answers written blind to the rubrics, one `kind` each (see AnswerKind);
- ../shared/eval/external_answers.yaml: public answers labelled by an interviewer (see ExternalLabel),
  read only here, to measure; never copy its phrases anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import product
from pathlib import Path
from statistics import fmean

import yaml

from bot.grading import grade
from questions import Category, QuestionBank

REPO = Path(__file__).resolve().parents[2]
LABELLED_DIR = REPO / "tests" / "data" / "grader_labels"
ADVERSARIAL_DIR = REPO / "tests" / "data" / "adversarial"
EXTERNAL_FILE = REPO.parent / "shared" / "eval" / "external_answers.yaml"

# Targets from issue 14 (offline grader alone).
STRONG_ABOVE_ADVERSARIAL = 0.90
SALAD_MEAN_AT_MOST = 0.30
EXTERNAL_CORRECT_MEAN_AT_LEAST = 0.55
EXTERNAL_PARTIAL_ABOVE_OFF_TARGET = 0.95
# Below this many within-question pairs, the external AUC pools every answer instead.
MIN_WITHIN_QUESTION_PAIRS = 20

Scores = dict[str, dict[str, list[float]]]
"""Question id → label → the grader's scores for that question's answers with that label."""


class AnswerKind(StrEnum):
    """What an adversarial answer is; every kind except strong and partial should score below strong."""

    STRONG = "strong"
    PARTIAL = "partial"
    SALAD = "salad"
    WRONG = "wrong"
    NEGATED = "negated"
    OFF_TOPIC = "off_topic"
    ECHO = "echo"
    NOT_OWN = "not_own"
    LABELS = "labels"


ADVERSARIAL_KINDS = (
    AnswerKind.SALAD,
    AnswerKind.WRONG,
    AnswerKind.NEGATED,
    AnswerKind.OFF_TOPIC,
    AnswerKind.ECHO,
    AnswerKind.NOT_OWN,
    AnswerKind.LABELS,
)
STORY_CATEGORIES = frozenset({Category.RESUME, Category.BEHAVIORAL})
STORY_ONLY_KINDS = frozenset({AnswerKind.NOT_OWN, AnswerKind.LABELS})
MIN_ANSWERS_PER_KIND = {AnswerKind.STRONG: 3, AnswerKind.SALAD: 2, AnswerKind.WRONG: 2}


class ExternalLabel(StrEnum):
    """The interviewer's label on an external answer."""

    COMPLETE = "complete"
    PARTIAL = "partial"
    WRONG = "wrong"
    OFF_TARGET = "off_target"


CORRECT_LABELS = (ExternalLabel.COMPLETE, ExternalLabel.PARTIAL)


class EvalSetError(Exception):
    """An answer set is missing or names a question the bank does not have."""


def required_kinds(category: Category) -> dict[AnswerKind, int]:
    """The minimum count of each kind a question of this category must have in the adversarial set."""
    return {
        kind: MIN_ANSWERS_PER_KIND.get(kind, 1)
        for kind in AnswerKind
        if category in STORY_CATEGORIES or kind not in STORY_ONLY_KINDS
    }


def read_answer_files(directory: Path) -> Iterator[tuple[Path, dict]]:
    """Each YAML file of a labelled-answer directory with its parsed content, in name order."""
    for path in sorted(directory.glob("*.yaml")):
        yield path, yaml.safe_load(path.read_text(encoding="utf-8"))


def grade_answers(bank: QuestionBank, answers: Iterable[tuple[str, str, str]]) -> Scores:
    """Grade (question id, label, text) triples into per-question, per-label score lists."""
    scores: Scores = {}
    for question_id, label, text in answers:
        question = bank.get(question_id)
        if question is None:
            raise EvalSetError(f"answer set names unknown question {question_id!r}")
        scores.setdefault(question_id, {}).setdefault(label, []).append(grade(question, text).score)
    return scores


def file_answers(directory: Path, label_field: str) -> Iterator[tuple[str, str, str]]:
    """(question id, label, text) for every answer in a directory of one-question YAML files."""
    for _, data in read_answer_files(directory):
        for answer in data["answers"]:
            yield data["question"], answer[label_field], answer["text"]


def labelled_scores(bank: QuestionBank) -> Scores:
    """The chat answers in tests/data/grader_labels, by level (strong, partial, weak)."""
    return grade_answers(bank, file_answers(LABELLED_DIR, "level"))


def adversarial_scores(bank: QuestionBank) -> Scores:
    """The blind adversarial answers in tests/data/adversarial, by kind."""
    return grade_answers(bank, file_answers(ADVERSARIAL_DIR, "kind"))


def external_scores(bank: QuestionBank, path: Path = EXTERNAL_FILE) -> Scores:
    """The external answers, by the interviewer's label; a missing file is an error, never a skip."""
    if not path.is_file():
        raise EvalSetError(
            f"external answer set not found at {path}: put the shared/ folder beside the repository "
            "(CI does this) so the grader can be measured on it"
        )
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    return grade_answers(bank, ((item["question"], item["label"], item["text"]) for item in items))


def pooled_auc(scores: Scores, better: str, worse: str) -> float:
    """Chance that a `better` answer outscores a `worse` answer to the same question (ties count half)."""
    wins = pairs = 0.0
    for levels in scores.values():
        for high, low in product(levels.get(better, []), levels.get(worse, [])):
            wins += 1.0 if high > low else 0.5 if high == low else 0.0
            pairs += 1
    if not pairs:
        raise ValueError(f"no question has both {better!r} and {worse!r} answers")
    return wins / pairs


def within_question_pairs(scores: Scores, better: str, worse: str) -> int:
    """How many same-question pairs of a `better` and a `worse` answer there are."""
    return sum(len(levels.get(better, [])) * len(levels.get(worse, [])) for levels in scores.values())


def labels_scores(scores: Scores, labels: Iterable[str]) -> list[float]:
    """Every score with one of these labels, across questions."""
    wanted = set(labels)
    return [
        score
        for levels in scores.values()
        for label, values in levels.items()
        if label in wanted
        for score in values
    ]


@dataclass(frozen=True)
class KindFigures:
    """How one adversarial kind scores, and how often strong answers beat it."""

    kind: AnswerKind
    answers: int
    mean: float
    highest: float
    strong_above: float | None


def kind_figures(scores: Scores) -> list[KindFigures]:
    """One row per kind present in the set, in AnswerKind order; strong_above is None for strong itself."""
    rows = []
    for kind in AnswerKind:
        values = labels_scores(scores, [kind])
        if not values:
            continue
        strong_above = None if kind is AnswerKind.STRONG else pooled_auc(scores, AnswerKind.STRONG, kind)
        rows.append(KindFigures(kind, len(values), fmean(values), max(values), strong_above))
    return rows


@dataclass(frozen=True)
class ExternalFigures:
    """The external set's figures against issue 14's targets (zeros listed by question id)."""

    correct_answers: int
    correct_mean: float
    correct_scoring_zero: tuple[str, ...]
    partial_above_off_target: float
    pairs_within_questions: int
    pooled_over_all_answers: bool


def external_figures(scores: Scores) -> ExternalFigures:
    """Correct-answer mean and zeros, and partial-above-off-target AUC (pooled over all if pairs are few)."""
    correct = labels_scores(scores, CORRECT_LABELS)
    pairs = within_question_pairs(scores, ExternalLabel.PARTIAL, ExternalLabel.OFF_TARGET)
    pool_all = pairs < MIN_WITHIN_QUESTION_PAIRS
    return ExternalFigures(
        correct_answers=len(correct),
        correct_mean=fmean(correct),
        correct_scoring_zero=tuple(
            question_id
            for question_id, labels in scores.items()
            for label in CORRECT_LABELS
            for score in labels.get(label, [])
            if score == 0
        ),
        partial_above_off_target=partial_above_off_target(scores, pool_all),
        pairs_within_questions=pairs,
        pooled_over_all_answers=pool_all,
    )


def partial_above_off_target(scores: Scores, pool_all: bool) -> float:
    """Partial-above-off-target AUC, within questions or with every answer treated as one question."""
    if pool_all:
        scores = {
            "all": {label: labels_scores(scores, [label]) for label in ExternalLabel},
        }
    return pooled_auc(scores, ExternalLabel.PARTIAL, ExternalLabel.OFF_TARGET)


def by_category(scores: Scores, bank: QuestionBank) -> dict[Category, Scores]:
    """The same scores split by each question's category, to see where the grader is weakest."""
    split: dict[Category, Scores] = {}
    for question_id, labels in scores.items():
        split.setdefault(bank.questions[question_id].category, {})[question_id] = labels
    return split


def kind_table(rows: list[KindFigures]) -> str:
    """The per-kind figures as an aligned text table."""
    lines = [f"{'kind':<10} {'answers':>7} {'mean':>6} {'max':>6} {'strong above':>13}"]
    for row in rows:
        above = "—" if row.strong_above is None else f"{row.strong_above:.3f}"
        lines.append(f"{row.kind:<10} {row.answers:>7} {row.mean:>6.3f} {row.highest:>6.3f} {above:>13}")
    return "\n".join(lines)
