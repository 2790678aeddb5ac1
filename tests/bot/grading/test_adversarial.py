"""Can the grader be gamed? Strong answers must outrank salad, wrong, negated, off-topic and echoed ones.

The answers in tests/data/adversarial/ were written from the prompts alone, blind to the rubrics. Run
with `-s` to see the per-kind table; `python bench/grader_quality.py` prints the same figures.
"""

from __future__ import annotations

import pytest

from questions import Category, QuestionBank
from tests.support.grader_eval import (
    ADVERSARIAL_DIR,
    ADVERSARIAL_KINDS,
    SALAD_MEAN_AT_MOST,
    STRONG_ABOVE_ADVERSARIAL,
    AnswerKind,
    Scores,
    adversarial_scores,
    kind_figures,
    kind_table,
    labels_scores,
    pooled_auc,
    read_answer_files,
    required_kinds,
)

MIN_QUESTIONS = 24


@pytest.fixture(scope="module")
def scores(bank: QuestionBank) -> Scores:
    graded = adversarial_scores(bank)
    print("\nAdversarial set, offline grader:\n" + kind_table(kind_figures(graded)))
    return graded


def test_every_file_names_a_bank_question_it_is_named_after(bank):
    for path, data in read_answer_files(ADVERSARIAL_DIR):
        assert data["question"] == path.stem, path.name
        assert bank.get(data["question"]) is not None, f"{path.name}: unknown question"
        assert {answer["kind"] for answer in data["answers"]} <= set(AnswerKind), path.name


def test_the_set_is_big_enough_with_every_required_kind(bank, scores):
    assert len(scores) >= MIN_QUESTIONS
    categories = {bank.get(question_id).category for question_id in scores}
    assert {Category.MATH_STATS, Category.DEEP_LEARNING, Category.RESUME, Category.BEHAVIORAL} <= categories
    for question_id, kinds in scores.items():
        for kind, least in required_kinds(bank.get(question_id).category).items():
            assert len(kinds.get(kind, [])) >= least, f"{question_id}: fewer than {least} {kind} answers"


@pytest.mark.parametrize("kind", ADVERSARIAL_KINDS)
def test_strong_answers_score_above_each_adversarial_kind(scores, kind):
    assert pooled_auc(scores, AnswerKind.STRONG, kind) >= STRONG_ABOVE_ADVERSARIAL


def test_keyword_salad_scores_low(scores):
    salad = labels_scores(scores, [AnswerKind.SALAD])
    assert sum(salad) / len(salad) <= SALAD_MEAN_AT_MOST
