"""One gradient-boosting step for squared loss: a regression stump fitted to the residuals, shrunk."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._kit import Case, Check, close_to

FUNCTION = "boosting_step"


def _splits(X: np.ndarray, residual: np.ndarray) -> list[tuple[float, int, float, np.ndarray]]:
    """Every (SSE, feature, threshold, stump prediction), by brute force over midpoints."""
    found = []
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            prediction = np.where(left, residual[left].mean(), residual[~left].mean())
            found.append((float(((residual - prediction) ** 2).sum()), feature, float(threshold), prediction))
    return found


def reference(X: np.ndarray, y: np.ndarray, F: np.ndarray, learning_rate: float) -> np.ndarray:
    residual = y - F
    splits = _splits(X, residual)
    if not splits:
        return F + learning_rate * residual.mean()
    best = min(splits, key=lambda split: split[:3])
    return F + learning_rate * best[3]


def _unique_best(X: np.ndarray, y: np.ndarray, F: np.ndarray) -> bool:
    """The lowest SSE is clearly below the next (no near-tie to break), and not on feature 0."""
    splits = sorted(_splits(X, y - F), key=lambda split: split[0])
    if len(splits) < 2:
        return False
    margin = 1e-6 * float(((y - F) ** 2).sum())
    return splits[1][0] - splits[0][0] > margin and splits[0][1] != 0


def _step(X: np.ndarray, y: np.ndarray, F: np.ndarray, learning_rate: float) -> Check:
    expected = reference(X, y, F, learning_rate)
    scale = float(np.abs(np.concatenate([y, F])).max())

    def check(output) -> str | None:
        return close_to(output, expected, "F_new", scale=scale)

    return check


def _draw(rng: np.random.Generator, integer: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    for _ in range(1000):
        n, d = int(rng.integers(30, 60)), int(rng.integers(2, 5))
        X = np.round(rng.normal(size=(n, d)) * 3, 0 if integer else 2)
        signal = np.where(X[:, 1] > rng.normal(), 4.0, -1.0) + 0.5 * X[:, 0]
        y = np.round(signal + rng.exponential(1.5, size=n) - 1.5, 3)
        F = np.round(y.mean() + 0.5 * X[:, 0] + rng.normal(scale=0.3, size=n), 3)
        if _unique_best(X, y, F):
            return (X.astype(np.int64) if integer else X), y, F
    raise RuntimeError("could not draw a node with a unique best stump")


def _case(name: str, X, y, F, learning_rate: float, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (X, y, F, learning_rate), _step(X, y, F, learning_rate), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    X, y, F = _draw(rng)
    X2, y2, F2 = _draw(rng)
    flat = np.full((int(rng.integers(5, 10)), 2), float(rng.integers(-3, 3)))
    flat_y = np.round(rng.normal(size=len(flat)), 3)
    flat_F = np.zeros(len(flat))
    whole, y3, F3 = _draw(rng, integer=True)
    rate = float(np.round(rng.uniform(0.05, 0.5), 2))
    return [
        _case("fits the stump to the residuals y − F and adds learning_rate × its prediction", X, y, F, rate),
        _case("a second node, learning rate 1", X2, y2, F2, 1.0),
        _case("every feature constant: the stump predicts the mean residual", flat, flat_y, flat_F, rate),
        _case(
            "X as an integer array",
            whole,
            y3,
            F3,
            rate,
            followup="X arrived as integers. Where does a threshold like (a + b) // 2 go wrong, and does it "
            "change the predictions on the training rows or only on new data?",
        ),
    ]
