"""Code-check fairness: do correct solutions pass in any float precision, and is wrong code still caught?

For every code task and seed, through the real sandbox pool:
- the bank's reference solution (float64), and the same solution computing in float32 (inputs cast
  down, every float64 choice rewritten, outputs returned as float32): share of required tests
  passed, and share of seeds whose verdict passes;
- with --wrong, every wrong implementation in tests/questions/tasks/wrong, as written and computing
  in each of --dtypes: seeds on which it slipped through (should be none; a slow but correct one,
  whose docstring starts "Correct but", also slips through where a timeout stopped it, not the
  work budget);
- every alternative correct solution in tests/questions/tasks/correct (Python loops, numpy, float32
  for the tasks with a work budget), as written: the same pass rates as the reference.
SQL tasks run their reference query and wrong queries (`*.sql`) as written: they have no float dtype.

    python bench/check_fairness.py [--seeds 100] [--dtypes float32 float16] [--wrong] [--tasks ID] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.checks import function_of, judge, task_job
from bot.checks._verdict import TestResult
from bot.sandbox import SandboxPool, find_launcher
from questions import Kind, Language, load_bank
from questions.tasks import language_of, require_task
from tests.support.solutions import lowered, only_too_slow, reference_solution

TASK_TESTS = Path(__file__).resolve().parent.parent / "tests" / "questions" / "tasks"
WRONG, CORRECT = TASK_TESTS / "wrong", TASK_TESTS / "correct"


async def run_seeds(pool: SandboxPool, question_id: str, code: str, seeds: range) -> list[list[TestResult]]:
    task = require_task(question_id)

    async def one(seed: int) -> list[TestResult]:
        cases = task.cases(np.random.default_rng(seed))
        return judge(function_of(task), cases, await pool.run(task_job(task, code, cases)))[0]

    return await asyncio.gather(*(one(seed) for seed in seeds))


def pass_rates(runs: list[list[TestResult]]) -> dict[str, object]:
    """Share of required tests passed, share of seeds passing, and the first failure seen."""
    required = [t for tests in runs for t in tests if t.kind == "required"]
    passing = [all(t.status == "pass" for t in tests if t.kind == "required") for tests in runs]
    edge = [t for tests in runs for t in tests if t.kind == "edge"]
    failure = next((f"{t.name}: {t.message}" for tests in runs for t in tests if t.status != "pass"), "")
    return {
        "required_pass": round(sum(t.status == "pass" for t in required) / len(required), 3),
        "seeds_pass": round(sum(passing) / len(passing), 3),
        "edge_pass": round(sum(t.status == "pass" for t in edge) / len(edge), 3) if edge else None,
        "first_failure": failure[:300],
    }


def slipped_through(runs: list[list[TestResult]], slow: bool = False) -> int:
    """Seeds it passed; for a slow one, seeds on which anything but the work budget stopped it too."""
    if slow:
        return sum(not any(t.message.startswith("over the work budget") for t in tests) for tests in runs)
    return sum(all(t.status == "pass" for t in tests if t.kind == "required") for tests in runs)


async def wrong_slipped_through(
    pool: SandboxPool, question_id: str, seeds: range, dtypes: list[str]
) -> dict[str, int]:
    """Per wrong implementation, as written and computing in each lower precision: seeds it passed."""
    task = require_task(question_id)
    function, suffix = function_of(task), "sql" if language_of(task) is Language.SQL else "py"
    counts = {}
    for path in sorted((WRONG / question_id.replace("-", "_")).glob(f"*.{suffix}")):
        variants = [(path.stem, path.read_text())]
        variants += [
            (f"{path.stem} ({dtype})", lowered(path.read_text(), function, dtype)) for dtype in dtypes
        ]
        slow = only_too_slow(path.read_text())
        for name, code in variants:
            counts[name] = slipped_through(await run_seeds(pool, question_id, code, seeds), slow)
    return counts


async def measure(seeds: range, dtypes: list[str], wrong: bool, only: list[str]) -> dict[str, dict]:
    bank = load_bank()
    pool = SandboxPool(find_launcher())
    await pool.start()
    report: dict[str, dict] = {}
    try:
        for question_id in sorted(q.id for q in bank if q.kind is Kind.CODE and (not only or q.id in only)):
            task = require_task(question_id)
            task_dtypes = dtypes if language_of(task) is Language.PYTHON else []  # SQL has no float dtype
            code = reference_solution(bank, question_id)
            runs = await run_seeds(pool, question_id, code, seeds)
            entry: dict[str, object] = {"float64": pass_rates(runs)}
            for dtype in task_dtypes:
                runs = await run_seeds(pool, question_id, lowered(code, function_of(task), dtype), seeds)
                entry[dtype] = pass_rates(runs)
            for path in sorted((CORRECT / question_id.replace("-", "_")).glob("*.py")):
                entry[path.stem] = pass_rates(await run_seeds(pool, question_id, path.read_text(), seeds))
            if wrong:
                entry["wrong_slipped_through"] = await wrong_slipped_through(
                    pool, question_id, seeds, task_dtypes
                )
            report[question_id] = entry
            variants = [name for name in entry if name not in ("float64", "wrong_slipped_through")]
            print(_line(question_id, entry, variants), file=sys.stderr, flush=True)
    finally:
        await pool.close()
    return report


def _line(question_id: str, entry: dict, variants: list[str]) -> str:
    parts = [f"{question_id:30}"]
    for variant in ["float64", *variants]:
        rates = entry[variant]
        parts.append(
            f"{variant} required {rates['required_pass']:6.1%} seeds {rates['seeds_pass']:6.1%}"
            f" edge {rates['edge_pass'] or 0:6.1%}"
        )
    slipped = {name: n for name, n in entry.get("wrong_slipped_through", {}).items() if n}
    if "wrong_slipped_through" in entry:
        parts.append(f"wrong slipped through: {slipped or 'none'}")
    failures = (entry[variant]["first_failure"] for variant in ["float64", *variants])
    failure = next((text for text in failures if text), "")
    return " | ".join(parts) + (f"\n    e.g. {failure}" if failure else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds per task (default 20)")
    parser.add_argument("--dtypes", nargs="*", default=["float32"], help="precisions to lower to")
    parser.add_argument("--wrong", action="store_true", help="also run every wrong implementation")
    parser.add_argument("--tasks", nargs="*", default=[], help="only these question ids")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = parser.parse_args()
    report = asyncio.run(measure(range(args.seeds), args.dtypes, args.wrong, args.tasks))
    if args.json:
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
