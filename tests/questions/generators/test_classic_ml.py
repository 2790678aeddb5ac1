"""Classic ML generators, recomputed a different way (mutual information, matrices, sweeps, orderings)."""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction

import numpy as np
import pytest

from questions.generators import generate

SEEDS = range(100)


def _numbers(text: str) -> np.ndarray:
    return np.array([float(x) for x in text.split(",")])


@pytest.mark.parametrize("seed", SEEDS)
def test_information_gain_is_the_mutual_information_of_side_and_label(seed):
    drawn = generate("information-gain", seed)
    v = drawn.values
    joint = np.array([[v["left_pos"], v["left_neg"]], [v["right_pos"], v["right_neg"]]], dtype=float)
    joint /= joint.sum()
    independent = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)
    seen = joint > 0
    mutual_information = float(np.sum(joint[seen] * np.log2(joint[seen] / independent[seen])))
    assert drawn.answer >= 0.02
    assert math.isclose(drawn.answer, mutual_information, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_forest_variance_from_the_covariance_matrix_of_the_trees(seed):
    drawn = generate("forest-variance", seed)
    v = drawn.values
    trees, variance, rho = v["trees"], v["tree_variance"], v["rho"]
    covariance = np.full((trees, trees), rho * variance) + np.eye(trees) * (1 - rho) * variance
    weights = np.full(trees, 1 / trees)
    assert math.isclose(drawn.answer, float(weights @ covariance @ weights), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_silhouette_from_the_full_distance_matrix(seed):
    drawn = generate("silhouette-of-a-point", seed)
    v = drawn.values
    clusters = [_numbers(v[name]) for name in ("own", "near", "far")]
    points = np.concatenate(clusters)
    labels = np.concatenate([np.full(len(c), i) for i, c in enumerate(clusters)])
    distances = np.abs(points[:, None] - points[None, :])
    index = int(np.flatnonzero((points == v["point"]) & (labels == 0))[0])
    mates = (labels == 0) & (np.arange(len(points)) != index)
    a = distances[index, mates].mean()
    b = min(distances[index, labels == other].mean() for other in (1, 2))
    assert math.isclose(drawn.answer, (b - a) / max(a, b), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_f1_at_threshold_by_sweeping_the_ranked_list(seed):
    drawn = generate("f1-at-threshold", seed)
    v = drawn.values
    scores, labels = _numbers(v["scores"]), _numbers(v["labels"])
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(labels[order])
    flagged = int(np.searchsorted(-scores[order], -float(v["threshold"]), side="right"))
    tp = hits[flagged - 1]
    fp, fn = flagged - tp, labels.sum() - tp
    assert math.isclose(drawn.answer, 2 * tp / (2 * tp + fp + fn), rel_tol=1e-12)


def test_f1_at_threshold_counts_a_score_equal_to_the_threshold_as_flagged():
    """'At or above' is what the prompt says; some seed must put a score exactly on the threshold."""
    drawn = [generate("f1-at-threshold", seed).values for seed in SEEDS]
    assert any(v["threshold"] in v["scores"].split(", ") for v in drawn)


@pytest.mark.parametrize("seed", SEEDS)
def test_ece_from_explicit_predictions_and_labels(seed):
    drawn = generate("expected-calibration-error", seed)
    predictions, labels = [], []
    for line in drawn.values["rows"].splitlines():
        _, count, mean, positives = line.split()
        predictions += [float(mean)] * int(count)
        labels += [1] * int(positives) + [0] * (int(count) - int(positives))
    p, y = np.array(predictions), np.array(labels)
    bins = np.minimum((p * 5).astype(int), 4)
    ece = sum(abs(y[bins == b].mean() - p[bins == b].mean()) * np.sum(bins == b) for b in range(5)) / len(p)
    assert len(set(bins)) == 5
    assert math.isclose(drawn.answer, float(ece), rel_tol=1e-9, abs_tol=1e-12)


def _worth(table: str) -> dict[frozenset[str], Fraction]:
    worth = {}
    for line in table.splitlines():
        name, value = line.rsplit(":", 1)
        members = frozenset() if "base value" in name else frozenset(re.split(r"\s*\+\s*", name.strip()))
        worth[members] = Fraction(int(value))
    return worth


@pytest.mark.parametrize("seed", SEEDS)
def test_shapley_value_as_the_average_marginal_contribution_over_orderings(seed):
    drawn = generate("shapley-value", seed)
    worth = _worth(drawn.values["table"])
    players = sorted(max(worth, key=len))
    phi = dict.fromkeys(players, Fraction(0))
    orderings = list(itertools.permutations(players))
    for ordering in orderings:
        for position, player in enumerate(ordering):
            before = frozenset(ordering[:position])
            phi[player] += (worth[before | {player}] - worth[before]) / len(orderings)
    assert sum(phi.values()) == worth[frozenset(players)] - worth[frozenset()]  # efficiency
    assert math.isclose(drawn.answer, float(phi[drawn.values["player"]]), rel_tol=1e-12, abs_tol=1e-12)
