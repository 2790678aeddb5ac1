"""One gradient-descent step of logistic regression on the mean binary cross-entropy."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, first_problem

FUNCTION = "logistic_regression_step"


def reference(X, y, w, b, lr) -> tuple[np.ndarray, float]:
    z = X @ w + b
    p = np.exp(-np.logaddexp(0.0, -z))
    residual = p - y
    return w - lr * (X.T @ residual) / len(y), float(b - lr * residual.mean())


def _sizes(X, y, w, b, lr) -> tuple[np.ndarray, float]:
    """Rounding sizes: z is off by eps·(|X|·|w| + |b|), which moves p by at most a quarter of that."""
    X, y, w = (np.asarray(a, dtype=float) for a in (X, y, w))
    z = X @ w + b
    p = np.exp(-np.logaddexp(0.0, -z))
    residual_sizes = np.abs(p - y) + (np.abs(X) @ np.abs(w) + abs(b)) / 4
    return (
        np.abs(w) + lr * np.abs(X).T @ residual_sizes / len(y),
        abs(b) + lr * float(residual_sizes.mean()),
    )


def _check(X, y, w, b, lr, parts: tuple[str, ...] = ("w_new", "b_new")):
    expected_w, expected_b = reference(X, y, w, b, lr)
    w_sizes, b_size = _sizes(X, y, w, b, lr)

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (w_new, b_new)"
        w_new, problem = as_array(output[0], "w_new", w.shape)
        if problem:
            return problem
        b_new, problem = as_array(output[1], "b_new")
        if problem:
            return problem
        assert w_new is not None and b_new is not None
        if b_new.size != 1:
            return f"`b_new` should be a single number, got shape {b_new.shape}"
        return first_problem(
            close_to(w_new, expected_w, "w_new", scale=w_sizes) if "w_new" in parts else None,
            close_to(b_new.reshape(()), expected_b, "b_new", scale=b_size) if "b_new" in parts else None,
        )

    return check


def _problem(
    rng: np.random.Generator, n: int, d: int, *, int_labels: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    b = float(rng.normal())
    y = rng.integers(0, 2, n)
    y[:2] = (0, 1)
    return X, (y if int_labels else y.astype(float)), w, b, float(rng.uniform(0.05, 0.5))


def cases(rng: np.random.Generator) -> list[Case]:
    first = _problem(rng, int(rng.integers(20, 40)), int(rng.integers(2, 6)), int_labels=False)
    second = _problem(rng, int(rng.integers(40, 60)), int(rng.integers(3, 7)), int_labels=True)
    X, y, w, b, lr = _problem(rng, int(rng.integers(10, 20)), int(rng.integers(2, 5)), int_labels=False)
    X = X * 400.0
    X[1] = -X[0]  # z[0] and z[1] sit on opposite sides, both far from 0
    large = (X, y, w, b, lr)
    boolean = (first[0], first[1].astype(bool), *first[2:])
    return [
        Case("returns w_new of shape (d,) and b_new as a number", "required", first, _check(*first, ())),
        Case("w_new after one step", "required", first, _check(*first, ("w_new",))),
        Case("b_new after one step", "required", first, _check(*first, ("b_new",))),
        Case(
            "integer labels, more features, another learning rate",
            "required",
            second,
            _check(*second),
        ),
        Case(
            "large |z| (in the thousands): no overflow warnings",
            "required",
            large,
            _check(*large),
            forbid_warnings=True,
        ),
        Case(
            "y as a boolean array",
            "edge",
            boolean,
            _check(*boolean),
            followup="What does 1 - y do on a boolean numpy array? What is np.exp(-z) for z = -1000, and how "
            "do you write a sigmoid that never overflows?",
        ),
    ]
