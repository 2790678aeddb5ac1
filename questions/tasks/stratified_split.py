"""A seeded stratified train/test split, checked by its properties (any random choice is fine)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from questions.tasks._kit import Case

FUNCTION = "stratified_split"


def expected_test_counts(y, test_fraction: float) -> dict[int, int]:
    """The contract: round(test_fraction * class_count), Python's round on the float product."""
    return {int(c): round(test_fraction * n) for c, n in Counter(np.asarray(y).tolist()).items()}


def _index_array(value, name: str, n: int) -> tuple[np.ndarray | None, str | None]:
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return None, f"`{name}` should be an array of indices"
    if array.dtype.kind == "b":
        return None, f"`{name}` is a boolean mask; return the integer indices (np.flatnonzero(mask))"
    if array.ndim != 1:
        return None, f"`{name}` should be 1-D, got shape {array.shape}"
    if array.dtype.kind not in "iu":
        return None, f"`{name}` should hold integers, got dtype {array.dtype}"
    if array.size and (array.min() < 0 or array.max() >= n):
        return None, f"`{name}` has indices outside 0..{n - 1}"
    if np.any(np.diff(array) < 0):
        return None, f"`{name}` must be sorted in increasing order (np.sort it)"
    if np.unique(array).size != array.size:
        return None, f"`{name}` contains a repeated index"
    return array.astype(np.int64), None


def _split_problem(output, y: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray] | None, str | None]:
    if not isinstance(output, tuple | list) or len(output) != 2:
        return None, "return a tuple (train_idx, test_idx)"
    n = len(y)
    train, problem = _index_array(output[0], "train_idx", n)
    if problem:
        return None, problem
    test, problem = _index_array(output[1], "test_idx", n)
    if problem:
        return None, problem
    assert train is not None and test is not None
    both = np.intersect1d(train, test)
    if both.size:
        return None, f"index {int(both[0])} is in both train_idx and test_idx"
    if train.size + test.size != n:
        missing = np.setdiff1d(np.arange(n), np.concatenate([train, test]))
        return (
            None,
            f"train_idx and test_idx together must cover every index 0..{n - 1};"
            f" {int(missing[0])} is missing",
        )
    return (train, test), None


def _counts_problem(y: np.ndarray, test: np.ndarray, test_fraction: float) -> str | None:
    expected = expected_test_counts(y, test_fraction)
    got = Counter(y[test].tolist())
    for label in sorted(expected):
        if got.get(label, 0) != expected[label]:
            n = int(np.sum(y == label))
            return (
                f"class {label} has {n} samples, so it needs round({test_fraction} * {n}) = {expected[label]}"
                f" in the test set; got {got.get(label, 0)}"
            )
    return None


def _stratified(
    y: np.ndarray,
    test_fraction: float,
    memory: dict | None = None,
    counts: bool = True,
    *,
    same: bool = True,
):
    """Judge one split; calls sharing `memory` must give the same split (`same`) or a different one."""

    def check(output) -> str | None:
        split, problem = _split_problem(output, y)
        if problem:
            return problem
        assert split is not None
        problem = _counts_problem(y, split[1], test_fraction) if counts else None
        if problem or memory is None:
            return problem
        # both calls of a pair store their split; whichever is judged second compares
        if "split" in memory:
            first = memory["split"]
            equal = np.array_equal(first[0], split[0]) and np.array_equal(first[1], split[1])
            if same and not equal:
                return (
                    "two calls with the same y, test_fraction and seed gave different splits:"
                    " seed your generator"
                )
            if not same and equal:
                return (
                    "two different seeds gave the same split: which samples go to the test set must be"
                    " drawn at random from a generator seeded with seed"
                )
        memory["split"] = split
        return None

    return check


def _labels(rng: np.random.Generator, counts: list[int]) -> np.ndarray:
    classes = rng.choice(np.arange(0, 30), size=len(counts), replace=False)
    return rng.permutation(np.repeat(classes, counts)).astype(np.int64)


def _class_counts(rng: np.random.Generator, k: int, test_fraction: float) -> list[int]:
    """Class sizes whose test share is never near .5 (no rounding ties) and, for one class, rounds up."""
    while True:
        counts = [int(c) for c in rng.integers(6, 40, size=k)]
        parts = [test_fraction * c % 1 for c in counts]
        if all(abs(p - 0.5) > 0.05 for p in parts) and any(p > 0.55 for p in parts):
            return counts


def cases(rng: np.random.Generator) -> list[Case]:
    fraction = float(rng.choice([0.2, 0.25, 0.3, 0.35]))
    y = _labels(rng, _class_counts(rng, int(rng.integers(3, 5)), fraction))
    fraction2 = float(rng.choice([0.15, 0.4, 0.45]))
    y2 = _labels(rng, _class_counts(rng, 2, fraction2))
    seed = int(rng.integers(0, 10_000))
    memory: dict = {}

    single = _labels(rng, [*_class_counts(rng, 2, fraction), 1])
    # classes of 30+ samples: two seeded random splits coincide with probability below 1e-7
    many = _labels(rng, [int(c) for c in rng.integers(30, 40, size=3)])
    seeds: dict = {}
    pair = _labels(rng, [*_class_counts(rng, 2, 0.8), 2])
    return [
        Case(
            "sorted integer index arrays that partition 0..n-1",
            "required",
            (y, fraction, seed),
            _stratified(y, fraction, memory, counts=False),
        ),
        Case(
            "each class puts round(test_fraction * class_count) samples in the test set",
            "required",
            (y2, fraction2, seed + 1),
            _stratified(y2, fraction2),
        ),
        Case(
            "the same arguments again: the same split, and round(test_fraction * class_count) per class",
            "required",
            (y, fraction, seed),
            _stratified(y, fraction, memory),
        ),
        Case(
            "a different seed gives a different random split",
            "required",
            (many, 0.3, seed + 2),
            _stratified(many, 0.3, seeds, counts=False, same=False),
        ),
        Case(
            "the other seed",
            "required",
            (many, 0.3, seed + 3),
            _stratified(many, 0.3, seeds, counts=False, same=False),
        ),
        Case(
            "a class with a single sample: round(test_fraction * 1) = 0, so it stays in train",
            "required",
            (single, fraction, seed),
            _stratified(single, fraction),
        ),
        Case(
            "a class of two at test_fraction 0.8: round(1.6) = 2, so both go to the test set",
            "edge",
            (pair, 0.8, seed),
            _stratified(pair, 0.8),
            followup="A class with no training samples: what does the model learn about it, and what would "
            "you do with rare classes in a real split?",
        ),
    ]
