"""The sandbox pool starts in the background: the bot is usable at once, and code waits for the pool."""

from __future__ import annotations

import asyncio

import pytest

from bot.checks import SandboxMode, code_checker
from tests.support.solutions import reference_solution


async def test_the_checker_is_handed_over_before_its_pool_is_up_and_checks_code_once_it_is(bank):
    async with code_checker(SandboxMode.AUTO, size=1) as checker:
        assert checker is not None
        waiting = asyncio.create_task(checker.ready())
        await asyncio.sleep(0)
        assert not waiting.done(), "the pool was started before the bot could serve anything else"
        assert await waiting
        verdict = await checker.check("relu-backward", reference_solution(bank, "relu-backward"), seed=7)
    assert verdict.passed


async def test_leaving_while_the_pool_starts_waits_for_it_and_stops_it():
    async with code_checker(SandboxMode.AUTO, size=1) as checker:
        assert checker is not None
    assert await checker.ready()
    assert checker.pool.worker_pids() == [], "a worker outlived the bot"


async def test_with_checks_off_there_is_no_checker():
    async with code_checker(SandboxMode.OFF) as checker:
        assert checker is None


async def test_a_lazy_checker_starts_nothing_until_warmed_or_asked():
    async with code_checker(SandboxMode.AUTO, size=1, eager=False) as checker:
        assert checker is not None
        with pytest.raises(LookupError):
            checker.pool  # noqa: B018 - nothing has started
        checker.warm()
        assert await checker.ready()
        assert checker.pool.worker_pids()
