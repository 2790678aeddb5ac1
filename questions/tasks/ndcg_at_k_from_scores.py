"""NDCG@k of one query's ranking by model score: gain 2^rel − 1, log2 discount, ties by index."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from questions.tasks._kit import Case, Check, as_array, close_to

FUNCTION = "ndcg_at_k"


def _dcg(relevances: list[float], k: int) -> float:
    return sum((2.0**rel - 1) / math.log2(rank + 2) for rank, rel in enumerate(relevances[:k]))


def reference(relevance: np.ndarray, scores: np.ndarray, k: int) -> float:
    """Rank by (−score, index) in plain Python; the ideal ranks every item by relevance."""
    ranked = sorted(range(len(scores)), key=lambda i: (-float(scores[i]), i))
    ideal = _dcg(sorted(relevance.tolist(), reverse=True), k)
    return _dcg([float(relevance[i]) for i in ranked], k) / ideal if ideal > 0 else 0.0


def _ndcg(relevance: np.ndarray, scores: np.ndarray, k: int) -> Check:
    expected = reference(relevance, scores, k)

    def check(output) -> str | None:
        value, problem = as_array(output, "ndcg", ())
        if problem:
            return problem
        return close_to(value, expected, "ndcg", atol=1e-9, scale=1.0)

    return check


def _query(rng: np.random.Generator, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Graded labels and noisy scores, with the most relevant item ranked just below the top k."""
    relevance = rng.choice(4, size=n, p=[0.5, 0.25, 0.15, 0.1]).astype(np.int64)
    relevance[:2] = (1, 2)
    scores = np.round(relevance + rng.normal(scale=1.5, size=n), 3)
    best = int(np.argmax(relevance))
    relevance[best] = 3
    scores[best] = np.sort(scores)[::-1][k] - 0.001
    return relevance, scores


def _ties(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two items tie for the top score: the earlier one (relevance 3) must rank first."""
    n = int(rng.integers(8, 14))
    relevance = rng.integers(0, 3, size=n)
    scores = np.round(rng.uniform(0, 1, size=n), 1)
    first, second = np.sort(rng.choice(n, size=2, replace=False))
    relevance[first], relevance[second] = 3, 0
    scores[first] = scores[second] = 2.0
    return relevance.astype(np.int64), scores


def _case(name: str, relevance, scores, k: int, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (relevance, scores, k), _ndcg(relevance, scores, k), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    k = int(rng.integers(5, 10))
    relevance, scores = _query(rng, int(rng.integers(20, 40)), k)
    tied, tied_scores = _ties(rng)
    few, few_scores = _query(rng, 6, 3)
    zero = np.zeros(int(rng.integers(5, 12)), dtype=np.int64)
    halves = rng.integers(0, 7, size=12) / 2
    half_scores = np.round(halves + rng.normal(size=12), 3)
    return [
        _case(
            "graded relevance: gain 2^rel − 1, discount log2(rank + 1), ideal over all items",
            relevance,
            scores,
            k,
        ),
        _case("tied scores: the lower index ranks first", tied, tied_scores, int(rng.integers(3, 6))),
        _case("k larger than the number of items: every item counts", few, few_scores, 10),
        _case("no relevant item: NDCG is 0.0", zero, rng.normal(size=len(zero)), 3),
        _case(
            "relevance grades in steps of 0.5",
            halves,
            half_scores,
            5,
            followup="Relevance now comes as averaged rater grades such as 1.5. Does your gain still work, "
            "and why use 2^rel − 1 instead of rel at all?",
        ),
    ]
