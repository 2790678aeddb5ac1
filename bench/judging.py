"""The event loop's longest step while hostile results are read and judged, and what judging costs.

Each hostile submission of the hostile suite (tests/support/hostile_output.py: forged frames with deep
nesting, wrong types, huge integers, a 7 MB message, a million values; results over the size cap)
runs through the real sandbox and the checker `--repeat` times, with a heartbeat measuring how late
the loop wakes: its longest step. The suite fails only on a step over 1 s; this prints the figures.

    python bench/judging.py [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.checks import CodeChecker
from bot.sandbox import SandboxPool, find_launcher
from tests.support.hostile_output import HOSTILE, LoopLag


async def measure(checker: CodeChecker, code: str, seed: int) -> tuple[float, float]:
    """(the loop's longest step, the time spent after the run: reading and judging), in ms."""
    async with LoopLag() as lag:
        started = time.perf_counter()
        verdict = await checker.check("kmeans", code, seed)
        total = (time.perf_counter() - started) * 1000
    assert not verdict.passed
    return lag.longest * 1000, total - verdict.duration_ms


async def main(repeat: int) -> dict:
    pool = SandboxPool(find_launcher())
    await pool.start()
    checker = CodeChecker(pool)
    cases = {}
    for name, (code, _) in HOSTILE.items():
        samples = [await measure(checker, code, seed) for seed in range(repeat)]
        cases[name] = {
            "longest_step_ms": round(max(step for step, _ in samples), 1),
            "judge_ms_p50": round(statistics.median(judging for _, judging in samples), 1),
        }
    await pool.close()
    return {
        "repeat": repeat,
        "longest_step_ms": max(case["longest_step_ms"] for case in cases.values()),
        "cases": cases,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = asyncio.run(main(options.repeat))
    if not options.json:
        print(f"longest event-loop step over {options.repeat} runs of each: {result['longest_step_ms']} ms")
        for name, case in result["cases"].items():
            step, judging = case["longest_step_ms"], case["judge_ms_p50"]
            print(f"  {name:28} step {step:7.1f} ms   judging {judging:7.1f} ms")
    print(json.dumps(result))
