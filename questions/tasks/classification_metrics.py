"""Precision, recall and F1 for binary labels; an undefined ratio may be 0, 1 or NaN (as zero_division)."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "classification_metrics"
KEYS = ("precision", "recall", "f1")
ZERO_DIVISION = (0.0, 1.0, float("nan"))
"""The conventions accepted for a ratio whose denominator is 0, as sklearn's zero_division offers."""


def reference(y_true, y_pred) -> dict[str, float]:
    y_true, y_pred = np.asarray(y_true).ravel() == 1, np.asarray(y_pred).ravel() == 1
    tp = float(np.sum(y_true & y_pred))
    fp = float(np.sum(~y_true & y_pred))
    fn = float(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _accepted(y_true, y_pred) -> dict[str, tuple[float, ...]]:
    """Values allowed where a denominator is 0: any convention for precision (TP + FP = 0), recall
    (TP + FN = 0) and an F1 with no positives at all; an F1 with one undefined side is 0 or NaN."""
    y_true, y_pred = np.asarray(y_true).ravel() == 1, np.asarray(y_pred).ravel() == 1
    accepted: dict[str, tuple[float, ...]] = {}
    if not y_pred.any():
        accepted["precision"] = ZERO_DIVISION
    if not y_true.any():
        accepted["recall"] = ZERO_DIVISION
    if accepted:
        accepted["f1"] = ZERO_DIVISION if not (y_true | y_pred).any() else (0.0, float("nan"))
    return accepted


def _convention_problem(key: str, value, accepted: tuple[float, ...]) -> str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"`{key}` should be a number, got {type(value).__name__}"
    if any(number == a or (np.isnan(number) and np.isnan(a)) for a in accepted):
        return None
    allowed = " or ".join(f"{a}" for a in accepted)
    return f"`{key}` has a zero denominator here: return {allowed} (a stated convention), got {number!r}"


def _matches(y_true, y_pred):
    expected = reference(y_true, y_pred)
    accepted = _accepted(y_true, y_pred)

    def check(output) -> str | None:
        if not isinstance(output, dict):
            return f"return a dict with keys {', '.join(KEYS)}; got {type(output).__name__}"
        missing = [key for key in KEYS if key not in output]
        if missing:
            return f"missing key(s): {', '.join(missing)}"
        for key in KEYS:
            if key in accepted:
                problem = _convention_problem(key, output[key], accepted[key])
            else:
                problem = close_to(output[key], expected[key], key)
            if problem:
                return problem
        return None

    return check


def _unequal(rng: np.random.Generator, draw) -> tuple[np.ndarray, np.ndarray]:
    """Labels whose precision and recall differ and are not 0 (FP ≠ FN, TP > 0): otherwise swapping
    them, or averaging them arithmetically, would give the right numbers by luck."""
    while True:
        y_true, y_pred = draw()
        tp, fp, fn = (int(np.sum((y_true == t) & (y_pred == p))) for t, p in ((1, 1), (0, 1), (1, 0)))
        if tp and fp != fn:
            return y_true, y_pred


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(40, 80))

    def balanced():
        y_true = rng.integers(0, 2, n)
        return y_true, np.where(rng.random(n) < 0.75, y_true, 1 - y_true)

    def imbalanced():
        rare = (rng.random(n) < 0.1).astype(int)
        rare[0] = 1
        return rare, (rng.random(n) < 0.2).astype(int)

    y_true, y_pred = _unequal(rng, balanced)
    rare, rare_pred = _unequal(rng, imbalanced)
    negatives = np.zeros(12, dtype=int)
    some = rng.integers(0, 2, 15)
    some[0] = 1
    return [
        Case(
            "precision, recall and f1 on balanced labels",
            "required",
            (y_true, y_pred),
            _matches(y_true, y_pred),
        ),
        Case("on imbalanced labels", "required", (rare, rare_pred), _matches(rare, rare_pred)),
        Case(
            "accepts Python lists",
            "required",
            (y_true.tolist(), y_pred.tolist()),
            _matches(y_true, y_pred),
        ),
        Case(
            "no predicted positives: precision by your convention (0, 1 or NaN), recall 0, no error",
            "required",
            (some, np.zeros(15, dtype=int)),
            _matches(some, np.zeros(15, dtype=int)),
        ),
        Case(
            "no positives anywhere: every metric by your convention, no error",
            "required",
            (negatives, negatives),
            _matches(negatives, negatives),
        ),
        Case(
            "y_pred as an (n, 1) column, as model.predict often returns it",
            "edge",
            (y_true, y_pred.reshape(-1, 1)),
            _matches(y_true, y_pred),
            followup="What does comparing an (n, 1) array with an (n,) array give, and how do you guard "
            "against it?",
        ),
    ]
