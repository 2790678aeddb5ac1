"""Correct answers in other people's words: the grader on public answers labelled by an interviewer.

The set lives outside the repository (../shared/eval/external_answers.yaml; CI puts shared/ beside
the clone) and is read only by code, to measure. A missing file fails these tests rather than skipping.
"""

from __future__ import annotations

import pytest

from questions import QuestionBank
from tests.support.grader_eval import (
    EXTERNAL_CORRECT_MEAN_AT_LEAST,
    EXTERNAL_PARTIAL_ABOVE_OFF_TARGET,
    EvalSetError,
    ExternalFigures,
    ExternalLabel,
    Scores,
    external_figures,
    external_scores,
    partial_above_off_target,
)


@pytest.fixture(scope="module")
def scores(bank: QuestionBank) -> Scores:
    try:
        return external_scores(bank)
    except EvalSetError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def figures(scores: Scores) -> ExternalFigures:
    measured = external_figures(scores)
    print(f"\nExternal set, offline grader: {measured}")
    return measured


def test_correct_answers_average_well(figures):
    assert figures.correct_mean >= EXTERNAL_CORRECT_MEAN_AT_LEAST


def test_no_correct_answer_scores_zero(figures):
    assert not figures.correct_scoring_zero, "correct answers scored 0 on: " + ", ".join(
        figures.correct_scoring_zero
    )


def test_a_missing_set_is_an_error_that_says_where_it_was_looked_for(bank, tmp_path):
    with pytest.raises(EvalSetError, match=r"absent\.yaml"):
        external_scores(bank, tmp_path / "absent.yaml")


def test_partial_answers_rank_above_off_target_ones(figures):
    assert figures.partial_above_off_target >= EXTERNAL_PARTIAL_ABOVE_OFF_TARGET


def test_the_auc_pools_every_answer_when_questions_share_too_few_pairs():
    partial, off_target = ExternalLabel.PARTIAL, ExternalLabel.OFF_TARGET
    apart = {"a": {partial: [0.6]}, "b": {off_target: [0.2]}, "c": {partial: [0.1], off_target: [0.3]}}
    assert partial_above_off_target(apart, pool_all=False) == 0.0
    assert partial_above_off_target(apart, pool_all=True) == 0.5
    assert external_figures(apart).pooled_over_all_answers
