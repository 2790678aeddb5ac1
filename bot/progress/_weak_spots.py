"""Team weak spots: the categories and tags where the team's best answers score lowest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.replies import Heading, Notice, Reply, ReplyKind, Table, Text
from questions import Category, QuestionBank
from storage import Totals

MIN_ANSWERS = 3
SHOWN_TAGS = 5


@dataclass(frozen=True)
class Spot:
    name: str
    average: float
    answers: int


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
    if not categories:
        text = Text(f"Not enough answers yet: a category needs {MIN_ANSWERS} before it is judged.")
        return Reply(
            ReplyKind.WEAK_SPOTS, (Heading("Team weak spots"), text), data={"categories": [], "tags": []}
        )
    blocks: list = [
        Heading("Team weak spots"),
        Table(
            ("Category", "Avg score", "Answers"),
            tuple((Category(s.name).label, f"{s.average:.2f}", str(s.answers)) for s in categories),
        ),
    ]
    if tags:
        rows = tuple((s.name, f"{s.average:.2f}", str(s.answers)) for s in tags[:SHOWN_TAGS])
        blocks.append(Table(("Tag", "Avg score", "Answers"), rows))
    blocks.append(Notice(_nudge_note(nudging)))
    data = {
        "categories": [{"name": s.name, "average": s.average, "answers": s.answers} for s in categories],
        "tags": [{"name": s.name, "average": s.average, "answers": s.answers} for s in tags[:SHOWN_TAGS]],
        "nudging": nudging,
    }
    return Reply(ReplyKind.WEAK_SPOTS, tuple(blocks), data=data)


def _nudge_note(nudging: bool) -> str:
    if nudging:
        return (
            "This channel's daily question leans toward the weakest category and tags. "
            "Admins: `/quiz weak-spots nudge off` to stop."
        )
    return "Admins can make this channel's daily question lean toward these: `/quiz weak-spots nudge on`."
