"""Start-up speed: the console ready-and-quit and `screenprep grade` of one answer, against a floor.

The floor is a bare interpreter importing what any ScreenPrep command needs (numpy, aiosqlite, yaml,
pydantic). Each round runs the floor and both commands once, interleaved, so load on the machine
weighs on all three alike; the ratios are of medians. Our modules are byte-compiled first, as Python
does on any first run (unless PYTHONDONTWRITEBYTECODE is set, when every run compiles them afresh), so
the figures are for every run after the first.

    python bench/startup.py [--rounds 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import numpy, aiosqlite, yaml, pydantic"]
CLI = [sys.executable, "-m", "adapters.cli"]
ANSWER = "Dropout zeroes each unit with probability p during training and scales survivors by 1/(1-p)."


def timed(command: list[str], stdin: str = "") -> float:
    """Wall seconds for one run; a failed run stops the benchmark rather than flatter it."""
    started = time.perf_counter()
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT, env=_env())
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed


def byte_compile() -> None:
    """Write the __pycache__ a first run writes, even where PYTHONDONTWRITEBYTECODE would stop it."""
    folders = [str(ROOT / name) for name in ("adapters", "bot", "questions", "storage")]
    compile_all = [sys.executable, "-m", "compileall", "-q", *folders]
    subprocess.run(compile_all, check=True, stdout=subprocess.DEVNULL)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN")}


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
        "stdev_s": round(statistics.stdev(samples), 3) if len(samples) > 1 else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    byte_compile()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        answer = Path(folder) / "answer.txt"
        answer.write_text(ANSWER)
        console = [*CLI, "--db", db, "console"]
        grade = [*CLI, "grade", "--question", "dropout", str(answer)]
        timed(console, "/quit\n")  # creates the database, so every timed run opens an existing file
        runs: dict[str, list[float]] = {"floor": [], "console": [], "grade": []}
        for _ in range(args.rounds):
            runs["floor"].append(timed(FLOOR))
            runs["console"].append(timed(console, "/quit\n"))
            runs["grade"].append(timed(grade))
    figures = {name: summary(samples) for name, samples in runs.items()}
    floor = figures["floor"]["median_s"]
    ratios = {f"{name}_ratio": round(figures[name]["median_s"] / floor, 2) for name in ("console", "grade")}
    targets = {"console_ratio": 2.0, "grade_ratio": 2.5}
    report = {"rounds": args.rounds, **figures, **ratios, "targets": targets}
    if args.json:
        print(json.dumps(report))
        return
    for name in runs:
        f = figures[name]
        print(f"{name:8} median {f['median_s']:.3f} s  (min {f['min_s']:.3f}, max {f['max_s']:.3f})")
    print(f"console ready-and-quit: {ratios['console_ratio']}x the floor (target <= 2.0x)")
    print(f"grade one answer:       {ratios['grade_ratio']}x the floor (target <= 2.5x)")


if __name__ == "__main__":
    main()
