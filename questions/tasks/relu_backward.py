"""Backward pass of ReLU: dx = dout where x > 0, else 0 (including exactly at x == 0)."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, allowed_error, as_array, distinct_digits

FUNCTION = "relu_backward"


def reference(dout, x) -> np.ndarray:
    return np.asarray(dout, dtype=float) * (np.asarray(x) > 0)


def _dx(dout, x):
    expected = reference(dout, x)
    x = np.asarray(x)

    def check(output) -> str | None:
        array, problem = as_array(output, "dx", expected.shape)
        if problem:
            return problem + " (dx has the shape of x)"
        assert array is not None
        allowed = allowed_error(array, expected, rtol=1e-12, atol=0.0, scale=np.abs(expected))
        wrong = np.flatnonzero(np.abs(array - expected).ravel() > allowed.ravel())
        if wrong.size == 0:
            return None
        i = int(wrong[0])
        where = tuple(int(k) for k in np.unravel_index(i, expected.shape))
        x_i = float(x.ravel()[i])
        rule = "dout passes through" if x_i > 0 else "the gradient is 0"
        want, got = distinct_digits(float(expected.ravel()[i]), float(array.ravel()[i]))
        return (
            f"dx at index {where} is {got}, but x there is {x_i:.6g}, so {rule}:"
            f" expected {want} ({wrong.size} of {expected.size} entries are wrong)"
        )

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    shape = (int(rng.integers(3, 7)), int(rng.integers(4, 9)))
    x = rng.normal(size=shape)
    dout = rng.normal(size=shape)

    x2 = rng.normal(size=int(rng.integers(8, 16)))
    dout2 = rng.normal(scale=3.0, size=x2.shape)

    shape3 = (2, int(rng.integers(2, 4)), int(rng.integers(3, 5)))
    x3 = rng.normal(size=shape3)
    dout3 = rng.normal(size=shape3)

    x4 = rng.normal(size=(int(rng.integers(3, 6)), int(rng.integers(3, 6))))
    x4.ravel()[rng.choice(x4.size, size=3, replace=False)] = 0.0
    dout4 = rng.normal(size=x4.shape)

    x5 = rng.integers(-3, 4, size=int(rng.integers(6, 12)))
    dout5 = rng.normal(size=x5.shape)
    return [
        Case("dx for a 2-D batch of activations", "required", (dout, x), _dx(dout, x)),
        Case("a 1-D vector", "required", (dout2, x2), _dx(dout2, x2)),
        Case("a 3-D tensor keeps its shape", "required", (dout3, x3), _dx(dout3, x3)),
        Case(
            "exactly-zero inputs get gradient 0",
            "required",
            (dout4, x4),
            _dx(dout4, x4),
        ),
        Case(
            "x as an integer array (a quantised layer's input)",
            "edge",
            (dout5, x5),
            _dx(dout5, x5),
            followup="ReLU is not differentiable at 0, and integer inputs hit 0 often. Which subgradient do "
            "you use there, and does the choice matter in practice?",
        ),
    ]
