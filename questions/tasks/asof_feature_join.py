"""Point-in-time join: each label gets its user's latest feature at or before the label's time."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._frames import Column, frame_problem, table
from questions.tasks._kit import Case, Check

FUNCTION = "asof_feature_join"
START = np.datetime64("2024-03-01T00:00", "ns")
MINUTE = np.timedelta64(60_000_000_000, "ns")


def reference(labels: dict[str, np.ndarray], features: dict[str, np.ndarray]) -> dict[str, Column]:
    """For every label, scan its user's features directly: the newest one not after the label."""
    scores = []
    for user, when in zip(labels["user_id"], labels["ts"], strict=True):
        mine = (features["user_id"] == user) & (features["ts"] <= when)
        latest = np.flatnonzero(mine)
        if latest.size:
            scores.append(float(features["score"][latest[np.argmax(features["ts"][latest])]]))
        else:
            scores.append(np.nan)
    return {**labels, "score": np.array(scores)}


def _join(labels: dict[str, np.ndarray], features: dict[str, np.ndarray]) -> Check:
    expected = reference(labels, features)

    def check(output) -> str | None:
        return frame_problem(output, expected)

    return check


def _planted(rng: np.random.Generator, users: tuple[int, int], at: int) -> tuple[dict, dict]:
    """Two users whose rows catch the usual mistakes, `at` minutes after the start:

    user a has features at +0 and +100, user b one at +50. A label of a at +60 must take a's +0
    feature (not b's newer one, not a's nearer future one), a label at +100 takes the +100 feature
    itself, and a label at -10 has no feature yet (NaN).
    """
    a, b = users
    offsets = np.array([0, 100, 50])
    features = {
        "user_id": np.array([a, a, b]),
        "ts": START + (at + offsets) * MINUTE,
        "score": np.round(rng.uniform(0, 1, 3), 3),
    }
    labels = {
        "user_id": np.array([a, a, a]),
        "ts": START + (at + np.array([60, 100, -10])) * MINUTE,
        "label": rng.integers(0, 2, 3),
    }
    return labels, features


def _draw(rng: np.random.Generator, n_users: int, n_labels: int) -> tuple[dict, dict]:
    ids = rng.choice(np.arange(1, 500), size=n_users + 2, replace=False)
    span = 14 * 24 * 60
    feature_rows = [
        (user, minute)
        for user in ids[2:]
        for minute in rng.choice(span, size=rng.integers(2, 7), replace=False)
    ]
    features = {
        "user_id": np.array([user for user, _ in feature_rows]),
        "ts": START + np.array([minute for _, minute in feature_rows]) * MINUTE,
        "score": np.round(rng.uniform(0, 1, len(feature_rows)), 3),
    }
    labels = {
        "user_id": rng.choice(ids[2:], size=n_labels),
        "ts": START + rng.integers(0, span, size=n_labels) * MINUTE,
        "label": rng.integers(0, 2, n_labels),
    }
    planted_labels, planted_features = _planted(rng, (int(ids[0]), int(ids[1])), int(rng.integers(200, span)))
    return _shuffled(rng, _stacked(labels, planted_labels)), _shuffled(
        rng, _stacked(features, planted_features)
    )


def _stacked(first: dict, second: dict) -> dict:
    return {name: np.concatenate([first[name], second[name]]) for name in first}


def _shuffled(rng: np.random.Generator, columns: dict) -> dict:
    """Rows in random order, never already sorted by time (so a result left sorted by ts is caught)."""
    order = rng.permutation(len(columns["ts"]))
    if np.all(np.diff(columns["ts"][order]) >= np.timedelta64(0, "ns")):
        order = order[::-1]
    return {name: values[order] for name, values in columns.items()}


def _case(name: str, labels: dict, features: dict, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (table(**labels), table(**features)), _join(labels, features), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    labels, features = _draw(rng, int(rng.integers(3, 7)), int(rng.integers(15, 35)))
    few_labels, few_features = _draw(rng, 2, 4)
    no_features: dict[str, np.ndarray] = {
        "user_id": np.zeros(0, dtype=np.int64),
        "ts": START + np.zeros(0, dtype=np.int64) * MINUTE,
        "score": np.zeros(0),
    }
    return [
        _case(
            "each label gets its own user's latest score at or before its time, labels kept in their order",
            labels,
            features,
        ),
        _case(
            "a feature at the label's exact time counts; a label before its user's first feature gets NaN",
            few_labels,
            few_features,
        ),
        _case(
            "an empty feature table: every label kept, every score NaN",
            few_labels,
            no_features,
            followup="The feature table is empty for this window. What does your join return, and how would "
            "you also drop features older than 30 days (a maximum staleness)?",
        ),
    ]
