"""Tasks with a work budget, through the real sandbox: slow but correct code is stopped by the budget (not
by a timeout), and correct code of every kind (Python loops, numpy, float32) passes well inside it.

A few seeds keep this suite quick; `python bench/check_fairness.py --tasks ID --seeds 100 --wrong`
runs the wrong and the alternative correct solutions over 100 seeds.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from bot.checks import judge, task_job
from bot.checks._schema import read_report
from questions.tasks import load_task
from tests.support.solutions import only_too_slow, reference_solution

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

HERE = Path(__file__).parent
BUDGETED = ("merge-overlapping-intervals", "window-distinct-count")
SEEDS = range(4)
HEADROOM = 0.25
"""Correct code may use at most this share of either count: "well inside", not just inside."""


def _solutions(folder: str, slow_only: bool = False):
    for question_id in BUDGETED:
        for path in sorted((HERE / folder / question_id.replace("-", "_")).glob("*.py")):
            if not slow_only or only_too_slow(path.read_text()):
                yield pytest.param(question_id, path, id=f"{path.parent.name}/{path.stem}")


async def _runs(pool, question_id: str, code: str) -> list[tuple[int, list, list]]:
    """Per seed: the verdicts, and what the harness reported each case used of its budget."""
    task = load_task(question_id)

    async def one(seed: int):
        cases = task.cases(np.random.default_rng(seed))
        raw = await pool.run(task_job(task, code, cases))
        work = [entry.work for entry in read_report(raw.result or "", len(cases)).tests]
        return seed, judge(task.FUNCTION, cases, raw)[0], list(zip(cases, work, strict=True))

    return await asyncio.gather(*(one(seed) for seed in SEEDS))


def test_each_budgeted_task_has_slow_wrong_solutions_and_alternative_correct_ones():
    for question_id in BUDGETED:
        slow = [p for p in _solutions("wrong", slow_only=True) if p.values[0] == question_id]
        correct = [p for p in _solutions("correct") if p.values[0] == question_id]
        assert len(slow) >= 3 and len(correct) >= 3, question_id
        assert any(case.budget for case in load_task(question_id).cases(np.random.default_rng(0)))


@IN_MODULE_LOOP
@pytest.mark.parametrize(("question_id", "path"), list(_solutions("wrong", slow_only=True)))
async def test_slow_correct_code_is_stopped_by_the_work_budget(sandbox_pool, question_id, path):
    for seed, tests, work in await _runs(sandbox_pool, question_id, path.read_text()):
        stopped = [(t, case.budget) for t, (case, _) in zip(tests, work, strict=True) if t.status != "pass"]
        assert [budget is not None for _, budget in stopped] == [True], f"seed {seed}: {stopped}"
        verdict, budget = stopped[0]
        counted = (f"{budget.steps:,} steps", f"{budget.elements:,} elements")
        assert verdict.message.startswith("over the work budget on line "), verdict.message
        assert any(count in verdict.message for count in counted), verdict.message
        assert verdict.message.endswith(budget.slow)


def _problems(tests, work) -> list[str]:
    """Failures, and budgeted cases whose code used more than HEADROOM of a count."""
    problems = [f"{t.name}: {t.message}" for t in tests if t.status != "pass"]
    for case, used in work:
        if case.budget:
            budget = case.budget.as_job()
            over = [name for name in budget if used is None or used[name] > HEADROOM * budget[name]]
            problems += [f"{case.name}: used {used} of {budget}"] if over else []
    return problems


@IN_MODULE_LOOP
@pytest.mark.parametrize(("question_id", "path"), list(_solutions("correct")))
async def test_correct_code_of_every_kind_passes_well_inside_the_budget(sandbox_pool, question_id, path):
    for seed, tests, work in await _runs(sandbox_pool, question_id, path.read_text()):
        assert not _problems(tests, work), f"seed {seed}: {_problems(tests, work)}"


@IN_MODULE_LOOP
@pytest.mark.parametrize("question_id", BUDGETED)
async def test_the_reference_passes_well_inside_the_budget(sandbox_pool, bank, question_id):
    for seed, tests, work in await _runs(sandbox_pool, question_id, reference_solution(bank, question_id)):
        assert not _problems(tests, work), f"seed {seed}: {_problems(tests, work)}"
