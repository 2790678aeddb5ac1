"""Precision, recall and F1 for binary labels, with 0 wherever a ratio's denominator is 0."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case

FUNCTION = "classification_metrics"
KEYS = ("precision", "recall", "f1")


def reference(y_true, y_pred) -> dict[str, float]:
    y_true, y_pred = np.asarray(y_true).ravel() == 1, np.asarray(y_pred).ravel() == 1
    tp = float(np.sum(y_true & y_pred))
    fp = float(np.sum(~y_true & y_pred))
    fn = float(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _matches(y_true, y_pred):
    expected = reference(y_true, y_pred)

    def check(output) -> str | None:
        if not isinstance(output, dict):
            return f"return a dict with keys {', '.join(KEYS)}; got {type(output).__name__}"
        missing = [key for key in KEYS if key not in output]
        if missing:
            return f"missing key(s): {', '.join(missing)}"
        for key in KEYS:
            try:
                value = float(output[key])
            except (TypeError, ValueError):
                return f"`{key}` should be a number, got {type(output[key]).__name__}"
            if np.isnan(value) or abs(value - expected[key]) > 1e-9:
                return f"`{key}`: expected {expected[key]:.6g}, got {value:.6g}"
        return None

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(40, 80))
    y_true = rng.integers(0, 2, n)
    y_pred = np.where(rng.random(n) < 0.75, y_true, 1 - y_true)
    rare = (rng.random(n) < 0.1).astype(int)
    rare[0] = 1
    rare_pred = (rng.random(n) < 0.2).astype(int)
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
            "no predicted positives: precision is 0, not NaN or an error",
            "edge",
            (some, np.zeros(15, dtype=int)),
            _matches(some, np.zeros(15, dtype=int)),
            followup="What should precision be when the model predicts no positives, and why does it matter?",
        ),
        Case(
            "no positives anywhere: every metric is 0",
            "edge",
            (negatives, negatives),
            _matches(negatives, negatives),
        ),
        Case(
            "accepts Python lists",
            "edge",
            (y_true.tolist(), y_pred.tolist()),
            _matches(y_true, y_pred),
            followup="What does `[1, 0] == 1` evaluate to in Python?",
        ),
    ]
