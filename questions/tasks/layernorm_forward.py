"""Layer norm: per-example statistics over the last axis, biased variance, eps inside the sqrt."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "layernorm_forward"
EPS = 1e-5


def reference(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPS) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _check(x, gamma, beta, eps: float = EPS, values: bool = True):
    expected = reference(x, gamma, beta, eps)

    def check(output) -> str | None:
        out, problem = as_array(output, "out", x.shape)
        if problem:
            return problem
        assert out is not None
        if not values:
            return None
        if np.isnan(out).any():
            return "`out` contains NaN (a row with zero variance?)"
        if np.allclose(out, expected, rtol=1e-6, atol=1e-6):
            return None
        i = int(np.abs(out - expected).max(axis=1).argmax())
        worst = float(np.abs(out - expected).max())
        if np.allclose(out, expected, rtol=1e-3, atol=1e-3):
            return (
                f"row {i} is off by {worst:.2g}: divide by sqrt(var + eps),"
                " with eps inside the square root as specified"
            )
        want, got = np.round(expected[i], 4).tolist(), np.round(out[i], 4).tolist()
        return f"row {i} is off: expected {want}, got {got}"

    return check


def _batch(rng: np.random.Generator, n: int, d: int):
    x = rng.normal(loc=rng.uniform(-3, 3, (n, 1)), scale=rng.uniform(0.5, 3.0, (n, 1)), size=(n, d))
    return x, rng.uniform(0.5, 2.0, d), rng.normal(size=d)


def _shape(rng: np.random.Generator, low: int, high: int) -> tuple[int, int]:
    n, d = (int(v) for v in rng.choice(np.arange(low, high), 2, replace=False))  # n != d
    return n, d


def cases(rng: np.random.Generator) -> list[Case]:
    x, gamma, beta = _batch(rng, *_shape(rng, 3, 9))
    x2, gamma2, beta2 = _batch(rng, *_shape(rng, 5, 16))
    x3, gamma3, beta3 = _batch(rng, *_shape(rng, 3, 8))
    x3[int(rng.integers(len(x3)))] = float(rng.uniform(-5, 5))
    return [
        Case(
            "output has the shape of x",
            "required",
            (x, gamma, beta, EPS),
            _check(x, gamma, beta, values=False),
        ),
        Case(
            "normalises each example over its features, then scales by gamma and shifts by beta",
            "required",
            (x, gamma, beta, EPS),
            _check(x, gamma, beta),
        ),
        Case(
            "a larger batch with more features",
            "required",
            (x2, gamma2, beta2, EPS),
            _check(x2, gamma2, beta2),
        ),
        Case(
            "a constant row (variance 0) gives beta, not NaN",
            "edge",
            (x3, gamma3, beta3, EPS),
            _check(x3, gamma3, beta3),
            forbid_warnings=True,
            followup="What does eps protect against here, and when can a row have zero variance?",
        ),
    ]
