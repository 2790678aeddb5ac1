"""A 2-layer network's forward pass: ReLU hidden layer, sigmoid output, X of shape (features, m)."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to, first_problem

FUNCTION = "nn_forward"


def reference(X: np.ndarray, parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0.0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = np.exp(-np.logaddexp(0.0, -Z2))
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _parameters(
    rng: np.random.Generator, n_x: int, n_h: int, n_y: int, scale: float
) -> dict[str, np.ndarray]:
    return {
        "W1": rng.normal(scale=scale, size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(scale=scale, size=(n_y, n_h)),
        "b2": rng.normal(size=(n_y, 1)),
    }


def _sizes(X, parameters, expected: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rounding sizes, layer by layer: each product adds up |W|·|input| + |b|; the sigmoid's slope
    A2·(1 − A2) scales what reaches A2."""
    z1 = np.abs(parameters["W1"]) @ np.abs(X) + np.abs(parameters["b1"])
    z2 = np.abs(parameters["W2"]) @ z1 + np.abs(parameters["b2"])
    a2 = expected["A2"]
    return {"Z1": z1, "A1": z1, "Z2": z2, "A2": a2 + a2 * (1 - a2) * z2}


def _forward(X, parameters, keys=("A2",)):
    expected = reference(X, parameters)
    sizes = _sizes(X, parameters, expected)

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (A2, cache)"
        A2, cache = output
        problem = close_to(A2, expected["A2"], "A2", scale=sizes["A2"])
        if problem or keys == ("A2",):
            return problem
        if not isinstance(cache, dict):
            return "`cache` should be a dict"
        missing = [key for key in keys if key not in cache]
        if missing:
            return f"`cache` is missing {', '.join(missing)}"
        return first_problem(
            *(close_to(cache[key], expected[key], f"cache['{key}']", scale=sizes[key]) for key in keys)
        )

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n_x, n_h, n_y, m = (int(v) for v in rng.integers(2, 6, size=4))
    X = rng.normal(size=(n_x, m))
    parameters = _parameters(rng, n_x, n_h, n_y, 0.5)
    wide = rng.normal(size=(n_x, 1))
    big = _parameters(rng, n_x, n_h, n_y, 400.0)
    big["b2"][0] = -5000.0
    flat = {**parameters, "b1": parameters["b1"].ravel(), "b2": parameters["b2"].ravel()}
    return [
        Case("A2 for a small batch", "required", (X, parameters), _forward(X, parameters)),
        Case(
            "cache holds Z1, A1, Z2 and A2",
            "required",
            (X, parameters),
            _forward(X, parameters, ("Z1", "A1", "Z2", "A2")),
        ),
        Case(
            "a single example keeps its column shape",
            "required",
            (wide, parameters),
            _forward(wide, parameters),
        ),
        Case(
            "large activations: the sigmoid neither overflows nor returns NaN",
            "required",
            (X, big),
            _forward(X, big),
            forbid_warnings=True,
        ),
        Case(
            "biases given as 1-D arrays of shape (n_h,) and (n_y,)",
            "edge",
            (X, flat),
            _forward(X, parameters),
            followup="What does W1 @ X + b1 do when b1 has shape (n_h,) instead of (n_h, 1)? How do you "
            "compute a sigmoid that cannot overflow for large negative inputs?",
        ),
    ]
