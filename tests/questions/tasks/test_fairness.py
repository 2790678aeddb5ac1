"""Correct code always passes and wrong code is always caught, through the real sandbox."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import numpy as np
import pytest

from bot.checks import job_for, judge
from questions import Kind, load_bank
from questions.tasks import load_task

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

WRONG = Path(__file__).parent / "wrong"
BANK = load_bank()
CODE_QUESTIONS = sorted(q.id for q in BANK if q.kind is Kind.CODE)
REFERENCE_SEEDS = range(100)
WRONG_SEEDS = range(20)


def reference_solution(question_id: str) -> str:
    """The solution shown at the reveal is the one that must pass: the answer's python block."""
    blocks = re.findall(r"```python\n(.*?)```", BANK.get(question_id).answer, re.S)
    assert blocks, f"{question_id}: the answer needs a ```python reference solution"
    return blocks[-1]


async def verdicts(pool, question_id: str, code: str, seeds) -> list[tuple[int, list]]:
    task = load_task(question_id)

    async def one(seed: int):
        cases = task.cases(np.random.default_rng(seed))
        raw = await pool.run(job_for(task.FUNCTION, code, cases))
        return seed, judge(task.FUNCTION, cases, raw)[0]

    return await asyncio.gather(*(one(seed) for seed in seeds))


def test_every_code_question_has_checks_and_wrong_implementations():
    for question_id in CODE_QUESTIONS:
        task = load_task(question_id)
        assert task is not None, f"{question_id} has no questions/tasks module"
        assert BANK.get(question_id).code.function == task.FUNCTION
        kinds = {case.kind for case in task.cases(np.random.default_rng(0))}
        assert kinds == {"required", "edge"}, f"{question_id} needs required and edge tests"
        wrong = list((WRONG / task.__name__.rsplit(".", 1)[1]).glob("*.py"))
        assert len(wrong) >= 3, f"{question_id} needs at least three wrong implementations"


@IN_MODULE_LOOP
@pytest.mark.parametrize("question_id", CODE_QUESTIONS)
async def test_reference_passes_every_test_on_100_seeds(sandbox_pool, question_id):
    for seed, tests in await verdicts(
        sandbox_pool, question_id, reference_solution(question_id), REFERENCE_SEEDS
    ):
        failures = [f"{t.name}: {t.message}" for t in tests if t.status != "pass"]
        assert not failures, f"seed {seed}: {failures}"


def _wrong_implementations():
    for question_id in CODE_QUESTIONS:
        module = question_id.replace("-", "_")
        for path in sorted((WRONG / module).glob("*.py")):
            yield pytest.param(question_id, path, id=f"{module}/{path.stem}")


@IN_MODULE_LOOP
@pytest.mark.parametrize(("question_id", "path"), list(_wrong_implementations()))
async def test_wrong_implementation_is_rejected_on_every_seed(sandbox_pool, question_id, path):
    for seed, tests in await verdicts(sandbox_pool, question_id, path.read_text(), WRONG_SEEDS):
        assert any(t.kind == "required" and t.status != "pass" for t in tests), f"passed on seed {seed}"
