"""Hostile results through the real sandbox and the whole answer path: each gets a recorded verdict
naming the problem, the stored verdict stays small, the pool stays healthy, and the loop never stalls."""

from __future__ import annotations

import random

import pytest
import pytest_asyncio

from bot import Core
from bot.checks import CodeChecker, _judging
from storage import open_database
from tests.support.flow import Flow, ManualClock
from tests.support.hostile_output import HOSTILE, LoopLag
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")

LONGEST_HEALTHY_STEP = 1.0
"""Seconds; a bound no healthy run comes near (bench/judging.py reports the measured step)."""
STORED_VERDICT_BYTES = 40_000
"""Six k-means tests at 1,000 characters of message each, and 20,000 of output, with room to spare."""


@pytest_asyncio.fixture(loop_scope="module")
async def db(tmp_path):
    database = await open_database(tmp_path / "hostile.db")
    yield database
    await database.close()


@pytest.mark.parametrize(("code", "problem"), HOSTILE.values(), ids=HOSTILE.keys())
async def test_hostile_result_gets_a_recorded_verdict_naming_the_problem(
    db, bank, sandbox_pool, code, problem
):
    flow = Flow(Core(db, bank, clock=ManualClock(), rng=random.Random(3), checker=CodeChecker(sandbox_pool)))
    await flow.command("kmeans")
    async with LoopLag() as lag:
        verdict = (await flow.say(f"```python\n{code}```"))[-1]
    assert verdict.kind == "code-verdict" and verdict.view.passed is False
    messages = [t.message for t in verdict.view.tests]
    assert any(problem in m for m in messages), messages
    attempts, stored = await db.connection.fetchone("SELECT count(*), max(length(detail)) FROM attempts")
    assert attempts == 1 and stored < STORED_VERDICT_BYTES
    healthy = (await flow.say(f"```python\n{reference_solution(bank, 'kmeans')}```"))[-1]
    assert healthy.view.passed is True, healthy.view.tests
    assert lag.longest < LONGEST_HEALTHY_STEP


async def test_judging_past_its_budget_is_a_verdict_not_a_wait(db, bank, sandbox_pool, monkeypatch):
    monkeypatch.setattr(_judging, "JUDGE_SECONDS", 0)
    verdict = await CodeChecker(sandbox_pool).check(
        "kmeans", reference_solution(bank, "kmeans"), seed=1, person="u-alice"
    )
    assert not verdict.passed
    assert {t.message for t in verdict.tests} == {"invalid output: judging it took longer than 0 s"}
