"""The verdict view shows wrong claims, with their corrections, before the missing points."""

from __future__ import annotations

from bot.events import Actor
from bot.grading import Grade
from bot.quiz._views import verdict
from bot.replies import Text


def test_mistakes_come_after_covered_and_before_missing(bank):
    grade = Grade(
        score=0.3,
        covered=("L2 shrinks weights",),
        missing=("L1 gives sparse weights",),
        feedback="You covered 1 of 2 key points.",
        mistakes=("You said L2 gives sparse weights; it is L1 that does.",),
    )
    reply = verdict(bank.get("dropout"), grade, None, Actor("console", "u1", "ann"), None)
    texts = [block.text for block in reply.blocks if isinstance(block, Text)]
    assert texts[1:] == [
        "✓ L2 shrinks weights",
        "⚠ You said L2 gives sparse weights; it is L1 that does.",
        "✗ L1 gives sparse weights",
    ]
    assert reply.view.mistakes == ("You said L2 gives sparse weights; it is L1 that does.",)


def test_no_mistakes_no_warning_block(bank):
    grade = Grade(score=1.0, covered=("all",), feedback="You covered all 1 key points.")
    reply = verdict(bank.get("dropout"), grade, None, Actor("console", "u1", "ann"), None)
    assert not any(isinstance(b, Text) and b.text.startswith("⚠") for b in reply.blocks)
