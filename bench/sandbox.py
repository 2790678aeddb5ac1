"""Sandbox speed: warm pool vs cold sandbox vs the same check in-process, plus a burst of 30 users.

Each of 40 interleaved rounds runs the k-means check (numpy), a pure-Python check, a SQL check (the
funnel task's reference query) and a pandas group-by check three ways: in-process (the floor), on a
warm pooled worker, and on a fresh cold sandbox. The numpy, Python and SQL floors run in this
interpreter; the pandas floor runs in the sandbox's own interpreter (which has Debian's pandas), warm,
with no isolation. The numpy, Python and SQL checks also run on that same-interpreter floor, so the
isolation's own cost is shown apart from the difference between this interpreter's numpy and the
sandbox's. Then 30 k-means submissions arrive at once on a pool of one worker per core.

    python bench/sandbox.py [--rounds 40] [--burst 30] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.checks import CodeChecker, function_of, job_for, judge, task_job
from bot.sandbox import RawRun, SandboxPool, find_launcher
from bot.sandbox._harness import run_submission
from questions import load_bank
from questions.tasks import Case, require_task
from tests.support.solutions import reference_solution

SQL_TASK = "sql-funnel-conversion"
LABELS = ("numpy", "python", "sql", "pandas")
PURE_PYTHON = """
def word_counts(lines):
    counts = {}
    for line in lines:
        for word in line.split():
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
"""


def pure_python_cases(rng: np.random.Generator) -> list[Case]:
    words = [f"w{i}" for i in range(50)]
    lines = [" ".join(rng.choice(words, 12)) for _ in range(300)]
    return [Case("top words", "required", (lines,), lambda out: None if isinstance(out, list) else "list")]


def in_process(job: dict, limits: dict) -> RawRun:
    """The floor: the same harness and judging, in this interpreter, with no isolation at all."""
    with tempfile.TemporaryFile() as result:
        started = time.perf_counter()
        run_submission({**job, "limits": limits}, result.fileno())
        elapsed = (time.perf_counter() - started) * 1000
        result.seek(0)
        return RawRun(0, False, False, elapsed, result.read()[4:].decode())


PANDAS_TASK = "user-conversion-summary"

FLOOR_DRIVER = """
import json, os, sys, tempfile, time
import numpy, pandas
channel, sys.stdout = sys.stdout, open(os.devnull, "w")
for line in sys.stdin:
    job = json.loads(line)
    with tempfile.TemporaryFile() as result:
        started = time.perf_counter()
        run_submission(job, result.fileno())
        elapsed = (time.perf_counter() - started) * 1000
        result.seek(0)
        channel.write(json.dumps({"ms": elapsed, "result": result.read()[4:].decode()}) + "\\n")
        channel.flush()
"""
"""Runs after the harness's source in the sandbox interpreter: pandas imported once, then job after job."""


