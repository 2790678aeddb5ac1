"""Ranking generators, each recomputed a different way (exact fractions, permutations, numpy, sorting)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

from questions.generators import generate

SEEDS = range(100)


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]


def _flags(marks: str) -> list[bool]:
    return [mark == "✓" for mark in marks.split()]


@pytest.mark.parametrize("seed", SEEDS)
def test_ndcg_with_the_best_order_found_by_trying_every_arrangement(seed):
    drawn = generate("ndcg-at-k", seed)
    grades, k = _ints(drawn.values["grades"]), drawn.values["k"]
    discounts = 1 / np.log2(np.arange(2, k + 2))

    def dcg(order: tuple[int, ...]) -> float:
        return float(((2.0 ** np.array(order) - 1) * discounts).sum())

    best = max(dcg(order) for order in itertools.permutations(grades, k))
    assert math.isclose(drawn.answer, dcg(tuple(grades[:k])) / best, rel_tol=1e-9)
    assert 0 < drawn.answer <= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_mrr_read_back_from_the_shown_table_in_fractions(seed):
    drawn = generate("mean-reciprocal-rank", seed)
    rows = [line.split(":", 1)[1] for line in drawn.values["table"].splitlines()]
    assert len(rows) == drawn.values["queries"]
    total = Fraction(0)
    for row in rows:
        flags = _flags(row)
        first = next((position for position, flag in enumerate(flags, start=1) if flag), None)
        total += Fraction(1, first) if first else 0
    assert math.isclose(drawn.answer, float(total / len(rows)), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_average_precision_as_precision_times_recall_steps(seed):
    drawn = generate("average-precision", seed)
    flags = np.array(_flags(drawn.values["ranking"]), dtype=float)
    total = drawn.values["total_relevant"]
    precision_at = np.cumsum(flags) / np.arange(1, len(flags) + 1)
    recall_at = np.cumsum(flags) / total
    recall_steps = np.diff(np.concatenate([[0.0], recall_at]))
    assert math.isclose(drawn.answer, float((precision_at * recall_steps).sum()), rel_tol=1e-9)
    assert total >= flags.sum()


@pytest.mark.parametrize("seed", SEEDS)
def test_hit_rate_by_sorting_the_ranks(seed):
    drawn = generate("leave-one-out-hit-rate", seed)
    ranks = sorted(_ints(drawn.values["ranks"]))
    hits = np.searchsorted(ranks, drawn.values["k"], side="right")
    assert len(ranks) == drawn.values["users"]
    assert math.isclose(drawn.answer, hits / len(ranks), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_heap_replacements_equal_new_entries_into_the_running_top_k(seed):
    drawn = generate("heap-top-k-replacements", seed)
    stream, k = _ints(drawn.values["stream"]), drawn.values["k"]
    entries = sum(value > sorted(stream[:i])[-k] for i, value in enumerate(stream) if i >= k)
    assert drawn.answer == entries
    assert drawn.values["final"] == ", ".join(map(str, sorted(stream, reverse=True)[:k]))
