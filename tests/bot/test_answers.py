"""Answers and outcomes as types: what the core hands the quiz, and what an attempt stores and reads back."""

from __future__ import annotations

import json

import pytest

from bot.answers import CodeAnswer, Outcome, StoredReview, TextAnswer, code_from_form
from bot.checks import Verdict
from bot.checks._verdict import TestResult as CheckResult
from bot.grading import Grade
from bot.judge import Evidence, Judged, Judgement
from questions import Language

# `detail` exactly as earlier versions wrote it, so rows in real databases keep loading.
OLD_TEXT = '{"covered": ["bias"], "missing": ["variance", "noise"], "mistakes": ["You said x; y"]}'
OLD_REVIEWED = (
    '{"covered": ["bias"], "missing": [], "model": {"name": "gpt-test", "evidence": '
    '[{"point": 0, "verdict": "covered", "quote": "bias goes up"}], "discarded": 1}}'
)
OLD_CODE = (
    '{"question": "softmax", "passed": false, "tests": ['
    '{"name": "sums to one", "kind": "required", "status": "pass", "message": ""}, '
    '{"name": "large inputs", "kind": "required", "status": "fail", "message": "overflow"}, '
    '{"name": "empty", "kind": "edge", "status": "fail", "message": ""}], '
    '"stdout": "hi\\n", "duration_ms": 12.5, "seed": 7}'
)


def test_the_code_form_takes_bare_code_or_a_fenced_block():
    assert code_from_form("def f():\n    return 1", Language.PYTHON) == CodeAnswer("def f():\n    return 1")
    assert code_from_form("```python\ndef f():\n    return 1\n```", Language.PYTHON) == CodeAnswer(
        "def f():\n    return 1"
    )


def test_the_thread_is_shown_the_words_or_the_code_never_a_fence():
    assert TextAnswer("bias").shown == "bias"
    assert code_from_form("```python\nx = 1\n```", Language.PYTHON).shown == "x = 1"


def test_an_old_text_detail_reads_as_typed_fields_and_writes_back_unchanged():
    outcome = Outcome.from_json(json.loads(OLD_TEXT))
    assert outcome.covered == ("bias",) and outcome.mistakes == ("You said x; y",)
    assert outcome.missed == ("variance", "noise") and outcome.verdict is None
    assert json.dumps(outcome.to_json()) == OLD_TEXT


def test_an_old_model_review_reads_back_with_its_evidence():
    outcome = Outcome.from_json(json.loads(OLD_REVIEWED))
    assert outcome.review == StoredReview("gpt-test", (Evidence(0, Judgement.COVERED, "bias goes up"),), 1)
    assert json.dumps(outcome.to_json()) == OLD_REVIEWED


def test_an_old_code_verdict_reads_back_with_its_failed_required_tests():
    outcome = Outcome.from_json(json.loads(OLD_CODE))
    assert outcome.verdict is not None and outcome.verdict.duration_ms == 12.5
    assert outcome.missed == ("large inputs",), "edge tests never count as missed"
    assert json.dumps(outcome.to_json()) == OLD_CODE


@pytest.mark.parametrize("detail", ["{}", '{"covered": [], "missing": []}'])
def test_code_stored_unrun_and_an_empty_grade_read_as_nothing_missed(detail):
    assert Outcome.from_json(json.loads(detail)) == Outcome()


def test_a_grade_and_its_model_review_store_what_the_thread_was_told():
    grade = Grade(0.5, covered=("a",), missing=("b",))
    judged = Judged(grade, (Evidence(1, Judgement.ABSENT, ""),), 0)
    assert Outcome.of_grade(grade).to_json() == {"covered": ["a"], "missing": ["b"]}
    stored = Outcome.of_grade(grade, judged, "m").to_json()
    assert stored["model"] == {
        "name": "m",
        "evidence": [{"point": 1, "verdict": "absent", "quote": ""}],
        "discarded": 0,
    }


def test_a_code_verdict_round_trips_except_the_follow_ups_it_never_stored():
    verdict = Verdict("q", True, (CheckResult("t", "required", "pass", "ok"),), "", 3.0, 9)
    assert Outcome.from_json(Outcome.of_verdict(verdict).to_json()) == Outcome.of_verdict(verdict)


def test_the_code_form_of_a_sql_task_takes_a_bare_or_fenced_query():
    assert code_from_form("SELECT 1", Language.SQL) == CodeAnswer("SELECT 1")
    assert code_from_form("```sql\nSELECT 1\n```", Language.SQL) == CodeAnswer("SELECT 1")
