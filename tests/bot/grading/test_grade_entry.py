"""`grade()` routes each question kind to its grader."""

from __future__ import annotations

import pytest

from bot.grading import Ungradable, grade
from bot.grading._rubric import OWNERSHIP_CAP
from questions import Kind, Question

STRONG_DROPOUT = (
    "During training each unit is randomly zeroed with probability p using a Bernoulli mask, and the "
    "survivors are scaled by 1/(1-p) (inverted dropout) so the expected activation is unchanged. At "
    "inference dropout is turned off and the full network is used. It acts like an ensemble of thinned "
    "sub-networks that share weights, and it prevents co-adaptation, which reduces overfitting. MC "
    "dropout gives a Bayesian uncertainty estimate."
)
WEAK_DROPOUT = "Dropout is a layer in neural networks."


def test_numeric_question_uses_the_numeric_grader(test_bank):
    question = test_bank.get("test-two-heads")
    assert question.kind is Kind.NUMERIC
    assert grade(question, "1/4").score == 1.0
    assert grade(question, "it is 25%").score == 1.0
    assert grade(question, "0.5").score == 0.0
    with pytest.raises(Ungradable):
        grade(question, "heads, obviously")


def test_numeric_expected_value_is_passed_through(test_bank):
    question = test_bank.get("test-two-heads")
    assert grade(question, "0.125", expected_value=0.125).score == 1.0


def test_choice_question_uses_the_choice_grader(test_bank):
    question = test_bank.get("test-sparse-choice")
    assert question.kind is Kind.CHOICE
    assert grade(question, "B").score == 1.0
    assert grade(question, "L1 penalty").score == 1.0
    assert grade(question, "a").score == 0.0
    with pytest.raises(Ungradable):
        grade(question, "not sure")


def test_concept_question_strong_answer_beats_weak(bank):
    question = bank.get("dropout")
    assert question.kind is Kind.CONCEPT
    strong = grade(question, STRONG_DROPOUT)
    weak = grade(question, WEAK_DROPOUT)
    assert strong.score > weak.score
    assert strong.score >= 0.8
    assert weak.score < 0.4
    assert len(strong.covered) == len(question.rubric)


def test_code_question_rejects_plain_text(bank):
    question = bank.get("kmeans")
    if question is None:
        question = Question.model_validate(
            {
                "id": "kmeans",
                "category": "ml-coding",
                "kind": "code",
                "difficulty": "medium",
                "tags": ["clustering"],
                "title": "k-means",
                "prompt": "Implement k-means.",
                "hints": ["Alternate assignment and update."],
                "answer": "Lloyd's algorithm.",
                "followups": ["How would you choose k?"],
                "code": {"function": "kmeans", "signature": "def kmeans(X, k, max_iters=100):"},
            }
        )
    assert question.kind is Kind.CODE
    with pytest.raises(Ungradable, match="python"):
        grade(question, "Assign each point to the nearest centroid, then recompute the means.")


def test_behavioral_question_uses_star_grading():
    question = Question.model_validate(
        {
            "id": "test-conflict",
            "category": "behavioral",
            "kind": "behavioral",
            "difficulty": "easy",
            "tags": ["conflict"],
            "title": "A disagreement",
            "prompt": "Tell me about a disagreement with a colleague.",
            "hints": ["Use STAR."],
            "answer": "A STAR story.",
            "followups": ["What would you do differently?"],
            "rubric": [{"point": "Listens to the other side", "match": [["listen", "listened"]]}],
        }
    )
    result = grade(question, "Listening matters.")
    # no STAR element in a two-word remark: only the rubric's share counts, and nobody acted
    assert result.details == {"star": 0.0, "own_actions": 0}
    assert result.score == OWNERSHIP_CAP
    assert "Listens to the other side" in result.covered
    assert "first person" in result.feedback
