"""Correct code passes in float64 and float32 and wrong code is caught in both, through the real sandbox.

A few seeds per task keep this suite quick; `python bench/check_fairness.py --seeds 100 --wrong`
runs the same comparisons over 100 seeds.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from bot.checks import function_of, judge, task_job
from questions import Kind, Language, load_bank
from questions.tasks import load_task
from tests.support.solutions import lowered, reference_solution

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

WRONG = Path(__file__).parent / "wrong"
BANK = load_bank()
CODE_QUESTIONS = sorted(q.id for q in BANK if q.kind is Kind.CODE and q.language is Language.PYTHON)
"""Python tasks: SQL tasks have no float dtypes to vary and are checked in test_sql_tasks."""
REFERENCE_SEEDS = range(8)
WRONG_SEEDS = range(4)
PRECISIONS = ("float64", "float32")


def solution(question_id: str, code: str, dtype: str) -> str:
    """The code as written for float64, or computing in float32 (inputs, float64 choices and outputs)."""
    return code if dtype == "float64" else lowered(code, load_task(question_id).FUNCTION, dtype)


async def verdicts(pool, question_id: str, code: str, seeds) -> list[tuple[int, list]]:
    task = load_task(question_id)

    async def one(seed: int):
        cases = task.cases(np.random.default_rng(seed))
        raw = await pool.run(task_job(task, code, cases))
        return seed, judge(function_of(task), cases, raw)[0]

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


def test_edge_tests_ask_a_followup_and_required_tests_do_not():
    """An edge test is an interviewer's next question; a stated requirement needs none."""
    for question_id in CODE_QUESTIONS:
        for case in load_task(question_id).cases(np.random.default_rng(0)):
            assert bool(case.followup) == (case.kind == "edge"), f"{question_id}: {case.name}"


def test_every_prompt_says_which_dtypes_it_accepts():
    for question_id in CODE_QUESTIONS:
        assert "float32" in BANK.get(question_id).prompt, f"{question_id}: say which dtypes are accepted"


@IN_MODULE_LOOP
@pytest.mark.parametrize("dtype", PRECISIONS)
@pytest.mark.parametrize("question_id", CODE_QUESTIONS)
async def test_reference_passes_every_test(sandbox_pool, question_id, dtype):
    code = solution(question_id, reference_solution(BANK, question_id), dtype)
    for seed, tests in await verdicts(sandbox_pool, question_id, code, REFERENCE_SEEDS):
        failures = [f"{t.name}: {t.message}" for t in tests if t.status != "pass"]
        assert not failures, f"seed {seed}: {failures}"


def _wrong_implementations():
    for question_id in CODE_QUESTIONS:
        module = question_id.replace("-", "_")
        for path in sorted((WRONG / module).glob("*.py")):
            for dtype in PRECISIONS:
                yield pytest.param(question_id, path, dtype, id=f"{module}/{path.stem}/{dtype}")


@IN_MODULE_LOOP
@pytest.mark.parametrize(("question_id", "path", "dtype"), list(_wrong_implementations()))
async def test_wrong_implementation_is_rejected_on_every_seed(sandbox_pool, question_id, path, dtype):
    code = solution(question_id, path.read_text(), dtype)
    for seed, tests in await verdicts(sandbox_pool, question_id, code, WRONG_SEEDS):
        assert any(t.kind == "required" and t.status != "pass" for t in tests), f"passed on seed {seed}"
