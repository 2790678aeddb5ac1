"""2-D max pooling of one (h, w) map with a square window, a stride and no padding."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "max_pool2d"


def reference(x, size: int, stride: int) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    h, w = x.shape
    out = np.empty(((h - size) // stride + 1, (w - size) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = x[i * stride : i * stride + size, j * stride : j * stride + size].max()
    return out


def _pools(x: np.ndarray, size: int, stride: int):
    expected = reference(x, size, stride)
    h, w = x.shape

    def check(output) -> str | None:
        problem = close_to(output, expected, "out")
        if problem and "shape" in problem:
            return (
                f"{problem}; with h={h}, w={w}, size={size}, stride={stride} the output shape is "
                f"((h - size) // stride + 1, (w - size) // stride + 1)"
            )
        if (
            problem
            and " is off" in problem
            and np.all(np.asarray(output, dtype=float) >= 0)
            and (expected < 0).any()
        ):
            return f"{problem}: a max over negative values is negative; do not start the running max at 0"
        return problem

    return check


def _distinct(rng: np.random.Generator, shape: tuple[int, int], low: float, high: float) -> np.ndarray:
    """Values without ties, so the maximum of every window is unambiguous."""
    return rng.permutation(np.linspace(low, high, shape[0] * shape[1])).reshape(shape) + rng.uniform(0, 1e-3)


def cases(rng: np.random.Generator) -> list[Case]:
    h2, w2 = (2 * int(v) for v in rng.choice(np.arange(2, 6), size=2, replace=False))
    even = _distinct(rng, (h2, w2), -5, 5)
    h, w = (int(v) for v in rng.choice(np.arange(5, 10), size=2, replace=False))
    x = _distinct(rng, (h, w), -5, 5)
    odd = _distinct(rng, (2 * int(rng.integers(3, 5)) + 1, 2 * int(rng.integers(3, 5)) + 1), -5, 5)
    negative = _distinct(rng, (h, w), -90, -1)
    return [
        Case(f"2x2 window, stride 2 on a {h2}x{w2} map", "required", (even, 2, 2), _pools(even, 2, 2)),
        Case(f"overlapping 3x3 windows, stride 1 on a {h}x{w} map", "required", (x, 3, 1), _pools(x, 3, 1)),
        Case(
            f"2x2 window, stride 2 on a {odd.shape[0]}x{odd.shape[1]} map: the last row and column"
            " are dropped",
            "required",
            (odd, 2, 2),
            _pools(odd, 2, 2),
        ),
        Case("3x3 window, stride 2", "required", (x, 3, 2), _pools(x, 3, 2)),
        Case(
            "all values negative",
            "required",
            (negative, 2, 2),
            _pools(negative, 2, 2),
        ),
        Case(
            "a window as large as the map gives a 1x1 global max",
            "edge",
            (x[:4, :4], 4, 1),
            _pools(x[:4, :4], 4, 1),
            followup="How does the gradient of max pooling flow back to its input, and what happens when "
            "two values in a window tie?",
        ),
    ]
