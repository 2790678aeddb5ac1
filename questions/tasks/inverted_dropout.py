"""Inverted dropout's forward pass with a given keep mask; p is the DROP probability."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "dropout_forward"


def reference(x, keep_mask, p: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x * np.asarray(keep_mask, dtype=float) / (1.0 - p)


def _keep_mask(rng: np.random.Generator, shape: tuple[int, ...], p: float) -> np.ndarray:
    """Each unit kept with probability 1 - p, with at least one kept and one dropped unit."""
    mask = rng.random(shape) >= p
    flat = mask.reshape(-1)
    flat[0], flat[-1] = True, False
    return mask


def _drop_rate(rng: np.random.Generator, low: float, high: float) -> float:
    """A drop rate away from 0.5, where dividing by p and by 1 - p would agree."""
    return float(rng.choice([v for v in np.round(np.arange(low, high, 0.05), 2) if abs(v - 0.5) > 0.04]))


def _matches(x, keep_mask, p: float):
    expected = reference(x, keep_mask, p)
    mask = np.asarray(keep_mask, dtype=float)
    x = np.asarray(x, dtype=float)
    known = [
        (x * mask * (1 - p), "inverted dropout divides by 1 - p during training; it does not multiply"),
        (x * (1 - mask) / (1 - p), "keep_mask is 1 where a unit is KEPT, not where it is dropped"),
    ]
    if p > 0:
        known += [
            (x * mask, "kept units must be scaled up by 1 / (1 - p)"),
            (x * mask / p, "p is the DROP probability: divide by the keep probability 1 - p, not by p"),
        ]

    def check(output) -> str | None:
        problem = close_to(output, expected, "out")
        if problem is None:
            return None
        try:
            got = np.asarray(output, dtype=float)
        except (TypeError, ValueError):
            return problem
        for wrong, hint in known:
            if got.shape == wrong.shape and np.allclose(got, wrong, rtol=1e-6, atol=1e-8):
                return f"{problem}: {hint}"
        return problem

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    p = _drop_rate(rng, 0.1, 0.45)
    x = rng.normal(size=(int(rng.integers(3, 7)), int(rng.integers(4, 9))))
    mask = _keep_mask(rng, x.shape, p).astype(float)

    p_high = _drop_rate(rng, 0.6, 0.9)
    batch = rng.normal(size=(2, int(rng.integers(3, 6)), int(rng.integers(3, 6))))
    batch_mask = _keep_mask(rng, batch.shape, p_high).astype(np.int64)

    p_vec = _drop_rate(rng, 0.15, 0.8)
    vector = rng.uniform(0.5, 3.0, size=int(rng.integers(5, 12)))
    vector_mask = _keep_mask(rng, vector.shape, p_vec).astype(float)

    bool_mask = _keep_mask(rng, x.shape, p)
    return [
        Case(f"2-D activations, float mask, p = {p}", "required", (x, mask, p), _matches(x, mask, p)),
        Case(
            f"3-D batch, integer mask, p = {p_high}",
            "required",
            (batch, batch_mask, p_high),
            _matches(batch, batch_mask, p_high),
        ),
        Case(
            f"1-D vector keeps its shape, p = {p_vec}",
            "required",
            (vector, vector_mask, p_vec),
            _matches(vector, vector_mask, p_vec),
        ),
        Case(
            "p = 0 (every unit kept) returns x unchanged",
            "edge",
            (x, np.ones_like(x), 0.0),
            _matches(x, np.ones_like(x), 0.0),
            forbid_warnings=True,
            followup="Why does inverted dropout rescale during training rather than at inference, and what "
            "happens to your scaling as p approaches 1?",
        ),
        Case(
            "a boolean keep mask works like a 0/1 mask",
            "required",
            (x, bool_mask, p),
            _matches(x, bool_mask, p),
        ),
    ]
