"""Mean binary cross-entropy from logits, stable for logits of any size."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, within

FUNCTION = "bce_with_logits"


def reference(logits, targets) -> float:
    z = np.asarray(logits, dtype=float)
    y = np.asarray(targets, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - z * y))


def _loss(logits, targets, rtol: float):
    expected = reference(logits, targets)
    z, y = np.asarray(logits, dtype=float), np.asarray(targets, dtype=float)
    size = float(np.mean(np.logaddexp(0.0, z) + np.abs(z * y)))  # the terms that cancel

    def check(output) -> str | None:
        value, problem = as_array(output, "loss", ())
        if problem:
            return problem + " (return the mean loss as one float)"
        assert value is not None
        if not np.isfinite(value):
            return f"the loss is {float(value)}: the computation overflowed or took log(0)"
        problem = close_to(value, expected, "loss", rtol=rtol, atol=1e-9, scale=size)
        if problem is None:
            return None
        if within(value, -expected, rtol=rtol, scale=size):
            return problem + " (check the sign: the loss is a negative log-likelihood)"
        if within(value, expected * len(np.atleast_1d(logits)), rtol=rtol, scale=size * len(z)):
            return problem + " (return the mean over examples, not the sum)"
        return problem

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(20, 50))
    z = np.clip(rng.normal(scale=2.0, size=n), -6, 6)
    y = rng.integers(0, 2, size=n).astype(float)

    n2 = int(rng.integers(10, 30))
    z2 = np.clip(rng.normal(loc=rng.uniform(-2, 2), scale=1.5, size=n2), -6, 6)
    y2 = (rng.random(n2) < 0.3).astype(int)

    z3 = np.array([float(rng.uniform(-3, 3))])
    y3 = np.array([float(rng.integers(0, 2))])

    big = rng.permutation(np.array([1000.0, -1000.0, 1000.0, -1000.0, 800.0, -750.0, *rng.normal(size=4)]))
    big_y = rng.integers(0, 2, size=len(big)).astype(float)
    big_y[np.flatnonzero(big == 1000.0)[0]] = 0.0
    big_y[np.flatnonzero(big == -1000.0)[0]] = 1.0

    soft = np.where(y > 0, 0.95, 0.05)
    return [
        Case("mean loss on moderate logits", "required", (z, y), _loss(z, y, 1e-5)),
        Case("imbalanced integer targets", "required", (z2, y2), _loss(z2, y2, 1e-5)),
        Case("a single example", "required", (z3, y3), _loss(z3, y3, 1e-5)),
        Case(
            "logits of ±1000: finite, exact loss and no overflow warnings",
            "required",
            (big, big_y),
            _loss(big, big_y, 1e-6),
            forbid_warnings=True,
        ),
        Case(
            "soft targets (label smoothing: 0.05 and 0.95)",
            "edge",
            (z, soft),
            _loss(z, soft, 1e-5),
            followup="Does your formula still hold for targets strictly between 0 and 1? What does "
            "sigmoid(1000) return in float64, and why does clipping the probability give the wrong loss?",
        ),
    ]
