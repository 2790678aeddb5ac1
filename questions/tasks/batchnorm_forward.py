"""Training-mode batch norm: per-feature batch statistics, biased variance, eps inside the sqrt."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, within

FUNCTION = "batchnorm_forward"
EPS = 1e-5


def reference(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPS) -> np.ndarray:
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).mean(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _check(x, gamma, beta, eps: float = EPS, values: bool = True):
    expected = reference(x, gamma, beta, eps)
    mean = x.mean(axis=0)
    sizes = np.abs(gamma) * (np.abs(x) + np.abs(mean)) / np.sqrt(x.var(axis=0) + eps) + np.abs(beta)

    def check(output) -> str | None:
        out, problem = as_array(output, "out", x.shape)
        if problem:
            return problem
        assert out is not None
        if not values:
            return None
        if np.isnan(out).any():
            return "`out` contains NaN (a feature with zero variance?)"
        if within(out, expected, rtol=1e-6, atol=1e-6, scale=sizes):
            return None
        j = int(np.abs(out - expected).max(axis=0).argmax())
        worst = float(np.abs(out - expected).max())
        if np.allclose(out, expected, rtol=1e-3, atol=1e-3):
            return (
                f"feature (column) {j} is off by {worst:.2g}: divide by sqrt(var + eps),"
                " with eps inside the square root as specified"
            )
        return (
            f"feature (column) {j} is off: expected {np.round(expected[:, j], 4).tolist()},"
            f" got {np.round(out[:, j].astype(float), 4).tolist()}"
        )

    return check


def _batch(rng: np.random.Generator, n: int, d: int):
    x = rng.normal(loc=rng.uniform(-3, 3, d), scale=rng.uniform(0.5, 3.0, d), size=(n, d))
    return x, rng.uniform(0.5, 2.0, d), rng.normal(size=d)


def cases(rng: np.random.Generator) -> list[Case]:
    x, gamma, beta = _batch(rng, int(rng.integers(4, 9)), int(rng.integers(3, 6)))
    x2, gamma2, beta2 = _batch(rng, int(rng.integers(10, 20)), int(rng.integers(5, 9)))
    x3, gamma3, beta3 = _batch(rng, int(rng.integers(4, 8)), int(rng.integers(3, 6)))
    x3[:, int(rng.integers(x3.shape[1]))] = float(rng.uniform(-5, 5))
    x4, gamma4, beta4 = _batch(rng, 1, int(rng.integers(3, 6)))
    return [
        Case(
            "output has the shape of x",
            "required",
            (x, gamma, beta, EPS),
            _check(x, gamma, beta, values=False),
        ),
        Case(
            "normalises each feature over the batch, then scales by gamma and shifts by beta",
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
            "a constant feature (variance 0) gives beta, not NaN",
            "required",
            (x3, gamma3, beta3, EPS),
            _check(x3, gamma3, beta3),
        ),
        Case(
            "a batch of one example",
            "edge",
            (x4, gamma4, beta4, EPS),
            _check(x4, gamma4, beta4),
            forbid_warnings=True,
            followup="What does batch norm output for a batch of one, and why is that a problem? Why does "
            "eps go inside the square root?",
        ),
    ]
