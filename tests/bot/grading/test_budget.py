"""Grading runs in a worker thread under a time budget: the event loop keeps serving while it works."""

from __future__ import annotations

import asyncio

import pytest

from bot.grading import Ungradable, grade, grade_within
from bot.text import MAX_MESSAGE_CHARS


@pytest.fixture
def long_answer() -> str:
    """The longest message the bot accepts, made of sentences a rubric could match."""
    sentence = "Dropout randomly zeroes units during training and rescales the rest by one over keep. "
    return (sentence * (MAX_MESSAGE_CHARS // len(sentence)))[:MAX_MESSAGE_CHARS]


async def test_grade_within_gives_the_same_grade_as_grade(bank, long_answer):
    question = bank.get("dropout")
    assert await grade_within(question, long_answer) == grade(question, long_answer)


async def test_an_answer_over_the_budget_is_ungradable_and_says_it_was_not_saved(bank, long_answer):
    with pytest.raises(Ungradable, match="not graded or saved"):
        await grade_within(bank.get("dropout"), long_answer, budget=1e-6)


async def test_the_event_loop_keeps_ticking_while_the_longest_answer_is_graded(bank, long_answer):
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0)
    before = ticks
    await grade_within(bank.get("dropout"), long_answer)
    ticker.cancel()
    assert ticks > before + 1, "the loop ran nothing else while the answer was graded"
