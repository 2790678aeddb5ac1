"""Every generated answer, rounded as its prompt asks, is accepted; one or two units off is not."""

from __future__ import annotations

import pytest

from bot.grading._numeric import within
from questions import BANK_DIR, read_question
from questions.generators import generate

DECIMALS = {
    # statistics
    "dice-game-expected-value": 2,
    "variance-of-linear-combination": 2,
    "confidence-interval-half-width": 2,
    "binomial-exact-successes": 3,
    "poisson-at-least-k-events": 3,
    "expected-trials-consecutive-successes": 2,
    "hash-bucket-collision": 3,
    "urn-posterior-two-draws": 3,
    "f1-from-confusion-matrix": 3,
    "precision-at-deployment-base-rate": 3,
    "multiple-testing-false-positive": 3,
    "normal-probability-between": 3,
    "sample-size-for-margin-of-error": 0,
    "correlation-of-small-dataset": 3,
    "expected-unique-items-with-replacement": 1,
    "log-loss-of-predictions": 3,
    "entropy-of-a-distribution": 3,
    "kl-divergence-between-distributions": 4,
    "regression-prediction-from-summary-statistics": 2,
    "ab-test-pooled-z-statistic": 2,
    # layers
    "mlp-parameter-count": 0,
    "conv2d-parameter-count": 0,
    "conv-pool-output-size": 0,
    "multi-head-attention-parameters": 0,
    "stacked-lstm-parameters": 0,
    "activation-memory-for-backprop": 2,
    "receptive-field-of-stacked-convs": 0,
    # classic ML
    "information-gain-of-a-split": 3,
    "random-forest-variance-of-the-average": 3,
    "silhouette-of-a-point": 3,
    "f1-at-a-threshold": 3,
    "expected-calibration-error-of-bins": 3,
    "shapley-value-of-a-feature": 2,
    # experiments
    "ab-test-sample-size-per-arm": 0,
    "difference-in-differences-estimate": 1,
    "kfold-cv-score-spread": 4,
    "forecast-mape-from-actuals": 4,
    "huber-loss-of-residuals": 3,
    # ranking
    "ndcg-at-k-of-a-ranking": 3,
    "mean-reciprocal-rank-of-queries": 3,
    "average-precision-of-a-ranking": 3,
    "recommender-hit-rate-leave-one-out": 3,
    "heap-top-k-replacements": 0,
    "bayes-rare-disease": 3,
}
"""Question id -> the number of decimal places its prompt asks for (0 = an integer)."""
SEEDS = range(100)


def test_every_generated_question_states_its_precision(bank):
    assert {q.id for q in bank if q.generator} <= set(DECIMALS)


@pytest.mark.parametrize("question_id", sorted(DECIMALS))
def test_answers_rounded_as_asked_are_accepted_and_wrong_ones_are_not(question_id):
    question, problems = read_question(next(BANK_DIR.rglob(f"{question_id}.yaml")))
    assert question is not None, problems
    places = DECIMALS[question_id]
    asked = "an integer" if places == 0 else f"{places} decimal place"
    assert asked in " ".join(question.prompt.split()), question_id
    wrong_by = 1 if places == 0 else 2 * 10.0**-places
    for seed in SEEDS:
        expected = generate(question.generator, seed).answer
        if places == 0:
            assert expected == int(expected), (seed, expected)
        rounded = round(expected, places)
        assert within(question.numeric, rounded, expected), (seed, expected)
        assert not within(question.numeric, rounded + wrong_by, expected), (seed, expected)
        assert not within(question.numeric, rounded - wrong_by, expected), (seed, expected)
