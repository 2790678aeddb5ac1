"""Layer norm: per-example statistics over the last axis, biased variance, eps inside the sqrt."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, within

FUNCTION = "layernorm_forward"
EPS = 1e-5


def reference(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPS) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _check(x, gamma, beta, eps: float = EPS, values: bool = True):
    expected = reference(x, gamma, beta, eps)
    mean = x.mean(axis=-1, keepdims=True)
    sizes = np.abs(gamma) * (np.abs(x) + np.abs(mean)) / np.sqrt(
        x.var(axis=-1, keepdims=True) + eps
    ) + np.abs(beta)

    def check(output) -> str | None:
        out, problem = as_array(output, "out", x.shape)
        if problem:
            return problem
        assert out is not None
        if not values:
            return None
        if np.isnan(out).any():
            return "`out` contains NaN (a row with zero variance?)"
        if within(out, expected, rtol=1e-6, atol=1e-6, scale=sizes):
            return None
        rows, expected_rows = out.reshape(-1, x.shape[-1]), expected.reshape(-1, x.shape[-1])
        i = int(np.abs(rows - expected_rows).max(axis=1).argmax())
        where = tuple(int(k) for k in np.unravel_index(i, x.shape[:-1]))
        worst = float(np.abs(out - expected).max())
        if np.allclose(out, expected, rtol=1e-3, atol=1e-3):
            return (
                f"row {where} is off by {worst:.2g}: divide by sqrt(var + eps),"
                " with eps inside the square root as specified"
            )
        want, got = np.round(expected_rows[i], 4).tolist(), np.round(rows[i].astype(float), 4).tolist()
        return f"row {where} is off: expected {want}, got {got}"

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
    tokens, d4 = _shape(rng, 3, 8)
    x4 = np.stack([_batch(rng, tokens, d4)[0] for _ in range(2)])
    gamma4, beta4 = rng.uniform(0.5, 2.0, d4), rng.normal(size=d4)
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
            "required",
            (x3, gamma3, beta3, EPS),
            _check(x3, gamma3, beta3),
        ),
        Case(
            "a 3-D input (batch, tokens, features): statistics over the last axis only",
            "edge",
            (x4, gamma4, beta4, EPS),
            _check(x4, gamma4, beta4),
            followup="In a transformer, x has shape (batch, tokens, features). Which axis does layer norm "
            "reduce over, and why does it not depend on the batch size?",
        ),
    ]
