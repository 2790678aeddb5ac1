"""Classic ML generators: tree splits, forests, clustering, thresholds, calibration and Shapley values."""

from __future__ import annotations

import itertools
import math
import random

from questions.generators._registry import Generated, generator


def _entropy_bits(*counts: int) -> float:
    """Shannon entropy in bits of a node holding these class counts."""
    total = sum(counts)
    return 0.0 - sum(c / total * math.log2(c / total) for c in counts if c)


@generator("information-gain")
def information_gain(rng: random.Random) -> Generated:
    """Entropy decrease of a binary split of a node with positives and negatives."""
    while True:  # redraw until both children have 3+ rows and the split is worth asking about
        left_pos, left_neg = rng.randint(0, 12), rng.randint(0, 12)
        right_pos, right_neg = rng.randint(0, 12), rng.randint(0, 12)
        left, right = left_pos + left_neg, right_pos + right_neg
        pos, neg = left_pos + right_pos, left_neg + right_neg
        if min(left, right) < 3 or not (pos and neg):
            continue
        parent_entropy = _entropy_bits(pos, neg)
        left_entropy = _entropy_bits(left_pos, left_neg)
        right_entropy = _entropy_bits(right_pos, right_neg)
        children = (left * left_entropy + right * right_entropy) / (left + right)
        if parent_entropy - children >= 0.02:
            break
    return Generated(
        {
            "pos": pos,
            "neg": neg,
            "total": pos + neg,
            "left_pos": left_pos,
            "left_neg": left_neg,
            "left": left,
            "right_pos": right_pos,
            "right_neg": right_neg,
            "right": right,
            "parent_entropy": parent_entropy,
            "left_entropy": left_entropy,
            "right_entropy": right_entropy,
            "children_entropy": children,
        },
        parent_entropy - children,
    )


@generator("forest-variance")
def forest_variance(rng: random.Random) -> Generated:
    """Variance of the average of B identically distributed trees with pairwise correlation rho."""
    tree_variance = rng.choice([1, 2, 4, 5, 9, 16])
    rho = rng.choice([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8])
    trees = rng.choice([5, 10, 20, 25, 50, 100, 200, 500])
    shared = rho * tree_variance
    averaged = (1 - rho) * tree_variance / trees
    return Generated(
        {"tree_variance": tree_variance, "rho": rho, "trees": trees, "shared": shared, "averaged": averaged},
        shared + averaged,
    )


def _points(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)


@generator("silhouette-of-a-point")
def silhouette_of_a_point(rng: random.Random) -> Generated:
    """Silhouette of one point on a line, with two other clusters competing to be its nearest."""
    start = rng.randint(0, 5)
    own = sorted(rng.sample(range(start, start + 8), 3))
    near_start = own[-1] + rng.randint(2, 6)
    near = sorted(rng.sample(range(near_start, near_start + 8), 3))
    far_start = own[0] - rng.randint(8, 16)
    far = sorted(rng.sample(range(far_start - 8, far_start), 2))
    point = own[rng.randrange(3)]
    others = [p for p in own if p != point]
    a = sum(abs(point - p) for p in others) / len(others)
    b_near = sum(abs(point - p) for p in near) / len(near)
    b_far = sum(abs(point - p) for p in far) / len(far)
    b = min(b_near, b_far)
    return Generated(
        {
            "point": point,
            "own": _points(own),
            "near": _points(near),
            "far": _points(far),
            "a": a,
            "b_near": b_near,
            "b_far": b_far,
            "b": b,
            "max_ab": max(a, b),
        },
        (b - a) / max(a, b),
    )


@generator("f1-at-threshold")
def f1_at_threshold(rng: random.Random) -> Generated:
    """F1 of an imbalanced scored set when everything at or above a threshold is flagged."""
    while True:
        scores = sorted(rng.sample(range(2, 99), 12), reverse=True)
        positives = set(rng.sample(range(8), 3))
        labels = [1 if i in positives else 0 for i in range(12)]
        threshold = rng.choice(range(30, 80, 5))
        flagged = [score >= threshold for score in scores]
        tp = sum(f and y for f, y in zip(flagged, labels, strict=True))
        fp = sum(f and not y for f, y in zip(flagged, labels, strict=True))
        if tp and fp:
            break
    fn = sum(labels) - tp
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return Generated(
        {
            "scores": ", ".join(f"{s / 100:.2f}" for s in scores),
            "labels": ", ".join(str(y) for y in labels),
            "threshold": f"{threshold / 100:.2f}",
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": precision,
            "recall": recall,
        },
        2 * precision * recall / (precision + recall),
    )


_ECE_BINS = ("0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0")


@generator("expected-calibration-error")
def expected_calibration_error(rng: random.Random) -> Generated:
    """ECE over five equal-width bins from each bin's size, mean prediction and positive count."""
    counts = [rng.choice([20, 40, 50, 60, 80, 100]) for _ in _ECE_BINS]
    means = [round(0.2 * b + rng.choice([0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16]), 2) for b in range(5)]
    positives = [
        min(n, max(0, round(n * (m + rng.choice([-0.15, -0.1, -0.05, 0.0, 0.05])))))
        for n, m in zip(counts, means, strict=True)
    ]
    total = sum(counts)
    gaps = [abs(k / n - m) for n, m, k in zip(counts, means, positives, strict=True)]
    rows = "\n".join(
        f"  {name:<8} {n:>5} {m:>20.2f} {k:>10}"
        for name, n, m, k in zip(_ECE_BINS, counts, means, positives, strict=True)
    )
    terms = " + ".join(f"{n}·{g:.3f}" for n, g in zip(counts, gaps, strict=True))
    return Generated(
        {"rows": rows, "total": total, "terms": terms, "gaps": ", ".join(f"{g:.3f}" for g in gaps)},
        sum(n * g for n, g in zip(counts, gaps, strict=True)) / total,
    )


_PLAYERS = ("age", "income", "tenure")


@generator("shapley-value")
def shapley_value(rng: random.Random) -> Generated:
    """Shapley value of one feature from the model's output on every coalition of three features."""
    worth: dict[frozenset[str], int] = {frozenset(): rng.randint(10, 30)}
    for size in (1, 2, 3):
        for coalition in itertools.combinations(_PLAYERS, size):
            worth[frozenset(coalition)] = worth[frozenset()] + rng.randint(-10, 25)
    player = rng.choice(_PLAYERS)
    others = [p for p in _PLAYERS if p != player]
    phi, terms = 0.0, []
    for size, weight_text in ((0, "1/3"), (1, "1/6"), (2, "1/3")):
        weight = math.factorial(size) * math.factorial(2 - size) / math.factorial(3)
        for coalition in itertools.combinations(others, size):
            with_player, without = worth[frozenset(coalition) | {player}], worth[frozenset(coalition)]
            phi += weight * (with_player - without)
            terms.append(f"{weight_text}·({with_player} − {without})")
    table = "\n".join(
        f"  {' + '.join(p for p in _PLAYERS if p in c) or 'no features (the base value)'}: {v}"
        for c, v in sorted(worth.items(), key=lambda kv: len(kv[0]))
    )
    values = {
        "player": player,
        "table": table,
        "terms": " + ".join(terms),
        "full": worth[frozenset(_PLAYERS)],
        "base": worth[frozenset()],
    }
    return Generated(values, phi)
