"""k-nearest-neighbour classification: Euclidean distance, majority vote, ties to the smallest label."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "knn_predict"


def _neighbours(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    distances = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    return np.argsort(distances, axis=1, kind="stable")


def reference(X_train, y_train, X_test, k) -> np.ndarray:
    nearest = _neighbours(X_train, X_test)[:, :k]
    predictions = []
    for votes in y_train[nearest]:
        labels, counts = np.unique(votes, return_counts=True)
        predictions.append(labels[counts.argmax()])  # labels are sorted: the first maximum is the smallest
    return np.array(predictions, dtype=int)


def _check(X_train, y_train, X_test, k, shape_only: bool = False):
    expected = reference(X_train, y_train, X_test, k)

    def check(output) -> str | None:
        labels, problem = as_array(output, "labels", (len(X_test),))
        if problem:
            return problem + " (one label per test point)"
        assert labels is not None
        if not np.all(labels == np.round(labels)):
            return "`labels` must be integers (class labels taken from y_train)"
        if shape_only:
            return None
        wrong = np.flatnonzero(labels != expected)
        if wrong.size == 0:
            return None
        i = int(wrong[0])
        votes = np.sort(y_train[_neighbours(X_train, X_test[i : i + 1])[0, :k]]).tolist()
        return (
            f"{wrong.size} of {len(X_test)} labels are wrong. Test point {i}: expected {expected[i]},"
            f" got {int(labels[i])} (its {k} nearest training labels are {votes})"
        )

    return check


def _blobs(rng: np.random.Generator, labels, per: int, d: int, spread: float):
    centres = rng.uniform(-5, 5, size=(len(labels), d))
    X = np.concatenate([c + rng.normal(scale=spread, size=(per, d)) for c in centres])
    y = np.repeat(np.asarray(labels), per)
    order = rng.permutation(len(y))
    X_test = centres[rng.integers(len(labels), size=3 * per)] + rng.normal(scale=spread, size=(3 * per, d))
    return X[order], y[order], X_test


def _tie_case(rng: np.random.Generator):
    """k = 2 on two overlapping classes, redrawn until some vote is tied with the larger label nearer."""
    for _ in range(50):
        X, y, X_test = _blobs(rng, [0, 1], int(rng.integers(15, 25)), 2, 3.0)
        nearest = y[_neighbours(X, X_test)[:, :2]]
        if np.any((nearest[:, 0] == 1) & (nearest[:, 1] == 0)):
            break
    return X, y, X_test, 2


def cases(rng: np.random.Generator) -> list[Case]:
    X, y, X_test = _blobs(rng, [0, 1, 2], int(rng.integers(10, 20)), int(rng.integers(2, 4)), 1.0)
    Xo, yo, Xo_test = _blobs(rng, sorted(rng.choice(12, 3, replace=False)), int(rng.integers(15, 25)), 2, 2.5)
    tie = _tie_case(rng)
    Xs, ys, Xs_test = _blobs(rng, [0, 1, 2, 3], int(rng.integers(5, 10)), 2, 2.0)
    return [
        Case(
            "returns one integer label per test point",
            "required",
            (X, y, X_test, 3),
            _check(X, y, X_test, 3, True),
        ),
        Case("k = 3 on well-separated classes", "required", (X, y, X_test, 3), _check(X, y, X_test, 3)),
        Case(
            "k = 5 on overlapping classes with labels that are not 0..c-1",
            "required",
            (Xo, yo, Xo_test, 5),
            _check(Xo, yo, Xo_test, 5),
        ),
        Case("k = 2: a tied vote goes to the smallest label", "required", tie, _check(*tie)),
        Case(
            "k = 1 returns the nearest neighbour's label",
            "edge",
            (Xo, yo, Xo_test, 1),
            _check(Xo, yo, Xo_test, 1),
            followup="What is the training accuracy of 1-NN, and what does that tell you about its variance?",
        ),
        Case(
            "k equal to the number of training points",
            "edge",
            (Xs, ys, Xs_test, len(ys)),
            _check(Xs, ys, Xs_test, len(ys)),
            followup="What does k-NN predict when k = n, and how do you choose k in practice?",
        ),
    ]
