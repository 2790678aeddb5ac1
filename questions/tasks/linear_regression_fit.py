"""Ordinary least squares with an intercept; collinear inputs are judged by their predictions."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, coarsest, distinct_digits, first_problem, within

FUNCTION = "fit_linear_regression"


def reference(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The minimum-norm least-squares solution of [X 1] @ [w; b] ≈ y."""
    design = np.column_stack([X, np.ones(len(X))])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return solution[:-1], float(solution[-1])


def _unpack(output, d: int) -> tuple[np.ndarray | None, np.ndarray | None, str | None]:
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
    return w, b.reshape(()), None


def _sizes(X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Rounding sizes: coefficients from the normal equations are off by about eps·κ²·|θ| (κ the design's
    condition number), fitted values by about eps·κ·(|X|·|w| + |b|)."""
    design = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(design, y, rcond=None)[0]
    singular = np.linalg.svd(design, compute_uv=False)
    kappa = float(singular[0] / singular[singular > singular[0] * 1e-10][-1])
    fitted_sizes = kappa * (np.abs(X) @ np.abs(theta[:-1]) + abs(theta[-1]) + np.abs(y))
    return kappa**2 * float(np.abs(theta).max()), fitted_sizes


def _coefficients(
    X: np.ndarray, y: np.ndarray, expected: tuple[np.ndarray, float] | None = None, parts=("w", "b")
):
    expected_w, expected_b = expected if expected is not None else reference(X, y)
    size = _sizes(X, y)[0]

    def check(output) -> str | None:
        w, b, problem = _unpack(output, X.shape[1])
        if problem:
            return problem
        assert w is not None and b is not None
        return first_problem(
            close_to(w, expected_w, "w", scale=size) if "w" in parts else None,
            close_to(b, expected_b, "b", scale=size) if "b" in parts else None,
        )

    return check


def _predictions(X: np.ndarray, y: np.ndarray):
    """When w is not unique, every least-squares solution gives the same fitted values."""
    expected_w, expected_b = reference(X, y)
    fitted = X @ expected_w + expected_b
    sizes = _sizes(X, y)[1]

    def check(output) -> str | None:
        w, b, problem = _unpack(output, X.shape[1])
        if problem:
            return problem
        assert w is not None and b is not None
        got = (X @ w.astype(float) + float(b)).astype(coarsest(w, b))
        if within(got, fitted, rtol=1e-6, atol=1e-6, scale=sizes):
            return None
        i = int(np.abs(got - fitted).argmax())
        want, have = distinct_digits(float(fitted[i]), float(got[i]))
        return f"predictions X @ w + b are not the least-squares fit: at row {i} expected {want}, got {have}"

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
    Xw, yw, _, _ = _data(rng, int(rng.integers(4, 7)), int(rng.integers(8, 12)), 0.5)
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
            "required",
            (Xd, yd),
            _predictions(Xd, yd),
        ),
        Case(
            "a constant column (collinear with the intercept)",
            "required",
            (Xc, yc),
            _predictions(Xc, yc),
        ),
        Case(
            "more features than samples (d > n): the fit interpolates y",
            "edge",
            (Xw, yw),
            _predictions(Xw, yw),
            followup="What happens to XᵀX when d > n or two columns are identical, which solvers still work, "
            "and which of the many exact fits does lstsq return?",
        ),
    ]
