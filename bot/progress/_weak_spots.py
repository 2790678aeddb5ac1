"""Team weak spots: the categories and tags where the team's best answers score lowest."""

from __future__ import annotations

from collections import Counter

from bot.progress._views import Spot, WeakSpots
from bot.replies import Reply
from questions import Category, QuestionBank
from storage import Totals

MIN_ANSWERS = 3
SHOWN_TAGS = 5


def _spots(answers: Counter[str], scores: Counter[str]) -> list[Spot]:
    found = [
        Spot(name, Totals(n, scores[name]).average, n) for name, n in answers.items() if n >= MIN_ANSWERS
    ]
    return sorted(found, key=lambda s: (s.average, s.name))


def weak_spots(totals: dict[str, Totals], bank: QuestionBank) -> tuple[list[Spot], list[Spot]]:
    """Categories and tags with enough answers to judge, weakest first (ties by name)."""
    answers: dict[str, Counter[str]] = {"category": Counter(), "tag": Counter()}
    scores: dict[str, Counter[str]] = {"category": Counter(), "tag": Counter()}
    for question_id, total in totals.items():
        question = bank.get(question_id)
        if question is None:
            continue
        for kind, names in (("category", [question.category.value]), ("tag", question.tags)):
            for name in names:
                answers[kind][name] += total.answers
                scores[kind][name] += total.score_micros
    return _spots(answers["category"], scores["category"]), _spots(answers["tag"], scores["tag"])


def weakest_category(categories: list[Spot], weights: dict[Category, int]) -> Category | None:
    """The weakest category the channel still draws from."""
    return next((Category(s.name) for s in categories if weights.get(Category(s.name), 0) > 0), None)


def report(categories: list[Spot], tags: list[Spot], nudging: bool) -> Reply:
    return Reply.of(WeakSpots(MIN_ANSWERS, tuple(categories), tuple(tags[:SHOWN_TAGS]), nudging))
