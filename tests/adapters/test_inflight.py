"""The one in-flight tracker both chat adapters drain at shutdown."""

from __future__ import annotations

import asyncio

from adapters.inflight import InFlight


async def test_drain_waits_for_quick_work_and_cancels_slow_work():
    in_flight = InFlight()
    finished: list[str] = []
    cancelled: list[str] = []

    async def handler(name: str, seconds: float) -> None:
        with in_flight.track():
            try:
                await asyncio.sleep(seconds)
                finished.append(name)
            except asyncio.CancelledError:
                cancelled.append(name)
                raise

    tasks = [asyncio.create_task(handler("quick", 0)), asyncio.create_task(handler("stuck", 3600))]
    await asyncio.sleep(0)
    assert len(in_flight.running()) == 2
    assert await in_flight.drain(grace=0.5) == 1
    assert (finished, cancelled) == (["quick"], ["stuck"])
    assert all(task.done() for task in tasks) and not in_flight.running()


async def test_a_handler_that_starts_the_shutdown_does_not_wait_for_itself():
    in_flight = InFlight()
    with in_flight.track():
        assert not in_flight.running()
        assert await in_flight.drain(grace=10) == 0
