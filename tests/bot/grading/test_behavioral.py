"""STAR structure weighted by relevance, own actions, labels, measured results and a lesson."""

from __future__ import annotations

import pytest

from bot.grading import grade_behavioral
from bot.grading._behavioral import _QUANTIFIED_CHANGE, RELEVANT_AT, RUBRIC_SHARE
from bot.grading._ownership import own_actions
from bot.grading._rubric import COVERAGE_CURVE, OWNERSHIP_CAP
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
    assert {"Situation", "Result", "Quantified result"} <= set(grade.covered)
    assert grade.score <= 0.5


DRIFT_RUBRIC = [
    KeyPoint(point="Monitors drift", match=[["drift"]]),
    KeyPoint(point="Involves stakeholders", match=[["stakeholder"]]),
]


def test_structure_counts_in_proportion_to_the_questions_points():
    grade = grade_behavioral(DRIFT_RUBRIC, FULL_STORY)
    # rubric half covered (0.5), so structure counts 0.5 / RELEVANT_AT of its share
    covered = 0.5**COVERAGE_CURVE
    expected = RUBRIC_SHARE * covered + (1 - RUBRIC_SHARE) * 1.0 * min(1.0, covered / RELEVANT_AT)
    assert grade.score == round(expected, 3)
    assert grade.details == {"star": 1.0, "own_actions": 3}
    assert grade.covered == (*STAR, "Monitors drift")
    assert grade.missing == ("Involves stakeholders",)


def test_rubric_fully_covered_keeps_full_score():
    rubric = [KeyPoint(point="Monitors drift", match=[["drift"]])]
    assert grade_behavioral(rubric, FULL_STORY).score == 1.0


def test_a_polished_story_for_another_question_scores_low():
    rubric = [
        KeyPoint(point="Learning plan", match=[["course", "tutorial", "documentation"]]),
        KeyPoint(point="Built something small first", match=[["toy project", "prototype"]]),
    ]
    assert grade_behavioral(rubric, FULL_STORY).score < 0.3


@pytest.mark.parametrize(
    ("sentence", "actions"),
    [
        ("I looked at the logs and I fixed the join.", 2),
        ("I reviewed every PR.", 1),
        ("I then quickly rewrote the parser.", 1),
        ("I think we should. I learned a lot. I owned the model. I was the lead.", 0),
        ("We built it and the team shipped it; they measured it.", 0),
        ("- profiled the GPUs first\n- moved training to spot instances", 2),
    ],
)
def test_only_first_person_actions_count(sentence, actions):
    assert own_actions(sentence) == actions


TEAM_STORY = FULL_STORY.replace("I analysed", "The team analysed").replace("built a new", "they built a new")
TEAM_STORY = TEAM_STORY.replace("and I ran", "and we ran").replace("now I set up", "now we set up")


def test_a_story_where_nobody_says_i_is_capped():
    grade = grade_behavioral(DRIFT_RUBRIC[:1], TEAM_STORY)
    assert grade.details["own_actions"] == 0
    assert grade.score == OWNERSHIP_CAP
    assert "first person" in grade.feedback
    assert grade_behavioral(DRIFT_RUBRIC[:1], FULL_STORY).score == 1.0


def test_star_labels_are_not_evidence():
    labelled = "Situation: a project. Task: a goal. Action: things. Result: it went fine. " * 5
    grade = grade_behavioral([], labelled)
    assert not {"Situation", "Task", "Action", "Result"} & set(grade.covered)


@pytest.mark.parametrize(
    "text",
    [
        "precision improved from 62% to 81%",
        "latency fell by 40%",
        "a 30% reduction in manual reviews",
        "cost went from $21k → $3.8k a month",
        "recall@budget 0.58 → 0.69",
        "we halved the error rate",
        "it saved about 20 hours a week",
        "NDCG 0.71 vs 0.48 for the baseline",
    ],
)
def test_a_measured_change_is_a_quantified_result(text):
    assert _QUANTIFIED_CHANGE.search(text)


@pytest.mark.parametrize(
    "text",
    ["a team of 5 engineers", "it took 3 months", "we had 10 million users", "version 2 of the model"],
)
def test_any_number_is_not_a_quantified_result(text):
    assert not _QUANTIFIED_CHANGE.search(text)
