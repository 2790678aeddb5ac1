"""The scorecard's result per question, read from attempts stored by this and earlier versions (pure)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.mock._scorecard import result_for
from questions import Kind, QuestionBank
from storage import MockAnswer, MockAttempt, MockQuestion

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SLOT = MockQuestion(1, 0, "q", 1.0, 600, 5, T0, None, 0.0, None, False)


def _attempt(status: str, score: float | None, detail: str) -> MockAttempt:
    return MockAttempt(0, 1, "my answer", status, score, json.loads(detail), T0)


def _answered(late: bool = False) -> list[MockAnswer]:
    return [MockAnswer(0, 1, T0, 90.0, late)]


def test_a_code_answer_misses_its_failed_required_tests(bank: QuestionBank):
    question = next(q for q in bank if q.kind is Kind.CODE)
    stored = (
        '{"question": "q", "passed": false, "tests": [{"name": "a", "kind": "required", "status": "pass",'
        ' "message": ""}, {"name": "b", "kind": "required", "status": "error", "message": "boom"},'
        ' {"name": "c", "kind": "edge", "status": "fail", "message": ""}], "stdout": "",'
        ' "duration_ms": 1.0, "seed": 1}'
    )
    result = result_for(SLOT, question, 1, _answered(), [_attempt("graded", 0.5, stored)], {}, pair=False)
    assert result.missed == ("b",) and result.score == 0.5 and result.points > 0


def test_a_text_answer_misses_its_missing_key_points_and_a_late_one_earns_nothing(bank: QuestionBank):
    question = next(q for q in bank if q.rubric)
    stored = '{"covered": [], "missing": ["x", "y"]}'
    late = result_for(SLOT, question, 1, _answered(True), [_attempt("late", 0.3, stored)], {}, pair=False)
    assert late.missed == ("x", "y") and late.score == 0.3 and late.points == 0 and late.late


def test_pair_marks_override_the_grader_and_unmarked_points_keep_what_it_found(bank: QuestionBank):
    question = next(q for q in bank if len(q.rubric) >= 2)
    first, second = question.rubric[0].point, question.rubric[1].point
    stored = json.dumps({"covered": [first, second], "missing": []})
    marks = {(0, 0): False}
    result = result_for(SLOT, question, 1, _answered(), [_attempt("graded", 1.0, stored)], marks, pair=True)
    assert first in result.missed and second not in result.missed
    assert result.score is not None and result.score < 1.0


def test_code_stored_unrun_shows_with_no_score(bank: QuestionBank):
    question = next(q for q in bank if q.kind is Kind.CODE)
    result = result_for(SLOT, question, 1, _answered(), [_attempt("stored", None, "{}")], {}, pair=False)
    assert result.score is None and result.missed == () and result.answer == "my answer"
