"""STAR structure, a measured result and a lesson, optionally blended with a question's key points."""

from __future__ import annotations

import pytest

from bot.grading import grade_behavioral
from questions import KeyPoint

FULL_STORY = (
    "At my last company our team owned the fraud model, and there was a problem: its precision had "
    "dropped sharply after a product launch. My goal was to restore precision before the quarterly "
    "review deadline. I analysed the false positives, built a new feature pipeline for device signals, "
    "and I ran an A/B test against the old model with the risk team. As a result, precision improved "
    "from 62% to 81% and manual reviews fell by 30%, which saved the ops team about 20 hours a week. "
    "The lesson I learned is to monitor feature drift after every launch, and now I set up drift alerts "
    "before shipping any model."
)

NO_RESULT_STORY = (
    "At my last company our team owned the fraud model, and there was a problem with its precision "
    "after a product launch. My goal was to fix the model before the quarterly review deadline. "
    "I analysed the false positives, built a new feature pipeline for device signals, and I talked "
    "with the risk team about which alerts mattered most to them. I also wrote a short design doc "
    "so others could follow along. The lesson I learned is to monitor feature drift after launches."
)

STAR = ("Situation", "Task", "Action", "Result", "Quantified result", "Lesson or principle")


def test_full_star_story_scores_high():
    grade = grade_behavioral([], FULL_STORY)
    assert grade.score > 0.8
    assert grade.covered == STAR
    assert grade.missing == ()
    assert grade.verdict == "passed"
    assert "complete STAR story" in grade.feedback


def test_story_without_a_result_is_told_what_is_missing():
    grade = grade_behavioral([], NO_RESULT_STORY)
    assert "Result" not in grade.covered
    assert "Quantified result" not in grade.covered
    assert {"Situation", "Task", "Action", "Lesson or principle"} <= set(grade.covered)
    assert len(grade.missing) == 2
    assert "(Result)" in grade.missing[0]
    assert grade.missing[1].startswith("Quantify the result")
    assert "4 of 6" in grade.feedback
    assert grade.score < grade_behavioral([], FULL_STORY).score


def test_one_line_answer_scores_low():
    grade = grade_behavioral([], "I worked hard and the project went well.")
    assert grade.score < 0.3
    assert grade.verdict == "not yet"
    assert "short" in grade.feedback


def test_short_answer_is_halved_even_with_star_cues():
    grade = grade_behavioral([], "At my last job I built a model that improved accuracy by 5%.")
    assert set(grade.covered) == {"Situation", "Action", "Result", "Quantified result"}
    assert grade.score <= 0.5


def test_rubric_is_blended_in():
    rubric = [
        KeyPoint(point="Monitors drift", match=[["drift"]]),
        KeyPoint(point="Involves stakeholders", match=[["stakeholder"]]),
    ]
    grade = grade_behavioral(rubric, FULL_STORY)
    # 0.6 of the STAR share (complete, 1.0) plus 0.4 of the rubric share (half covered)
    assert grade.score == 0.8
    assert grade.details == {"star": 1.0}
    assert grade.covered == (*STAR, "Monitors drift")
    assert grade.missing == ("Involves stakeholders",)


def test_rubric_fully_covered_keeps_full_score():
    rubric = [KeyPoint(point="Monitors drift", match=[["drift"]])]
    assert grade_behavioral(rubric, FULL_STORY).score == 1.0


@pytest.mark.parametrize("sentence", ["I looked at the logs", "I fixed the join", "I reviewed every PR"])
def test_ordinary_first_person_past_tense_counts_as_action(sentence):
    from bot.grading._behavioral import _ELEMENTS

    action = next(e for e in _ELEMENTS if e.name == "Action")
    assert action.pattern.search(sentence)
    assert not action.pattern.search("I think we should")