class InterpreterFloor:
    """The harness, warm, in another interpreter (the sandbox's, for pandas): a floor without isolation."""

    def __init__(self, python: str, workdir: str) -> None:
        harness = (Path(__file__).resolve().parent.parent / "bot" / "sandbox" / "_harness.py").read_text()
        self.process = subprocess.Popen(
            [python, "-c", harness + FLOOR_DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=workdir,
        )

    def run(self, job: dict, limits: dict) -> RawRun:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({**job, "limits": limits}) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        return RawRun(0, False, False, reply["ms"], reply["result"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


def timed_judge(function: str, cases: list[Case], run) -> float:
    started = time.perf_counter()
    tests, _ = judge(function, cases, run())
    assert all(t.status == "pass" for t in tests if t.kind == "required"), tests
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def spread(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(percentile(values, 0.95), 2),
        "stdev": round(statistics.pstdev(values), 2),
    }


def pool_memory_mb(pool: SandboxPool) -> float:
    """Proportional set size of every worker process tree, so shared pages are not double counted."""
    from tests.support.sandbox import tree_memory_mb

    return round(sum(tree_memory_mb(pid) for pid in pool.worker_pids()), 1)


async def main(rounds: int, burst: int) -> dict:
    pool = SandboxPool(find_launcher())
    await pool.start()
    limits = pool.limits.as_job()
    bank = load_bank()
    kmeans, funnel, pandas_task = require_task("kmeans"), require_task(SQL_TASK), require_task(PANDAS_TASK)
    solution, query = reference_solution(bank, "kmeans"), reference_solution(bank, SQL_TASK)
    pandas_solution = reference_solution(bank, PANDAS_TASK)
    samples: dict[str, list[float]] = {
        f"{way}_{label}": [] for label in LABELS for way in ("floor", "same", "warm", "cold")
    }
    workdir = tempfile.TemporaryDirectory()
    sandbox_floor = InterpreterFloor(pool.launcher.python, workdir.name)
    for round_number in range(rounds):
        rng = np.random.default_rng(round_number)
        kmeans_cases, python_cases, sql_cases = kmeans.cases(rng), pure_python_cases(rng), funnel.cases(rng)
        pandas_cases = pandas_task.cases(rng)
        for label, function, job, cases, floor in (
            (
                "numpy",
                kmeans.FUNCTION,
                job_for(kmeans.FUNCTION, solution, kmeans_cases),
                kmeans_cases,
                in_process,
            ),
            (
                "python",
                "word_counts",
                job_for("word_counts", PURE_PYTHON, python_cases),
                python_cases,
                in_process,
            ),
            ("sql", function_of(funnel), task_job(funnel, query, sql_cases), sql_cases, in_process),
            (
                "pandas",
                function_of(pandas_task),
                task_job(pandas_task, pandas_solution, pandas_cases),
                pandas_cases,
                sandbox_floor.run,
            ),
        ):
            floor_ms = timed_judge(function, cases, lambda j=job, f=floor: f(j, limits))
            samples[f"floor_{label}"].append(floor_ms)
            samples[f"same_{label}"].append(
                floor_ms
                if floor == sandbox_floor.run
                else timed_judge(function, cases, lambda j=job: sandbox_floor.run(j, limits))
            )
            warm = await _timed(pool.run(job))
            samples[f"warm_{label}"].append(warm[0] + timed_judge(function, cases, lambda w=warm: w[1]))
            cold = await _timed(pool.run_cold(job))
            samples[f"cold_{label}"].append(cold[0] + timed_judge(function, cases, lambda c=cold: c[1]))
    sandbox_floor.close()
    workdir.cleanup()
    memory = pool_memory_mb(pool)
    checker = CodeChecker(pool)
    started = time.perf_counter()

    async def user(seed: int) -> float:
        verdict = await checker.check("kmeans", solution, seed)
        assert verdict.passed
        return time.perf_counter() - started

    latencies = await asyncio.gather(*(user(seed) for seed in range(burst)))
    burst_total = time.perf_counter() - started
    await pool.close()
    stats = {key: spread(values) for key, values in samples.items()}
    return {
        "cores": os.cpu_count(),
        "pool_size": pool.size,
        "rounds": rounds,
        "sandbox": pool.info,
        "floor_ms_numpy": stats["floor_numpy"]["p50"],
        "warm_ms_numpy": stats["warm_numpy"]["p50"],
        "cold_ms_numpy": stats["cold_numpy"]["p50"],
        "warm_ratio_numpy": round(stats["warm_numpy"]["p50"] / stats["floor_numpy"]["p50"], 2),
        **{
            f"warm_ratio_same_interpreter_{label}": round(
                stats[f"warm_{label}"]["p50"] / stats[f"same_{label}"]["p50"], 2
            )
            for label in LABELS
        },
        "cold_ratio_numpy": round(stats["cold_numpy"]["p50"] / stats["floor_numpy"]["p50"], 2),
        "floor_ms_python": stats["floor_python"]["p50"],
        "warm_ms_python": stats["warm_python"]["p50"],
        "cold_ms_python": stats["cold_python"]["p50"],
        "warm_ratio_python": round(stats["warm_python"]["p50"] / stats["floor_python"]["p50"], 2),
        "floor_ms_sql": stats["floor_sql"]["p50"],
        "warm_ms_sql": stats["warm_sql"]["p50"],
        "cold_ms_sql": stats["cold_sql"]["p50"],
        "warm_ratio_sql": round(stats["warm_sql"]["p50"] / stats["floor_sql"]["p50"], 2),
        "floor_ms_pandas": stats["floor_pandas"]["p50"],
        "warm_ms_pandas": stats["warm_pandas"]["p50"],
        "cold_ms_pandas": stats["cold_pandas"]["p50"],
        "warm_ratio_pandas": round(stats["warm_pandas"]["p50"] / stats["floor_pandas"]["p50"], 2),
        "burst_users": burst,
        "burst_total_s": round(burst_total, 3),
        "burst_p50_s": round(statistics.median(latencies), 3),
        "burst_p95_s": round(percentile(latencies, 0.95), 3),
        "pool_memory_mb": memory,
        "spread_ms": stats,
    }


async def _timed(awaitable):
    started = time.perf_counter()
    result = await awaitable
    return (time.perf_counter() - started) * 1000, result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = asyncio.run(main(options.rounds, options.burst))
    if not options.json:
        print(
            f"{result['cores']} cores, pool of {result['pool_size']}, {result['rounds']} interleaved rounds"
        )
        for label in LABELS:
            floor, warm = result[f"floor_ms_{label}"], result[f"warm_ms_{label}"]
            print(
                f"  {label:6} floor {floor:7.2f} ms   warm {warm:7.2f} ms"
                f" ({result[f'warm_ratio_{label}']}x; {result[f'warm_ratio_same_interpreter_{label}']}x"
                f" the sandbox interpreter's floor)   cold {result[f'cold_ms_{label}']:7.2f} ms"
            )
        print(
            f"  burst of {result['burst_users']}: total {result['burst_total_s']} s, "
            f"p50 {result['burst_p50_s']} s, p95 {result['burst_p95_s']} s"
        )
        print(f"  pool memory (PSS): {result['pool_memory_mb']} MB")
    print(json.dumps(result))
