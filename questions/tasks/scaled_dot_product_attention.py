"""Scaled dot-product attention for one head: softmax(QK^T / sqrt(d)) V with an optional boolean mask."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "attention"


def reference(Q, K, V, mask=None) -> tuple[np.ndarray, np.ndarray]:
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ V, weights


def _sizes_of(Q, K, V, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rounding sizes: a score is off by eps·|q||k|/sqrt(d), which moves weight w by about 2·w·that."""
    Q, K, V = (np.abs(np.asarray(a, dtype=float)) for a in (Q, K, V))
    score_sizes = (Q @ K.T / np.sqrt(Q.shape[1])).max(axis=1, keepdims=True)
    weight_sizes = weights * (1.0 + 2.0 * score_sizes)
    return weight_sizes, weight_sizes @ V + weights @ V


def _weights_problem(weights, expected: np.ndarray, mask, sizes: np.ndarray) -> str | None:
    problem = close_to(weights, expected, "weights", scale=sizes)
    if problem is None or " is off" not in problem:
        return problem
    got = np.asarray(weights, dtype=float)
    rows = got.sum(axis=1)
    if not np.allclose(rows, 1.0, atol=1e-6):
        if np.allclose(got.sum(axis=0), 1.0, atol=1e-6):
            return f"{problem}: each ROW of weights must sum to 1 (softmax over the keys, the last axis)"
        return f"{problem}: rows of weights sum to {np.round(rows, 4).tolist()}, not 1"
    if mask is not None and np.abs(got[~mask]).max() > 1e-12:
        return f"{problem}: positions where mask is False must get weight 0"
    return problem


def _attends(Q, K, V, mask=None, check_output: bool = True):
    output, weights = reference(Q, K, V, mask)
    weight_sizes, output_sizes = _sizes_of(Q, K, V, weights)
    mask = None if mask is None else np.asarray(mask, dtype=bool)

    def check(result) -> str | None:
        if not isinstance(result, tuple | list) or len(result) != 2:
            return "return a tuple (output, weights)"
        problem = _weights_problem(result[1], weights, mask, weight_sizes)
        if problem or not check_output:
            return problem
        return close_to(result[0], output, "output", scale=output_sizes)

    return check


def _sizes(rng: np.random.Generator) -> tuple[int, int, int, int]:
    """n queries, m keys, key dimension d and value dimension dv, all different to expose transposes."""
    n, m, d, dv = (int(v) for v in rng.choice(np.arange(2, 10), size=4, replace=False))
    return n, m, d, dv


def _mask(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    mask = rng.random((n, m)) < 0.6
    mask[np.arange(n), rng.integers(0, m, n)] = True  # every query may attend somewhere
    mask[0, ~mask[0]] = False
    if mask.all():
        mask[0, int(rng.integers(0, m))] = False
        mask[0, (int(np.flatnonzero(~mask[0])[0]) + 1) % m] = True
    return mask


def cases(rng: np.random.Generator) -> list[Case]:
    n, m, d, dv = _sizes(rng)
    Q, K, V = rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=(m, dv))
    mask = _mask(rng, n, m)
    q1 = rng.normal(size=(1, d))

    big_Q, big_K = 40 * rng.normal(size=(n, d)), 40 * rng.normal(size=(m, d))

    # key 0 scores hundreds above the others for every query, and it is masked out
    hot_Q = rng.normal(size=(n, d))
    hot_Q[:, 0] = np.abs(hot_Q[:, 0]) + 1.0
    hot_K = rng.normal(size=(m, d))
    hot_K[0] = 0.0
    hot_K[0, 0] = 900.0 * np.sqrt(d) / hot_Q[:, 0].min()
    hot_mask = _mask(rng, n, m)
    hot_mask[:, 0] = False
    hot_mask[np.arange(n), rng.integers(1, m, n)] = True
    return [
        Case(
            f"weights: shape ({n}, {m}), each row a softmax of QK^T / sqrt(d)",
            "required",
            (Q, K, V),
            _attends(Q, K, V, check_output=False),
        ),
        Case(f"output = weights @ V, shape ({n}, {dv})", "required", (Q, K, V), _attends(Q, K, V)),
        Case(
            "a boolean mask: False positions get weight 0",
            "required",
            (Q, K, V, mask),
            _attends(Q, K, V, mask),
        ),
        Case("a single query (n = 1)", "required", (q1, K, V), _attends(q1, K, V)),
        Case(
            "large scores (hundreds): no overflow, no NaN",
            "required",
            (big_Q, big_K, V),
            _attends(big_Q, big_K, V),
            forbid_warnings=True,
        ),
        Case(
            "a masked key with a huge score gets weight 0 and does not swamp the others",
            "required",
            (hot_Q, hot_K, V, hot_mask),
            _attends(hot_Q, hot_K, V, hot_mask),
            forbid_warnings=True,
        ),
        Case(
            "the mask as 0/1 integers instead of booleans",
            "edge",
            (Q, K, V, mask.astype(np.int64)),
            _attends(Q, K, V, mask),
            followup="What does ~mask give for an integer 0/1 mask? Why mask the scores with -inf before "
            "the softmax instead of zeroing weights after it?",
        ),
    ]
