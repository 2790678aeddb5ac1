"""ROC AUC as the Mann-Whitney statistic: P(score of a positive > score of a negative), ties counting 1/2."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, within

FUNCTION = "roc_auc"


def reference(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Every positive-negative pair, counted directly (exact; inputs here are small)."""
    positives, negatives = scores[y_true == 1], scores[y_true == 0]
    higher = (positives[:, None] > negatives[None, :]).sum()
    tied = (positives[:, None] == negatives[None, :]).sum()
    return float((higher + 0.5 * tied) / (len(positives) * len(negatives)))


def _check(y_true: np.ndarray, scores: np.ndarray, value_matters: bool = True):
    expected = reference(y_true, scores)

    def check(output) -> str | None:
        value, problem = as_array(output, "auc")
        if problem:
            return problem
        assert value is not None
        if value.size != 1:
            return f"return a single float, got an array of shape {value.shape}"
        got = float(value.ravel()[0])
        if np.isnan(got):
            return "returned NaN"
        if not value_matters:
            return None if 0.0 <= got <= 1.0 else f"an AUC lies in [0, 1], got {got:.6g}"
        problem = close_to(value.ravel()[0], expected, "auc", rtol=0.0, atol=1e-9, scale=1.0)
        if problem is None:
            return None
        message = problem
        if within(value.ravel()[0], 1 - expected, rtol=0.0, atol=1e-9, scale=1.0):
            message += " (that is 1 − AUC: are positives and negatives swapped?)"
        return message

    return check


def _labels(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    y = (rng.random(n) < rate).astype(int)
    y[:2] = (1, 0)  # both classes always present
    return rng.permutation(y)


def cases(rng: np.random.Generator) -> list[Case]:
    y = _labels(rng, int(rng.integers(40, 80)), 0.5)
    scores = rng.normal(size=len(y)) + rng.uniform(0.5, 1.5) * y
    rare = _labels(rng, int(rng.integers(80, 150)), 0.1)
    rare_scores = rng.normal(size=len(rare)) + rng.uniform(0.5, 2.0) * rare
    separated = _labels(rng, int(rng.integers(20, 40)), 0.4)
    separated_scores = rng.uniform(0, 1, len(separated)) + 1.5 * separated
    tied = _labels(rng, int(rng.integers(40, 80)), 0.5)
    tied_scores = np.round(np.clip(rng.normal(0.5, 0.2, len(tied)) + 0.15 * tied, 0, 1), 1)
    flat = _labels(rng, int(rng.integers(10, 30)), 0.5)
    flat_scores = np.full(len(flat), float(rng.uniform(0, 1)))
    return [
        Case("returns one float in [0, 1]", "required", (y, scores), _check(y, scores, value_matters=False)),
        Case("continuous scores, balanced labels", "required", (y, scores), _check(y, scores)),
        Case(
            "imbalanced labels (about 10 % positive)",
            "required",
            (rare, rare_scores),
            _check(rare, rare_scores),
        ),
        Case(
            "perfectly separated scores give 1.0",
            "required",
            (separated, separated_scores),
            _check(separated, separated_scores),
        ),
        Case(
            "tied scores: a tied positive-negative pair counts 1/2",
            "required",
            (tied, tied_scores),
            _check(tied, tied_scores),
        ),
        Case(
            "all scores equal gives 0.5",
            "edge",
            (flat, flat_scores),
            _check(flat, flat_scores),
            followup="Why is a constant score worth exactly 0.5, and how does average ranking handle ties "
            "in O(n log n)?",
        ),
    ]
