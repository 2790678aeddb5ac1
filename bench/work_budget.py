"""Work budgets: what correct and slow code uses of them, and what counting costs in time.

For each task with a budgeted case, on that large case (seed 0):
- the reference and every alternative correct solution (tests/questions/tasks/correct/<id>): the steps
  and elements it used, and its time in the real sandbox (the call alone, as the harness measures it)
  counted and uncounted (the same job without the budget), alternating, as medians and ranges over
  --rounds; the uncounted run is the floor;
- every slow wrong solution (tests/questions/tasks/wrong/<id>, docstring "Correct but"): where the
  budget stopped it and how long that took in the sandbox, and the work it would need in full, counted
  in this interpreter without a budget at n/16, n/8 and n/4 and extrapolated to n by the fitted power.

    python bench/work_budget.py [--rounds 7] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.checks import job_for
from bot.checks._schema import read_report
from bot.sandbox import SandboxPool, find_launcher
from bot.sandbox._harness import WorkCounter, instrumented
from questions import load_bank
from questions.tasks import Case, require_task
from tests.support.solutions import only_too_slow, reference_solution

TASKS = Path(__file__).resolve().parent.parent / "tests" / "questions" / "tasks"
FRACTIONS = (1 / 16, 1 / 8, 1 / 4)


def large_case(task: ModuleType) -> Case:
    return next(case for case in task.cases(np.random.default_rng(0)) if case.budget)


def solutions(question_id: str, folder: str, slow: bool) -> dict[str, str]:
    found = {}
    for path in sorted((TASKS / folder / question_id.replace("-", "_")).glob("*.py")):
        if only_too_slow(path.read_text()) == slow:
            found[path.stem] = path.read_text()
    return found


def scaled_inputs(question_id: str, task: ModuleType, n: int) -> tuple[Any, ...]:
    """The large case's kind of input at size n (a window of the same share of n for the window task)."""
    rng = np.random.default_rng(0)
    if question_id == "merge-overlapping-intervals":
        return (task._random(rng, n, task.SPAN, 120),)
    return task._events(rng, n, 3000, high=10**6), n * task.LARGE_WINDOW // task.LARGE


def full_work(question_id: str, task: ModuleType, code: str, n: int) -> dict[str, int]:
    """Steps and elements at size n with no budget to stop at, in this interpreter."""
    unlimited = 10**15
    counter = WorkCounter({"steps": unlimited, "elements": unlimited})
    namespace = {"__name__": "__submission__", **counter.namespace()}
    exec(instrumented(code), namespace)
    namespace[task.FUNCTION](*scaled_inputs(question_id, task, n))
    return counter.used()


def extrapolated(question_id: str, task: ModuleType, code: str, n: int) -> dict[str, float]:
    """Each count at n, from its power-law fit over FRACTIONS of n, and the fitted power."""
    sizes = [round(n * f) for f in FRACTIONS]
    counts = [full_work(question_id, task, code, size) for size in sizes]
    result: dict[str, float] = {}
    for name in counts[0]:
        values = [max(c[name], 1) for c in counts]
        power, offset = np.polyfit(np.log(sizes), np.log(values), 1)
        result[name] = round(math.exp(offset) * n**power)
        result[f"{name}_power"] = round(float(power), 2)
    return result


async def sandbox_run(pool: SandboxPool, function: str, code: str, case: Case) -> dict[str, Any]:
    raw = await pool.run(job_for(function, code, [case]))
    entry = read_report(raw.result or "", 1).tests[0]
    text = json.loads(raw.result or "{}")["tests"][0]
    return {"ms": text["ms"], "work": entry.work, "error": entry.error and entry.error.type}


def spread(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
    }


async def correct_entry(pool: SandboxPool, function: str, code: str, case: Case, rounds: int) -> dict:
    uncounted = Case(case.name, case.kind, case.args, case.check)
    counted_ms, floor_ms, work = [], [], None
    for _ in range(rounds):
        counted = await sandbox_run(pool, function, code, case)
        floor_ms.append((await sandbox_run(pool, function, code, uncounted))["ms"])
        counted_ms.append(counted["ms"])
        work = counted["work"]
    ratio = statistics.median(counted_ms) / statistics.median(floor_ms)
    return {
        "work": work,
        "counted_ms": spread(counted_ms),
        "floor_ms": spread(floor_ms),
        "ratio": round(ratio, 2),
    }


async def measure(rounds: int) -> dict[str, dict]:
    bank = load_bank()
    pool = SandboxPool(find_launcher())
    await pool.start()
    report: dict[str, dict] = {}
    try:
        for question_id in ("merge-overlapping-intervals", "window-distinct-count"):
            task = require_task(question_id)
            case = large_case(task)
            assert case.budget is not None
            entry: dict[str, Any] = {"budget": case.budget.as_job(), "correct": {}, "slow": {}}
            correct = {"reference": reference_solution(bank, question_id)} | solutions(
                question_id, "correct", False
            )
            for name, code in correct.items():
                entry["correct"][name] = await correct_entry(pool, task.FUNCTION, code, case, rounds)
                print(question_id, name, entry["correct"][name], file=sys.stderr, flush=True)
            for name, code in solutions(question_id, "wrong", True).items():
                stopped = await sandbox_run(pool, task.FUNCTION, code, case)
                full = extrapolated(question_id, task, code, case.budget.n)
                entry["slow"][name] = {"stopped": stopped, "full_at_n": full}
                print(question_id, name, entry["slow"][name], file=sys.stderr, flush=True)
            report[question_id] = entry
    finally:
        await pool.close()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds per correct solution")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    report = asyncio.run(measure(args.rounds))
    if args.json:
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
