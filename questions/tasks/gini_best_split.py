"""Best single-feature split by weighted Gini impurity: midpoint thresholds, ties to the smallest."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from questions.tasks._kit import Case, as_array, distinct_digits, within

FUNCTION = "best_split"


def _gini(positives: int, total: int) -> Fraction:
    if total == 0:
        return Fraction(0)
    p = Fraction(positives, total)
    return 2 * p * (1 - p)


def _candidates(x, y) -> tuple[list[float], list[Fraction], Fraction]:
    """Every midpoint threshold with its exact weighted Gini, and the Gini of all of y."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y).astype(int)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    n, total_pos = len(xs), int(ys.sum())
    thresholds: list[float] = []
    impurities: list[Fraction] = []
    left_pos = 0
    for i in range(1, n):
        left_pos += int(ys[i - 1])
        if xs[i] == xs[i - 1]:
            continue
        right_pos = total_pos - left_pos
        weighted = Fraction(i, n) * _gini(left_pos, i) + Fraction(n - i, n) * _gini(right_pos, n - i)
        thresholds.append(float((xs[i - 1] + xs[i]) / 2))
        impurities.append(weighted)
    return thresholds, impurities, _gini(total_pos, n)


def reference(x, y) -> tuple[float | None, float]:
    thresholds, impurities, whole = _candidates(x, y)
    if not thresholds:
        return None, float(whole)
    best = min(range(len(thresholds)), key=lambda i: (impurities[i], thresholds[i]))
    return thresholds[best], float(impurities[best])


def _unique_minimum(x, y) -> bool:
    _, impurities, _ = _candidates(x, y)
    return len(impurities) > 1 and impurities.count(min(impurities)) == 1


def _split(x, y):
    thresholds, impurities, _ = _candidates(x, y)
    expected_threshold, expected_impurity = reference(x, y)
    x_values = set(np.asarray(x, dtype=float).tolist())
    size = float(np.abs(np.asarray(x, dtype=float)).max())

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (threshold, impurity)"
        got_threshold, got_impurity = output
        if expected_threshold is None:
            if got_threshold is not None:
                return f"all x are equal, so no split exists: threshold should be None, got {got_threshold!r}"
        else:
            if got_threshold is None:
                return f"a split exists here: expected threshold {expected_threshold:.6g}, got None"
            threshold, problem = as_array(got_threshold, "threshold", ())
            if problem:
                return problem
            assert threshold is not None
            value = float(threshold)
            if not within(threshold, expected_threshold, atol=1e-9, scale=size):
                want, got = distinct_digits(expected_threshold, value)
                message = f"threshold: expected {want}, got {got}"
                matches = [i for i, t in enumerate(thresholds) if within(threshold, t, atol=1e-9, scale=size)]
                if matches:
                    theirs = float(impurities[matches[0]])
                    if impurities[matches[0]] == min(impurities):
                        return (
                            message + " (both have the minimum impurity: ties go to the smallest threshold)"
                        )
                    best = f"{expected_impurity:.6g}"
                    return message + f" (your threshold's weighted Gini is {theirs:.6g}, the best is {best})"
                if value in x_values:
                    return (
                        message
                        + " (thresholds are midpoints between consecutive distinct sorted x, not x values)"
                    )
                return message
        impurity, problem = as_array(got_impurity, "impurity", ())
        if problem:
            return problem
        assert impurity is not None
        if not within(impurity, expected_impurity, atol=1e-9, scale=1.0):
            want, got = distinct_digits(expected_impurity, float(impurity))
            if expected_threshold is None:
                return f"impurity: expected {want} (the Gini 1 − p₀² − p₁² of all of y), got {got}"
            return (
                f"impurity: expected {want}, got {got}"
                " (each side's Gini is 1 − p₀² − p₁², weighted by n_side / n)"
            )
        return None

    return check


def _draw(rng: np.random.Generator, make) -> tuple[np.ndarray, np.ndarray]:
    """Redraw until the minimum impurity is attained by one threshold only (no ties to break)."""
    for _ in range(1000):
        x, y = make()
        if _unique_minimum(x, y):
            return x, y
    raise RuntimeError("could not draw a split without ties")


def cases(rng: np.random.Generator) -> list[Case]:
    def continuous():
        n = int(rng.integers(30, 60))
        x = np.round(rng.normal(scale=5.0, size=n), 3)
        y = (x + rng.normal(scale=3.0, size=n) > rng.uniform(-2, 2)).astype(int)
        return x, y

    def repeated():
        n = int(rng.integers(25, 45))
        x = rng.integers(0, 10, size=n).astype(float)
        y = (rng.random(n) < np.where(x > rng.integers(3, 7), 0.8, 0.2)).astype(int)
        return x, y

    def separable():
        n = int(rng.integers(15, 30))
        x = np.round(rng.uniform(-10, 10, size=n), 2)
        y = (x > np.median(x)).astype(int)
        return x, y

    x1, y1 = _draw(rng, continuous)
    x2, y2 = _draw(rng, repeated)
    x3, y3 = _draw(rng, separable)
    x4, y4 = _draw(rng, continuous)

    flat = np.full(int(rng.integers(6, 12)), float(rng.integers(-5, 5)))
    flat_y = rng.integers(0, 2, size=len(flat))
    flat_y[:2] = [0, 1]

    edge_zeros = int(rng.integers(2, 4))
    tie_y = np.array([0] * edge_zeros + [1] * int(rng.integers(5, 9)) + [0] * edge_zeros)
    tie_x = np.sort(rng.choice(np.arange(-50, 50), size=len(tie_y), replace=False)).astype(float) / 4
    shuffle = rng.permutation(len(tie_y))
    tie_x, tie_y = tie_x[shuffle], tie_y[shuffle]

    int_x, int_y = _draw(rng, repeated)
    return [
        Case(
            "finds the threshold with the lowest weighted Gini on unsorted continuous x",
            "required",
            (x1, y1),
            _split(x1, y1),
        ),
        Case(
            "repeated x values: thresholds only between distinct values",
            "required",
            (x2, y2),
            _split(x2, y2),
        ),
        Case("perfectly separable labels give impurity 0", "required", (x3, y3), _split(x3, y3)),
        Case("a second random feature", "required", (x4, y4), _split(x4, y4)),
        Case(
            "all x equal: no split, returns (None, Gini of y)",
            "required",
            (flat, flat_y),
            _split(flat, flat_y),
        ),
        Case(
            "two thresholds tie: the smallest one wins",
            "required",
            (tie_x, tie_y),
            _split(tie_x, tie_y),
        ),
        Case(
            "x as an integer array: thresholds are still midpoints such as 2.5",
            "edge",
            (int_x.astype(np.int64), int_y),
            _split(int_x, int_y),
            followup="x arrived as integers. What does (a + b) // 2 or an integer threshold array do to the "
            "midpoints, and what should a tree do with a feature that is constant in a node?",
        ),
    ]
