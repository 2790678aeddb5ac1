"""Distinct ids in a sliding window of events; a large case with a counted work budget stops recounting."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._kit import Case, Check, WorkBudget, as_array

FUNCTION = "distinct_in_window"
LARGE, LARGE_WINDOW = 60_000, 15_000
"""A pass with running counts takes about n steps; recounting every window builds about 10^9 elements."""
BUDGET = WorkBudget(
    LARGE,
    "Recounting each window (a set, np.unique or a loop per window) takes about n·window = 900 million"
    " steps or elements; updating counts as the window slides takes about n steps.",
)


def reference(ids: np.ndarray, window: int) -> np.ndarray:
    """Without a sliding loop: event j counts in the windows ending at i in [j, next repeat of its id)."""
    n = len(ids)
    positions = np.arange(n)
    order = np.lexsort((positions, ids))
    next_same = np.full(n, n)
    repeats = ids[order][1:] == ids[order][:-1]
    next_same[order[:-1][repeats]] = order[1:][repeats]
    stop = np.minimum(next_same, positions + window)
    delta = np.zeros(n + 1, dtype=np.int64)
    np.add.at(delta, positions, 1)
    np.add.at(delta, stop, -1)
    return np.cumsum(delta)[:n]


def _counts(ids: np.ndarray, window: int) -> Check:
    expected = reference(ids, window)

    def check(output) -> str | None:
        counts, problem = as_array(output, "counts", expected.shape)
        if problem:
            return problem + " (one count per event, the first window - 1 windows being shorter)"
        assert counts is not None
        wrong = np.flatnonzero(counts != expected)
        if wrong.size == 0:
            return None
        at = int(wrong[0])
        return (
            f"counts[{at}]: expected {expected[at]} distinct ids in events {max(0, at - window + 1)}..{at},"
            f" got {counts[at]:g} ({wrong.size} of {len(expected)} entries differ)"
        )

    return check


def _events(rng: np.random.Generator, n: int, users: int, high: int = 10_000) -> np.ndarray:
    pool = rng.choice(high, size=users, replace=False)
    return pool[rng.zipf(1.6, size=n) % users].astype(np.int64)


def _case(
    name: str, ids: np.ndarray, window: int, followup: str = "", budget: WorkBudget | None = None
) -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (ids, window), _counts(ids, window), followup, budget=budget)


def cases(rng: np.random.Generator) -> list[Case]:
    ids = _events(rng, int(rng.integers(40, 80)), int(rng.integers(8, 20)))
    short = _events(rng, int(rng.integers(10, 20)), 6)
    hashed = rng.integers(2**40, 2**62, size=8)[rng.integers(0, 8, size=int(rng.integers(30, 60)))]
    return [
        _case(
            "distinct ids among the last `window` events, shorter windows at the start",
            ids,
            int(rng.integers(4, 12)),
        ),
        _case("window = 1: every count is 1", short, 1),
        _case("a window longer than the log: the running number of distinct ids", short, len(short) + 5),
        _case(
            f"{LARGE:,} events, window {LARGE_WINDOW:,}, within {BUDGET.terms()}:"
            " update counts as the window slides",
            _events(rng, LARGE, 3000, high=10**6),
            LARGE_WINDOW,
            budget=BUDGET,
        ),
        _case(
            "ids are 64-bit hashes (above 2^40)",
            hashed,
            int(rng.integers(5, 15)),
            followup="User ids are now 64-bit hashes. What happens to a counts array indexed by id "
            "(np.bincount, np.zeros(ids.max() + 1)), and what do you use instead?",
        ),
    ]
