"""Replies built from view models with fixed inputs, for each adapter's golden renderings."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from bot import Actor, Reply
from bot.checks import TestResult as CheckResult
from bot.checks import Verdict
from bot.progress._views import BoardRow, Leaderboard
from bot.quiz import _views as quiz_views
from bot.replies import Visibility
from questions import QuestionBank, instantiate, load_bank
from storage import Award, Post, PostSource

TEST_QUESTIONS = Path(__file__).resolve().parent.parent / "data" / "questions"
POSTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ALICE = Actor("test", "u-alice", "alice")


def _bank() -> QuestionBank:
    return load_bank(TEST_QUESTIONS)


def question_card() -> Reply:
    """A choice question posted on demand: prompt, choices, fields, how to answer, three buttons."""
    question = _bank().questions["test-sparse-choice"]
    post = Post(7, 1, question.id, 1, PostSource.QUIZ, None, None, POSTED, None, 0)
    return quiz_views.question_card(instantiate(question, post.seed), post)


def code_verdict() -> Reply:
    """A failed code check, privately: headline, a table of tests, a follow-up and printed output."""
    question = _bank().questions["test-two-heads"]
    tests = (
        CheckResult("returns a float", "required", "pass"),
        CheckResult("handles zero", "required", "fail", "expected 0.0, got None"),
        CheckResult("huge input", "edge", "error", "MemoryError", "What if n does not fit in memory?"),
    )
    verdict = Verdict(question.id, False, tests, "debug: 3\n", 41.6, 5)
    return quiz_views.code_verdict(question, verdict, Award(5, 0), ALICE, "t-1")


def leaderboard() -> Reply:
    """A channel's board with the asker ranked below the top."""
    rows = (
        BoardRow(1, "carol", 30, 3, 1.0, 4, you=False),
        BoardRow(2, "bob", 20, 2, 0.75, 0, you=False),
    )
    below = BoardRow(12, "alice", 5, 1, 0.5, 1, you=True)
    view = Leaderboard(
        "Leaderboard · this season · #general", "season", None, None, "channel", rows, below, 12
    )
    return Reply.of(view, Visibility.PUBLIC)


SAMPLES = {"question-card": question_card, "code-verdict": code_verdict, "leaderboard": leaderboard}


def check_golden(path: Path, rendered: object) -> None:
    """Compare a rendering with its stored golden file; SCREENPREP_GOLDEN=write stores it instead."""
    text = rendered if isinstance(rendered, str) else json.dumps(rendered, indent=2, ensure_ascii=False)
    if os.environ.get("SCREENPREP_GOLDEN") == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    assert path.exists(), f"no golden rendering at {path}; write it with SCREENPREP_GOLDEN=write"
    assert text + "\n" == path.read_text(encoding="utf-8"), f"{path.name} changed"
