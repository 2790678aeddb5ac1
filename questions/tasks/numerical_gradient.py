"""Central-difference gradient of f(x) = sum(a * x**3 + b * sin(x)), checked against its exact value."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to

FUNCTION = "numerical_gradient"


def analytic(coefficients: dict[str, np.ndarray], x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return 3 * coefficients["a"] * x**2 + coefficients["b"] * np.cos(x)


def _tolerance(coefficients: dict[str, np.ndarray], x, eps: float) -> tuple[float, np.ndarray]:
    """Central differences are O(eps²) accurate, but f(x ± eps) are sums of terms as large as |a x³|,
    so rounding costs about machine epsilon · Σ|terms| / eps in every component, and rounding x ± eps
    moves the step by machine epsilon · |x|. Returns the float64 floor and the sizes for coarser dtypes."""
    x = np.asarray(x, dtype=float)
    scale = float(np.sum(np.abs(coefficients["a"] * x**3)) + np.sum(np.abs(coefficients["b"])))
    floor = 1e-7 + 1e-9 * scale * (1e-5 / eps)
    sizes = scale / (2 * eps) + np.abs(x) * np.abs(analytic(coefficients, x)) / eps
    return floor, sizes


def _forward_difference(coefficients: dict[str, np.ndarray], x, eps: float) -> np.ndarray:
    """What (f(x + eps·e_i) − f(x)) / eps gives, term by term (f is a sum of per-entry terms)."""
    x = np.asarray(x, dtype=float)
    a, b = coefficients["a"], coefficients["b"]
    return (a * ((x + eps) ** 3 - x**3) + b * (np.sin(x + eps) - np.sin(x))) / eps


def central_difference(coefficients: dict[str, np.ndarray], x, eps: float) -> np.ndarray:
    """The exact (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps): 3a·x² + a·eps² + b·cos(x)·sin(eps)/eps."""
    x = np.asarray(x, dtype=float)
    a, b = coefficients["a"], coefficients["b"]
    return 3 * a * x**2 + a * eps**2 + b * np.cos(x) * np.sin(eps) / eps


def _gradient(coefficients, x, eps: float = 1e-5):
    expected = central_difference(coefficients, x, eps)
    atol, sizes = _tolerance(coefficients, x, eps)

    def check(output) -> str | None:
        array, problem = as_array(output, "gradient", expected.shape)
        if problem:
            return problem + " (the gradient has one entry per entry of x, in x's shape)"
        assert array is not None
        if not np.isfinite(array).all():
            return "`gradient` contains NaN or inf (a step that scales with x is zero where x is 0)"
        problem = close_to(array, expected, "gradient", rtol=1e-6, atol=atol, scale=sizes)
        if problem is None:
            return None
        for factor, hint in ((2.0, "divide the difference by 2·eps"), (-1.0, "the sign is flipped")):
            if np.allclose(array, factor * expected, rtol=1e-4):
                return f"{problem} ({hint})"
        forward = _forward_difference(coefficients, x, eps)
        if np.linalg.norm(array - forward) < 0.1 * np.linalg.norm(expected - forward):
            return (
                f"{problem} (this is the one-sided difference (f(x + eps) − f(x)) / eps: use the central one)"
            )
        if array.size > 1 and np.all(array == array.flat[0]):
            return f"{problem} (every entry is the same: perturb one entry of x at a time)"
        return problem

    return check


def _coefficients(rng: np.random.Generator, shape) -> dict[str, np.ndarray]:
    def signed(low: float, high: float) -> np.ndarray:
        return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)

    return {"a": signed(0.5, 2.0), "b": signed(0.5, 2.0)}


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(5, 10))
    x1 = rng.uniform(0.3, 1.5, size=n) * rng.choice([-1.0, 1.0], size=n)
    c1 = _coefficients(rng, x1.shape)

    shape = (int(rng.integers(2, 4)), int(rng.integers(3, 5)))
    x2 = rng.normal(size=shape)
    c2 = _coefficients(rng, shape)

    x3 = rng.uniform(-2.0, 2.0, size=int(rng.integers(4, 8)))
    c3 = _coefficients(rng, x3.shape)

    big = rng.uniform(100.0, 1000.0, size=4) * rng.choice([-1.0, 1.0], size=4)
    x4 = rng.permutation(np.concatenate([np.zeros(2), big, rng.normal(size=2)]))
    c4 = _coefficients(rng, x4.shape)

    x5 = rng.choice(np.array([-3, -2, -1, 1, 2, 3]), size=int(rng.integers(5, 9)))
    c5 = _coefficients(rng, x5.shape)

    return [
        Case("gradient of a 1-D x", "required", (c1, x1), _gradient(c1, x1)),
        Case("a 2-D x: the gradient has x's shape", "required", (c2, x2), _gradient(c2, x2)),
        Case(
            "uses the step eps it is given (eps = 0.05: a one-sided difference is off by eps·f''/2)",
            "required",
            (c3, x3, 0.05),
            _gradient(c3, x3, 0.05),
        ),
        Case(
            "x containing exact zeros and values near ±1000: finite and accurate",
            "edge",
            (c4, x4),
            _gradient(c4, x4),
            forbid_warnings=True,
            followup="Should the step be absolute or relative to |x|, and what goes wrong at x = 0 with a "
            "relative step?",
        ),
        Case(
            "an integer array x still gets a nonzero step",
            "required",
            (c5, x5),
            _gradient(c5, x5),
        ),
    ]
