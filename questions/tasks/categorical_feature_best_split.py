"""Best binary split of a categorical feature by weighted Gini: which categories go left."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any, Literal

import numpy as np

from questions.tasks._kit import Case, Check, as_array, distinct_digits, within

FUNCTION = "best_category_split"
NAMES = ("BR", "CA", "DE", "ES", "FR", "GB", "IN", "IT", "JP", "KR", "MX", "US", "ZA")

Split = frozenset[str]


def _gini(positives: int, total: int) -> Fraction:
    p = Fraction(positives, total)
    return 2 * p * (1 - p)


def impurities(categories: list[str], y: np.ndarray) -> dict[Split, Fraction]:
    """Every split, by brute force over subsets, keyed by the side holding the first category in order."""
    names = sorted(set(categories))
    count = {name: 0 for name in names}
    positive = {name: 0 for name in names}
    for name, label in zip(categories, y.tolist(), strict=True):
        count[name] += 1
        positive[name] += int(label)
    n, total_positive = len(categories), sum(positive.values())
    result = {}
    rest = names[1:]
    for size in range(len(rest)):
        for others in combinations(rest, size):
            left = frozenset((names[0], *others))
            n_left, p_left = sum(count[c] for c in left), sum(positive[c] for c in left)
            n_right, p_right = n - n_left, total_positive - p_left
            # (n_L/n)·2p_L(1 − p_L) + (n_R/n)·2p_R(1 − p_R), over one common denominator
            spread = p_left * (n_left - p_left) * n_right + p_right * (n_right - p_right) * n_left
            result[left] = Fraction(2 * spread, n * n_left * n_right)
    return result


def reference(categories: list[str], y: np.ndarray) -> tuple[list[str] | None, float]:
    return _best(impurities(categories, y), y)


def _best(splits: dict[Split, Fraction], y: np.ndarray) -> tuple[list[str] | None, float]:
    if not splits:
        return None, float(_gini(int(y.sum()), len(y)))
    best = min(splits, key=lambda left: splits[left])
    return sorted(best), float(splits[best])


def _split(categories: list[str], y: np.ndarray) -> Check:
    splits = impurities(categories, y)
    expected_left, expected_impurity = _best(splits, y)
    names = set(categories)

    def check(output: Any) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (left_categories, impurity)"
        left, impurity = output
        if expected_left is None:
            if left is not None:
                return f"only one category, so no split exists: left should be None, got {left!r}"
        else:
            problem = _left_problem(left, set(expected_left), names, splits)
            if problem:
                return problem
        value, problem = as_array(impurity, "impurity", ())
        if problem:
            return problem
        assert value is not None
        if within(value, expected_impurity, atol=1e-9, scale=1.0):
            return None
        want, got = distinct_digits(expected_impurity, float(value))
        return f"impurity: expected {want}, got {got} (the two sides' Gini 2p(1 − p), weighted by n_side / n)"

    return check


def _left_problem(
    left: Any, expected: set[str], names: set[str], splits: dict[Split, Fraction]
) -> str | None:
    if not isinstance(left, list | tuple) or not all(isinstance(c, str) for c in left):
        return f"left should be a list of category names, got {type(left).__name__}"
    chosen = set(left)
    if chosen == expected:
        return None
    if chosen == names - expected:
        return "that is the other side of the best split: return the side holding the first category (sorted)"
    key = frozenset(chosen if min(names) in chosen else names - chosen)
    if key in splits:
        theirs, best = float(splits[key]), float(min(splits.values()))
        return f"left {sorted(chosen)} has weighted Gini {theirs:.6g}; {sorted(expected)} has {best:.6g}"
    return f"left {sorted(chosen)} is not a split of the categories {sorted(names)}"


def _accepts(categories: list[str], y: np.ndarray, strict: bool) -> bool:
    """The best split is unique; if strict, it also has two categories or more on each side and beats every
    alphabetical prefix (so one-vs-rest and name-ordered scans miss it)."""
    splits = impurities(categories, y)
    values = sorted(splits.values())
    if len(values) < 2 or values[0] == values[1]:
        return False
    if not strict:
        return True
    best = min(splits, key=lambda left: splits[left])
    names = sorted(set(categories))
    if min(len(best), len(names) - len(best)) < 2:
        return False
    prefixes = [frozenset(names[:k]) for k in range(1, len(names))]
    return all(splits[p] > splits[best] for p in prefixes)


def _draw(rng: np.random.Generator, n_categories: int, strict: bool = True) -> tuple[list[str], np.ndarray]:
    for _ in range(1000):
        names = [str(name) for name in rng.choice(NAMES, size=n_categories, replace=False)]
        rates = rng.uniform(0.05, 0.95, size=n_categories)
        sizes = rng.integers(3, 16, size=n_categories)
        categories = [name for name, size in zip(names, sizes, strict=True) for _ in range(size)]
        y = np.concatenate(
            [(rng.random(size) < rate).astype(np.int64) for size, rate in zip(sizes, rates, strict=True)]
        )
        order = rng.permutation(len(y))
        categories, y = [categories[i] for i in order], y[order]
        if _accepts(categories, y, strict):
            return categories, y
    raise RuntimeError("could not draw a feature with a unique best split")


def _case(name: str, categories: list[str], y: np.ndarray, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (categories, y), _split(categories, y), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    first = _draw(rng, int(rng.integers(4, 7)))
    second = _draw(rng, int(rng.integers(5, 8)))
    single = ["FR"] * int(rng.integers(5, 12))
    single_y = rng.integers(0, 2, size=len(single))
    single_y[:2] = (0, 1)
    pair_y = np.array([0, 0, 1, 1, 1, 0, 1, 1, 1])
    pair = ["US", "US", "US", "DE", "DE", "DE", "DE", "US", "DE"]
    many = _draw(rng, 12, strict=False)
    return [
        _case("the best subset of categories, not one category against the rest", *first),
        _case("a second feature with more categories", *second),
        _case("two categories: the only split, left holding the first in sorted order", pair, pair_y),
        _case("a single category: (None, Gini of y)", single, single_y),
        _case(
            "12 categories: 2^11 − 1 candidate splits",
            *many,
            followup="With 12 categories there are 2047 subsets; with 40 there are 5·10^11. How do you find "
            "the best binary split without enumerating them, and why is it exact for binary classification?",
        ),
    ]
