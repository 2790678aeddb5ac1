"""Ordinary least squares with an intercept; collinear inputs are judged by their predictions."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, first_problem

FUNCTION = "fit_linear_regression"


def reference(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The minimum-norm least-squares solution of [X 1] @ [w; b] ≈ y."""
    design = np.column_stack([X, np.ones(len(X))])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return solution[:-1], float(solution[-1])


def _unpack(output, d: int) -> tuple[np.ndarray | None, float | None, str | None]:
    if not isinstance(output, tuple | list) or len(output) != 2:
        return None, None, "return a tuple (w, b)"
    w, problem = as_array(output[0], "w", (d,))
    if problem:
        return None, None, problem
    b, problem = as_array(output[1], "b")
    if problem:
        return None, None, problem
    assert w is not None and b is not None
    if b.size != 1:
        return None, None, f"`b` should be a single number (the intercept), got shape {b.shape}"
    if not (np.all(np.isfinite(w)) and np.isfinite(b).all()):
        return None, None, "`w` or `b` contains NaN or inf"
    return w, float(b.ravel()[0]), None


def _number_problem(value: float, expected: float, name: str) -> str | None:
    if np.isclose(value, expected, rtol=1e-6, atol=1e-8):
        return None
    return f"`{name}` is off: expected {expected:.6g}, got {value:.6g}"


def _coefficients(
    X: np.ndarray, y: np.ndarray, expected: tuple[np.ndarray, float] | None = None, parts=("w", "b")
):
    expected_w, expected_b = expected if expected is not None else reference(X, y)

    def check(output) -> str | None:
        w, b, problem = _unpack(output, X.shape[1])
        if problem:
            return problem
        assert w is not None and b is not None
        return first_problem(
            close_to(w, expected_w, "w") if "w" in parts else None,
            _number_problem(b, expected_b, "b") if "b" in parts else None,
        )

    return check


def _predictions(X: np.ndarray, y: np.ndarray):
    """When w is not unique, every least-squares solution gives the same fitted values."""
    expected_w, expected_b = reference(X, y)
    fitted = X @ expected_w + expected_b

    def check(output) -> str | None:
        w, b, problem = _unpack(output, X.shape[1])
        if problem:
            return problem
        assert w is not None and b is not None
        got = X @ w + b
        if np.allclose(got, fitted, rtol=1e-6, atol=1e-6):
            return None
        i = int(np.abs(got - fitted).argmax())
        return (
            f"predictions X @ w + b are not the least-squares fit: at row {i} expected {fitted[i]:.6g},"
            f" got {got[i]:.6g}"
        )

    return check


def _data(rng: np.random.Generator, n: int, d: int, noise: float):
    X = rng.normal(loc=rng.uniform(2.0, 5.0, d), size=(n, d))
    w = rng.normal(size=d)
    b = float(rng.choice([-1.0, 1.0]) * rng.uniform(1.0, 5.0))
    y = X @ w + b + rng.normal(scale=noise, size=n)
    return X, y, w, b


def cases(rng: np.random.Generator) -> list[Case]:
    X, y, w_true, b_true = _data(rng, int(rng.integers(20, 40)), int(rng.integers(2, 5)), 0.0)
    Xn, yn, _, _ = _data(rng, int(rng.integers(30, 60)), int(rng.integers(2, 6)), 0.5)
    X1, y1, _, _ = _data(rng, int(rng.integers(10, 20)), 1, 0.3)
    Xd, yd, _, _ = _data(rng, int(rng.integers(20, 40)), int(rng.integers(2, 4)), 0.5)
    Xd = Xd[:, [*range(Xd.shape[1]), int(rng.integers(Xd.shape[1]))]]
    Xc, yc, _, _ = _data(rng, int(rng.integers(20, 40)), int(rng.integers(2, 4)), 0.5)
    Xc = np.column_stack([Xc, np.full(len(Xc), float(rng.integers(1, 10)))])
    return [
        Case("returns w of shape (d,) and b as a number", "required", (X, y), _coefficients(X, y, parts=())),
        Case(
            "recovers the exact w and b from noiseless data",
            "required",
            (X, y),
            _coefficients(X, y, (w_true, b_true)),
        ),
        Case("the least-squares w and b on noisy data", "required", (Xn, yn), _coefficients(Xn, yn)),
        Case("a single feature", "required", (X1, y1), _coefficients(X1, y1)),
        Case(
            "a duplicated (collinear) column: predictions are still the least-squares fit",
            "edge",
            (Xd, yd),
            _predictions(Xd, yd),
            followup="What happens to XᵀX when two columns are identical, and which solvers still work?",
        ),
        Case(
            "a constant column (collinear with the intercept)",
            "edge",
            (Xc, yc),
            _predictions(Xc, yc),
            followup="Why is a constant feature a problem when the model already has an intercept?",
        ),
    ]
