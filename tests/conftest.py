"""Shared fixtures: real SQLite files, the real bank, a controllable clock, and no silent errors."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from bot import Core
from questions import QuestionBank, load_bank
from storage import open_database
from tests.support.flow import Flow, ManualClock
from tests.support.sandbox import sandbox_pool  # noqa: F401 - a fixture

TEST_QUESTIONS = Path(__file__).parent / "data" / "questions"


@pytest.fixture(autouse=True)
def fail_on_logged_errors(caplog: pytest.LogCaptureFixture):
    """Libraries and our error boundary log exceptions instead of raising; surface them as failures."""
    yield
    errors = [
        r
        for r in caplog.get_records("call")
        if r.levelno >= logging.ERROR and not getattr(r, "expected_in_test", False)
    ]
    assert not errors, "logged errors: " + "; ".join(r.getMessage() for r in errors)


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return load_bank()


@pytest.fixture(scope="session")
def test_bank() -> QuestionBank:
    """Small purpose-built questions (numeric, choice, code, behavioral) next to the real bank's."""
    real = load_bank()
    extra = load_bank(TEST_QUESTIONS)
    assert not extra.problems, extra.problems
    merged = QuestionBank({**real.questions, **extra.questions}, paths={**real.paths, **extra.paths})
    return merged


@pytest.fixture
async def db(tmp_path: Path):
    database = await open_database(tmp_path / "screenprep.db")
    yield database
    await database.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def core(db, test_bank: QuestionBank, clock: ManualClock) -> Core:
    return Core(db, test_bank, clock=clock, rng=random.Random(7))


@pytest.fixture
def flow(core: Core) -> Flow:
    return Flow(core)
