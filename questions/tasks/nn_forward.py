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


def _forward(X, parameters, keys=("A2",)):
    expected = reference(X, parameters)

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (A2, cache)"
        A2, cache = output
        problem = close_to(A2, expected["A2"], "A2")
        if problem or keys == ("A2",):
            return problem
        if not isinstance(cache, dict):
            return "`cache` should be a dict"
        missing = [key for key in keys if key not in cache]
        if missing:
            return f"`cache` is missing {', '.join(missing)}"
        return first_problem(*(close_to(cache[key], expected[key], f"cache['{key}']") for key in keys))

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n_x, n_h, n_y, m = (int(v) for v in rng.integers(2, 6, size=4))
    X = rng.normal(size=(n_x, m))
    parameters = _parameters(rng, n_x, n_h, n_y, 0.5)
    wide = rng.normal(size=(n_x, 1))
    big = _parameters(rng, n_x, n_h, n_y, 400.0)
    big["b2"][0] = -5000.0
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
            "edge",
            (X, big),
            _forward(X, big),
            forbid_warnings=True,
            followup="How do you compute a sigmoid that cannot overflow for large negative inputs?",
        ),
    ]
