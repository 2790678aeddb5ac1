"""How well the grader ranks real chat answers within each question, against human labels.

The labelled answers in tests/data/grader_labels/ were written blind to the rubrics' match lists.
AUC here is the chance that, for two answers to the same question, the better-labelled one scores
higher (ties count half), pooled over every such pair.
"""

from __future__ import annotations

import pytest

from tests.support.grader_eval import labelled_scores, pooled_auc

STRONG_OVER_WEAK = 0.95
STRONG_OVER_PARTIAL = 0.85
LEVELS = {"strong", "partial", "weak"}


@pytest.fixture(scope="module")
def scores(bank):
    return labelled_scores(bank)


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
        assert set(levels) == LEVELS and all(len(levels[level]) >= 3 for level in LEVELS), question_id


def test_strong_answers_rank_above_weak_ones(scores):
    assert pooled_auc(scores, "strong", "weak") >= STRONG_OVER_WEAK


def test_strong_answers_rank_above_partial_ones(scores):
    assert pooled_auc(scores, "strong", "partial") >= STRONG_OVER_PARTIAL


def test_auc_counts_ties_as_half():
    assert pooled_auc({"q": {"strong": [0.5], "weak": [0.5]}}, "strong", "weak") == 0.5
    assert pooled_auc({"q": {"strong": [0.9, 0.1], "weak": [0.5]}}, "strong", "weak") == 0.5
