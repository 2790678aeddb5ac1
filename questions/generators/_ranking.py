"""Ranking, retrieval and recommender generators: NDCG, MRR, average precision, hit rate, heap top-k."""

from __future__ import annotations

import heapq
import math
import random

from questions.generators._registry import Generated, generator


def _dcg(gains: list[int]) -> float:
    """Discounted cumulative gain with gain 2^rel - 1 and discount 1/log2(position + 1)."""
    return sum((2**rel - 1) / math.log2(position + 1) for position, rel in enumerate(gains, start=1))


def _marks(flags: list[bool]) -> str:
    """A ranked list as the prompt shows it: ✓ for a relevant result, ✗ for the others."""
    return " ".join("✓" if flag else "✗" for flag in flags)


@generator("ndcg-at-k")
def ndcg_at_k(rng: random.Random) -> Generated:
    """NDCG@k of one ranked list with graded relevance, the ideal order taken over all listed results."""
    size = rng.randint(6, 8)
    k = rng.choice([3, 4, 5])
    relevance = [rng.choice([0, 0, 1, 1, 2, 3]) for _ in range(size)]
    if not any(relevance[:k]):
        relevance[rng.randrange(k)] = 1
    ideal = sorted(relevance, reverse=True)
    dcg, idcg = _dcg(relevance[:k]), _dcg(ideal[:k])
    return Generated(
        {
            "size": size,
            "k": k,
            "grades": ", ".join(map(str, relevance)),
            "top_k": ", ".join(map(str, relevance[:k])),
            "ideal_top_k": ", ".join(map(str, ideal[:k])),
            "dcg": dcg,
            "idcg": idcg,
        },
        dcg / idcg,
    )


@generator("mean-reciprocal-rank")
def mean_reciprocal_rank(rng: random.Random) -> Generated:
    """MRR over a handful of queries, a query with no relevant result in the list scoring 0."""
    queries = rng.randint(4, 6)
    depth = 5
    lists: list[list[bool]] = []
    for _ in range(queries):
        first = rng.choice([1, 1, 2, 2, 3, 4, 5, None])
        flags = [False] * depth
        if first is not None:
            flags[first - 1] = True
            for position in range(first, depth):
                flags[position] = rng.random() < 0.3
        lists.append(flags)
    reciprocal = [1 / (flags.index(True) + 1) if any(flags) else 0.0 for flags in lists]
    return Generated(
        {
            "queries": queries,
            "depth": depth,
            "table": "\n".join(f"  q{n}: {_marks(flags)}" for n, flags in enumerate(lists, start=1)),
            "terms": " + ".join(f"{r:.3g}" for r in reciprocal),
        },
        sum(reciprocal) / queries,
    )


@generator("average-precision")
def average_precision(rng: random.Random) -> Generated:
    """Average precision of one ranked list, divided by all relevant documents (some never retrieved)."""
    depth = 10
    flags = [rng.random() < 0.4 for _ in range(depth)]
    if not any(flags):
        flags[rng.randrange(depth)] = True
    retrieved = sum(flags)
    total_relevant = retrieved + rng.choice([0, 1, 2, 3])
    hits, precisions = 0, []
    for position, flag in enumerate(flags, start=1):
        if flag:
            hits += 1
            precisions.append((hits, position))
    return Generated(
        {
            "depth": depth,
            "ranking": _marks(flags),
            "total_relevant": total_relevant,
            "retrieved": retrieved,
            "terms": " + ".join(f"{h}/{p}" for h, p in precisions),
        },
        sum(h / p for h, p in precisions) / total_relevant,
    )


@generator("leave-one-out-hit-rate")
def leave_one_out_hit_rate(rng: random.Random) -> Generated:
    """Leave-one-out hit rate@k: the share of users whose held-out item ranks in the top k."""
    users = rng.choice([8, 10, 12])
    candidates = 100
    k = rng.choice([5, 10])
    ranks = [rng.choice([1, 2, 3, 4, 6, 8, 9, 12, 15, 23, 37, 51, 78]) for _ in range(users)]
    hits = sum(rank <= k for rank in ranks)
    return Generated(
        {
            "users": users,
            "candidates": candidates,
            "negatives": candidates - 1,
            "k": k,
            "ranks": ", ".join(map(str, ranks)),
            "hits": hits,
        },
        hits / users,
    )


@generator("heap-top-k-replacements")
def heap_top_k_replacements(rng: random.Random) -> Generated:
    """How often a size-k min-heap replaces its root while keeping the k largest of a stream."""
    k = rng.choice([3, 4])
    stream = rng.sample(range(1, 100), rng.randint(10, 14))
    heap = stream[:k]
    heapq.heapify(heap)
    replacements = 0
    for value in stream[k:]:
        if value > heap[0]:
            heapq.heapreplace(heap, value)
            replacements += 1
    return Generated(
        {
            "k": k,
            "n": len(stream),
            "stream": ", ".join(map(str, stream)),
            "rest": len(stream) - k,
            "final": ", ".join(map(str, sorted(heap, reverse=True))),
        },
        float(replacements),
    )
