"""The round clock's timer: a periodic job beside the daily timers, started by the runtime."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from adapters.runtime import open_runtime
from bot import Core
from bot.daily import DailyScheduler


async def test_every_runs_a_periodic_job_that_daily_resyncs_leave_alone(core: Core):
    scheduler = DailyScheduler(core.daily, core.clock)
    await scheduler.start()
    try:
        ran = asyncio.Event()

        async def job() -> None:
            ran.set()

        scheduler.every(0.05, "mock:tick", job)
        await scheduler.sync()
        assert "mock:tick" in scheduler.timers(), "a daily resync must not remove other features' jobs"
        await asyncio.wait_for(ran.wait(), timeout=5)
    finally:
        await scheduler.stop()


async def test_the_runtime_ticks_mock_rounds_every_five_seconds(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SCREENPREP_SANDBOX", "off")
    async with open_runtime(tmp_path / "bot.db") as runtime:
        next_run = runtime.scheduler.timers()["mock:tick"]
        assert timedelta(0) < next_run - datetime.now(UTC) <= timedelta(seconds=5)


async def test_a_slow_periodic_job_holds_up_no_daily_sync_and_is_unwound_by_stop(core: Core):
    scheduler = DailyScheduler(core.daily, core.clock)
    await scheduler.start()
    started, finished = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        started.set()
        await asyncio.sleep(60)
        finished.set()

    scheduler.every(0.05, "progress:marks", slow)
    await asyncio.wait_for(started.wait(), timeout=5)
    await asyncio.wait_for(scheduler.sync(), timeout=1)
    await asyncio.wait_for(scheduler.stop(), timeout=5)
    assert not finished.is_set() and not scheduler.timers()


async def test_the_runtime_prepares_leaderboard_marks_every_five_minutes(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SCREENPREP_SANDBOX", "off")
    async with open_runtime(tmp_path / "bot.db") as runtime:
        next_run = runtime.scheduler.timers()["progress:marks"]
        assert timedelta(minutes=4) < next_run - datetime.now(UTC) <= timedelta(minutes=5)
