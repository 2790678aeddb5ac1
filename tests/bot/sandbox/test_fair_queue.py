"""The pool serves people round-robin, holds at most three jobs per person, and survives a cancelled wait."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from bot.sandbox import Limits, SandboxPool, find_launcher
from bot.sandbox._pool import QueueFull

pytestmark = pytest.mark.asyncio(loop_scope="module")

SLOW = "import time\ndef f(x):\n    time.sleep(0.3)\n    return x\n"


def job(label: str) -> dict:
    return {"code": SLOW, "function": "f", "cases": [{"args": [label]}]}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def one_worker():
    """One worker, so the order in which jobs finish is the order in which they were served."""
    pool = SandboxPool(
        find_launcher(), size=1, limits=Limits(wall_seconds=6.0, case_seconds=2.0, cpu_seconds=4)
    )
    await pool.start()
    yield pool
    await pool.close()


async def test_one_persons_burst_does_not_hold_back_another(one_worker):
    finished: list[str] = []

    async def submit(person: str, label: str) -> None:
        raw = await one_worker.run(job(label), person=person)
        assert f'"output": "{label}"' in raw.result
        finished.append(label)

    tasks = [asyncio.create_task(submit("A", f"A{n}")) for n in range(1, 9)]
    tasks.append(asyncio.create_task(submit("B", "B1")))
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    refused = [o for o in outcomes if isinstance(o, QueueFull)]
    assert len(refused) == 5 and all(o is None for o in outcomes if not isinstance(o, QueueFull))
    assert finished == ["A1", "B1", "A2", "A3"]
    assert one_worker.admits("A") and one_worker.admits("B")


async def test_a_cancelled_wait_frees_its_place_and_loses_no_worker(one_worker):
    running = asyncio.create_task(one_worker.run(job("first"), person="A"))
    waiting = asyncio.create_task(one_worker.run(job("second"), person="A"))
    await asyncio.sleep(0)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await running
    after = await one_worker.run(job("third"), person="A")
    assert '"output": "third"' in after.result
    assert one_worker.admits("A")
