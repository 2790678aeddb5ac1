"""How well the grader ranks real chat answers within each question, against human labels.

The labelled answers in tests/data/grader_labels/ were written blind to the rubrics' match lists.
AUC here is the chance that, for two answers to the same question, the better-labelled one scores
higher (ties count half), pooled over every such pair.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
import yaml

from bot.grading import grade
from questions import load_bank

LABELS = Path(__file__).resolve().parents[2] / "data" / "grader_labels"
STRONG_OVER_WEAK = 0.99
STRONG_OVER_PARTIAL = 0.97


def labelled_scores() -> dict[str, dict[str, list[float]]]:
    bank = load_bank()
    scores: dict[str, dict[str, list[float]]] = {}
    for path in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        question = bank.get(data["question"])
        assert question is not None, f"{path.name}: unknown question"
        levels: dict[str, list[float]] = {"strong": [], "partial": [], "weak": []}
        for answer in data["answers"]:
            levels[answer["level"]].append(grade(question, answer["text"]).score)
        scores[question.id] = levels
    return scores


def pooled_auc(scores: dict[str, dict[str, list[float]]], better: str, worse: str) -> float:
    wins = pairs = 0.0
    for levels in scores.values():
        for high, low in product(levels[better], levels[worse]):
            wins += 1.0 if high > low else 0.5 if high == low else 0.0
            pairs += 1
    return wins / pairs


@pytest.fixture(scope="module")
def scores():
    return labelled_scores()


def test_the_labelled_set_is_big_enough(scores):
    seed_free_text = {
        "bias-variance",
        "logistic-regression-gradient",
        "l1-vs-l2",
        "vanishing-gradients",
        "dropout",
        "transformer-attention",
        "complex-algorithm",
        "critique-methodology",
        "learn-new-technology",
        "insufficient-data",
    }
    assert seed_free_text <= set(scores) and len(scores) >= len(seed_free_text) + 20
    for question_id, levels in scores.items():
        assert all(len(levels[level]) >= 3 for level in levels), question_id


def test_strong_answers_rank_above_weak_ones(scores):
    assert pooled_auc(scores, "strong", "weak") >= STRONG_OVER_WEAK


def test_strong_answers_rank_above_partial_ones(scores):
    assert pooled_auc(scores, "strong", "partial") >= STRONG_OVER_PARTIAL


def test_auc_counts_ties_as_half():
    assert pooled_auc({"q": {"strong": [0.5], "weak": [0.5]}}, "strong", "weak") == 0.5
    assert pooled_auc({"q": {"strong": [0.9, 0.1], "weak": [0.5]}}, "strong", "weak") == 0.5
