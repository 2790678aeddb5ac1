"""Confusion matrix: an integer count matrix with rows = true class and columns = predicted class."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "confusion_matrix"


def reference(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true.tolist(), y_pred.tolist(), strict=True):
        matrix[t, p] += 1
    return matrix


def _check(y_true, y_pred, n_classes: int, *, dtype: bool = False, values: bool = True):
    expected = reference(y_true, y_pred, n_classes)

    def check(output) -> str | None:
        matrix, problem = as_array(output, "matrix", (n_classes, n_classes))
        if problem:
            return problem + " (n_classes × n_classes, including classes that never occur)"
        assert matrix is not None
        if dtype and np.asarray(output).dtype.kind not in "iu":
            return f"return an integer array of counts, got dtype {np.asarray(output).dtype}"
        if not values or np.array_equal(matrix, expected):
            return None
        if np.array_equal(matrix, expected.T):
            return "the matrix is transposed: rows are the true class, columns the predicted class"
        if matrix.sum() != expected.sum():
            return (
                f"the counts add up to {matrix.sum():g} but there are {expected.sum()} samples:"
                " every sample must be counted exactly once"
            )
        i, j = np.argwhere(matrix != expected)[0]
        return f"entry [{i}, {j}] (true {i}, predicted {j}) should be {expected[i, j]}, got {matrix[i, j]:g}"

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    c = int(rng.integers(3, 6))
    n = int(rng.integers(60, 120))
    y_true = rng.integers(0, c, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, c, n))
    if np.array_equal(reference(y_true, y_pred, c), reference(y_pred, y_true, c)):
        y_true[0], y_pred[0] = (1, 0) if y_true[0] == y_pred[0] else (y_pred[0], y_true[0])
    c2 = int(rng.integers(2, 4))
    n2 = int(rng.integers(20, 40))
    y_true2 = rng.integers(0, c2, n2)
    y_pred2 = rng.integers(0, c2, n2)
    c3 = int(rng.integers(4, 7))
    missing = int(rng.integers(1, c3 - 1))  # a class in the middle that never occurs
    present = np.array([label for label in range(c3 - 1) if label != missing])  # and the last one neither
    y_true3 = rng.choice(present, 40)
    y_pred3 = np.where(rng.random(40) < 0.7, y_true3, rng.choice(present, 40))
    return [
        Case(
            "returns an integer array of counts",
            "required",
            (y_true, y_pred, c),
            _check(y_true, y_pred, c, dtype=True, values=False),
        ),
        Case(
            "counts with rows = true class, columns = predicted class",
            "required",
            (y_true, y_pred, c),
            _check(y_true, y_pred, c),
        ),
        Case(
            "random predictions on few classes",
            "required",
            (y_true2, y_pred2, c2),
            _check(y_true2, y_pred2, c2),
        ),
        Case(
            "classes that never appear still get a row and a column of zeros",
            "required",
            (y_true3, y_pred3, c3),
            _check(y_true3, y_pred3, c3),
        ),
        Case(
            "y_true and y_pred as Python lists",
            "edge",
            (y_true2.tolist(), y_pred2.tolist(), c2),
            _check(y_true2, y_pred2, c2),
            followup="Why take n_classes as an argument instead of inferring it from the labels, and what "
            "does matrix[y_true, y_pred] += 1 do with repeated pairs?",
        ),
    ]
