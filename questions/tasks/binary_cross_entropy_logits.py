"""Mean binary cross-entropy from logits, stable for logits of any size."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "bce_with_logits"


def reference(logits, targets) -> float:
    z = np.asarray(logits, dtype=float)
    y = np.asarray(targets, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - z * y))


def _loss(logits, targets, rtol: float):
    expected = reference(logits, targets)

    def check(output) -> str | None:
        value, problem = as_array(output, "loss", ())
        if problem:
            return problem + " (return the mean loss as one float)"
        assert value is not None
        got = float(value)
        if not np.isfinite(got):
            return f"the loss is {got}: the computation overflowed or took log(0)"
        if np.isclose(got, expected, rtol=rtol, atol=1e-9):
            return None
        message = f"loss: expected {expected:.6g}, got {got:.6g}"
        if np.isclose(got, -expected, rtol=rtol):
            return message + " (check the sign: the loss is a negative log-likelihood)"
        if np.isclose(got, expected * len(np.atleast_1d(logits)), rtol=rtol):
            return message + " (return the mean over examples, not the sum)"
        return message

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

    return [
        Case("mean loss on moderate logits", "required", (z, y), _loss(z, y, 1e-5)),
        Case("imbalanced integer targets", "required", (z2, y2), _loss(z2, y2, 1e-5)),
        Case("a single example", "required", (z3, y3), _loss(z3, y3, 1e-5)),
        Case(
            "logits of ±1000: finite, exact loss and no overflow warnings",
            "edge",
            (big, big_y),
            _loss(big, big_y, 1e-6),
            forbid_warnings=True,
            followup="What does sigmoid(1000) return in float64, and why does clipping the probability give "
            "the wrong loss?",
        ),
    ]
