"""Offline grading time per free-text answer (target: p99 ≤ 10 ms).

Grades every labelled answer in tests/data/grader_labels/ plus every concept and behavioral
reference answer in the bank, round after round. Each answer is made unique per round (a counter
is appended) so the per-text caches never answer for the grader; the bank's phrase caches stay warm,
as in a running bot. The floor is tokenising the same unique text alone, measured interleaved in the
same run, so the ratio shows what matching, misconceptions, salad and ownership checks add.
Wall time and this thread's CPU time are both reported: on a shared, busy machine the wall-clock p99
mostly measures waiting for a core, which the CPU time leaves out.

    python bench/grading.py [--rounds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.grading import grade, tokenize
from questions import Kind, Question, load_bank

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "grader_labels"


def corpus() -> list[tuple[Question, str]]:
    """(question, answer) pairs: labelled chat answers and the bank's own reference answers."""
    bank = load_bank()
    pairs = []
    for path in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        question = bank.questions[data["question"]]
        pairs += [(question, answer["text"]) for answer in data["answers"]]
    free_text = (Kind.CONCEPT, Kind.BEHAVIORAL)
    pairs += [(q, q.answer) for q in bank if q.kind in free_text and q.generator is None]
    return pairs


def summary(samples: list[float], floor: float | None = None) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    result = {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(p99, 3),
        "max_ms": round(ordered[-1], 3),
    }
    if floor:
        result["ratio_p50_vs_floor"] = round(statistics.median(ordered) / floor, 1)
    return result


def run(rounds: int) -> dict:
    pairs = corpus()
    for question, text in pairs:  # warm the bank-side caches (phrases, prompts), as a running bot has
        grade(question, text)
    samples: dict[str, list[float]] = {"floor_wall": [], "floor_cpu": [], "grade_wall": [], "grade_cpu": []}
    for round_number in range(rounds):
        for question, text in pairs:
            unique = f"{text} ({round_number})"
            timed(samples, "floor", partial(tokenize, unique + " "))
            timed(samples, "grade", partial(grade, question, unique))
    result: dict = {"answers": len(pairs), "rounds": rounds}
    for clock in ("wall", "cpu"):
        floor = summary(samples[f"floor_{clock}"])
        result[f"floor_tokenize_{clock}"] = floor
        result[f"grade_{clock}"] = summary(samples[f"grade_{clock}"], floor["p50_ms"])
    return result


def timed(samples: dict[str, list[float]], name: str, work: Callable[[], object]) -> None:
    wall, cpu = time.perf_counter(), time.thread_time()
    work()
    samples[f"{name}_cpu"].append((time.thread_time() - cpu) * 1000)
    samples[f"{name}_wall"].append((time.perf_counter() - wall) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    result = run(args.rounds)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['answers']} answers x {result['rounds']} rounds")
    for name in ("floor_tokenize_wall", "grade_wall", "floor_tokenize_cpu", "grade_cpu"):
        print(f"  {name:20s} " + "  ".join(f"{k} {v}" for k, v in result[name].items()))


if __name__ == "__main__":
    main()
