"""Standardise train and test with the training mean and std (ddof=0); a zero-std feature divides by 1."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to

FUNCTION = "standardize"


def reference(X_train, X_test) -> tuple[np.ndarray, np.ndarray]:
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    return (X_train - mean) / std, (X_test - mean) / std


def _scaled(X_train, X_test):
    expected_train, expected_test = reference(X_train, X_test)
    test_float = np.asarray(X_test, dtype=float)
    train_float = np.asarray(X_train, dtype=float)
    std = train_float.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    centre = np.abs(train_float.mean(axis=0))
    # subtracting the mean cancels: rounding is relative to |x| + |mean|, then divided by the std
    train_sizes, test_sizes = ((np.abs(X) + centre) / std for X in (train_float, test_float))

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (train_scaled, test_scaled)"
        arrays = []
        for value, expected, name in (
            (output[0], expected_train, "train_scaled"),
            (output[1], expected_test, "test_scaled"),
        ):
            array, problem = as_array(value, name, expected.shape)
            if problem:
                return problem + " (the same shape as the input)"
            assert array is not None
            if not np.isfinite(array).all():
                return f"`{name}` contains NaN or inf (a feature with training std 0 is divided by 1)"
            arrays.append(array)
        train_scaled, test_scaled = arrays
        problem = close_to(train_scaled, expected_train, "train_scaled", scale=train_sizes)
        if problem:
            train = np.asarray(X_train, dtype=float)
            sample_std = train.std(axis=0, ddof=1)
            with_ddof1 = (train - train.mean(axis=0)) / np.where(sample_std == 0, 1.0, sample_std)
            if np.allclose(train_scaled, with_ddof1):
                return problem + " (use the population std, ddof=0)"
            return problem + " (per feature: subtract each column's mean and divide by its std)"
        problem = close_to(test_scaled, expected_test, "test_scaled", scale=test_sizes)
        if problem:
            if len(test_float) > 1:
                own_std = test_float.std(axis=0)
                own = (test_float - test_float.mean(axis=0)) / np.where(own_std == 0, 1, own_std)
                if np.allclose(test_scaled, own):
                    return problem + " (it was scaled with its own statistics: use the training mean and std)"
            return problem + " (the test set must use the training mean and std)"
        return None

    return check


def _train_test(rng: np.random.Generator, n_train: int, n_test: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    loc = rng.uniform(-50, 50, size=d)
    scale = rng.uniform(0.5, 20, size=d)
    train = rng.normal(loc, scale, size=(n_train, d))
    test = rng.normal(
        loc + scale * rng.uniform(0.5, 2.0, size=d), scale * rng.uniform(1.5, 3.0, size=d), size=(n_test, d)
    )
    return train, test


def cases(rng: np.random.Generator) -> list[Case]:
    d = int(rng.integers(3, 6))
    train, test = _train_test(rng, int(rng.integers(20, 40)), int(rng.integers(5, 15)), d)
    train2, test2 = _train_test(rng, int(rng.integers(10, 20)), 1, int(rng.integers(2, 5)))

    constant_train, constant_test = _train_test(rng, int(rng.integers(10, 20)), int(rng.integers(4, 8)), 4)
    column = int(rng.integers(0, 4))
    constant_train[:, column] = float(rng.integers(-5, 6))

    int_train = rng.integers(0, 100, size=(int(rng.integers(8, 15)), 3))
    int_test = rng.integers(0, 100, size=(int(rng.integers(3, 6)), 3))

    return [
        Case(
            "train and test scaled per feature with the training statistics",
            "required",
            (train, test),
            _scaled(train, test),
        ),
        Case(
            "a single test row is scaled with the training statistics",
            "required",
            (train2, test2),
            _scaled(train2, test2),
        ),
        Case(
            "a constant training feature is divided by 1: no NaN or inf",
            "required",
            (constant_train, constant_test),
            _scaled(constant_train, constant_test),
        ),
        Case(
            "integer arrays give float results",
            "required",
            (int_train, int_test),
            _scaled(int_train, int_test),
        ),
        Case(
            "X_train and X_test as nested Python lists",
            "edge",
            (train.tolist(), test.tolist()),
            _scaled(train, test),
            followup="What does X -= X.mean(axis=0) do when X is an integer array, and what should happen to "
            "a feature that is constant in training but varies at test time?",
        ),
    ]
