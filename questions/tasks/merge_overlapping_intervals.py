"""Merge overlapping closed intervals; a large case with a counted work budget stops an all-pairs merge."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._kit import Case, Check, WorkBudget, as_array

FUNCTION = "merge_intervals"
LARGE = 50_000
"""Intervals in the large case: sort-and-sweep takes about n steps, an O(n²) merge about 10^9."""
BUDGET = WorkBudget(
    LARGE,
    "Comparing each interval with every other, or with the whole merged list, takes about n²/2 = 1.25"
    " billion steps or elements; sorting once and sweeping takes about n steps.",
)
SPAN = 10_000_000
"""Coordinates stay below 2^24, so float32 holds every one of them exactly."""


def reference(intervals: np.ndarray) -> np.ndarray:
    """From coverage counts rather than a sweep: endpoints joined wherever the gap after one stays covered."""
    if len(intervals) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    points = np.unique(intervals)
    # just after point p, the intervals still open are those with start <= p minus those with end <= p
    still_open = np.searchsorted(np.sort(intervals[:, 0]), points, side="right") - np.searchsorted(
        np.sort(intervals[:, 1]), points, side="right"
    )
    closes = np.flatnonzero(still_open == 0)
    opens = np.concatenate([[0], closes[:-1] + 1])
    return np.stack([points[opens], points[closes]], axis=1)


def _merged(intervals: np.ndarray) -> Check:
    expected = reference(intervals)

    def check(output) -> str | None:
        merged, problem = as_array(output, "merged")
        if problem:
            return problem
        assert merged is not None
        if merged.size == 0 and expected.size == 0:
            return None if merged.shape == (0, 2) else f"return an array of shape (0, 2), got {merged.shape}"
        if merged.ndim != 2 or merged.shape[1:] != (2,):
            return f"return an (m, 2) array of [start, end] rows, got shape {merged.shape}"
        if len(merged) != len(expected):
            return f"expected {len(expected)} merged intervals, got {len(merged)}"
        wrong = np.flatnonzero(np.any(merged != expected, axis=1))
        if wrong.size == 0:
            return None
        row = int(wrong[0])
        return (
            f"row {row}: expected {expected[row].tolist()}, got {merged[row].tolist()}"
            f" ({wrong.size} of {len(expected)} rows differ; rows are sorted by start)"
        )

    return check


def _random(rng: np.random.Generator, n: int, span: int, longest: int) -> np.ndarray:
    starts = rng.integers(0, span - longest, size=n)
    return np.stack([starts, starts + rng.integers(0, longest, size=n)], axis=1).astype(np.int64)


def _planted(rng: np.random.Generator) -> np.ndarray:
    """An interval holding a shorter one, and two that only touch, away from the random ones."""
    base = int(rng.integers(SPAN // 2, SPAN - 1000))
    rows = [[base, base + 100], [base + 10, base + 20], [base + 300, base + 350], [base + 350, base + 400]]
    return np.array(rows, dtype=np.int64)


def _case(name: str, intervals: np.ndarray, followup: str = "", budget: WorkBudget | None = None) -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (intervals,), _merged(intervals), followup, budget=budget)


def _shuffled(rng: np.random.Generator, *parts: np.ndarray) -> np.ndarray:
    rows = np.concatenate(parts)
    return rows[rng.permutation(len(rows))]


def cases(rng: np.random.Generator) -> list[Case]:
    small = _shuffled(rng, _random(rng, int(rng.integers(12, 20)), 200, 30))
    traps = _shuffled(rng, _random(rng, int(rng.integers(5, 10)), SPAN // 4, 50), _planted(rng))
    large = _shuffled(rng, _random(rng, LARGE, SPAN, 120), _planted(rng))
    return [
        _case("unsorted overlapping intervals, merged and sorted by start", small),
        _case("an interval inside another keeps the outer end; touching intervals merge", traps),
        _case("a single interval comes back as it is", _random(rng, 1, 100, 10)),
        _case(f"{LARGE:,} intervals within {BUDGET.terms()}: sort once, then one pass", large, budget=BUDGET),
        _case(
            "no intervals: an empty (0, 2) array",
            np.zeros((0, 2), dtype=np.int64),
            followup="What should merging an empty list return, and with which shape, so that callers need "
            "no special case?",
        ),
    ]
