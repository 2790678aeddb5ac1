"""A result frame is measured before it is parsed and read against a strict schema; each fault is named."""

from __future__ import annotations

import json
import re

import pytest

from bot.checks import _verdict
from bot.checks._schema import MAX_DEPTH, MAX_DIGITS, MAX_VALUES, UnsafeOutput, decode_output, read_report

BAD_LINE = '{"type": "E", "message": "", "line": true, "source": ""}'


def frame(output: str = "42", stdout: str = '""') -> str:
    return f'{{"tests": [{{"output": {output}, "warnings": [], "ms": 1}}], "stdout": {stdout}}}'


def test_a_harness_report_reads_back():
    report = read_report(frame("[1, 2.5, null]", json.dumps('[[{ "quoted" \\ }]]')), cases=1)
    assert report.tests[0].output == [1, 2.5, None] and report.stdout == '[[{ "quoted" \\ }]]'
    assert report.load_error is None


def test_brackets_and_commas_inside_text_are_not_structure():
    deep_text = json.dumps("[" * (MAX_DEPTH * 10) + "," * MAX_VALUES + '\\"{')
    assert read_report(frame(stdout=deep_text), cases=1).stdout.startswith("[[[")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (frame("[" * 100_000 + "]" * 100_000), f"nested more than {MAX_DEPTH} levels deep"),
        (frame("[" + "0," * MAX_VALUES + "0]"), f"more than {MAX_VALUES:,} values"),
        ('""' * 2 * (MAX_VALUES + 2), f"more than {MAX_VALUES:,} values"),
        (
            '{"tests": [{"error": "boom", "ms": 1}], "stdout": ""}',
            "`tests[0].error` should be an object, got text",
        ),
        ('{"tests": {}, "stdout": ""}', "`tests` should be a list, got an object"),
        ('{"tests": [], "stdout": 5}', "`stdout` should be text, got an integer"),
        ('{"tests": [], "stdout": "", "passed": true}', "unexpected field 'passed'"),
        ('{"stdout": ""}', "`result` lacks tests"),
        ("[1, 2]", "`result` should be an object, got a list"),
        (
            frame(stdout=f"{10**400}"),
            f"`stdout` should be text, got an integer with 401 digits (at most {MAX_DIGITS}",
        ),
        (
            f'{{"tests": [], "stdout": "", "load_error": {BAD_LINE}}}',
            "`load_error.line` should be an integer, got true/false",
        ),
        (
            frame().replace("}]", '}, {"output": 1, "warnings": [], "ms": 1}]'),
            "`tests` has 2 entries for 1 tests",
        ),
        ('"\\' * 100_000, "not valid JSON"),
        (frame().replace('"ms": 1', '"ms": 1, "work": {"steps": 1}'), "`tests[0].work` lacks elements"),
        (
            frame().replace('"ms": 1', '"ms": 1, "work": {"steps": 1, "elements": 2.5}'),
            "`tests[0].work.elements` should be an integer, got a number",
        ),
    ],
    ids=lambda value: value[:40] if len(value) < 200 else "",
)
def test_a_malformed_frame_is_refused_with_its_fault(text, problem):
    with pytest.raises(UnsafeOutput, match=re.escape(problem)):
        read_report(text, cases=1)


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("9" * 5000, "an integer with 5,000 digits"),
        (f"[1, -{10**400}]", "an integer with 401 digits"),
        ('{"__scalar__": "1", "dtype": "<f8"}', "a numpy scalar holds text"),
        ('{"__scalar__": 1, "dtype": "not-a-dtype"}', "not a known type name"),
        ('{"__float__": "' + "1" * 100 + '"}', "a float marker does not hold a short text"),
    ],
    ids=lambda value: value[:40] if len(value) < 200 else "",
)
def test_an_unreadable_output_fails_only_its_own_test(output, problem):
    report = read_report(frame(output), cases=1)
    with pytest.raises(UnsafeOutput, match=problem):
        decode_output(report.tests[0].output)


def test_the_work_a_budgeted_case_used_reads_back():
    report = read_report(frame().replace('"ms": 1', '"ms": 1, "work": {"steps": 3, "elements": 40}'), cases=1)
    assert report.tests[0].work == {"steps": 3, "elements": 40}


def test_the_largest_integer_read_still_converts_to_a_float():
    report = read_report(frame("9" * MAX_DIGITS), cases=1)
    assert float(decode_output(report.tests[0].output)) > 1e299


def test_a_stored_verdict_keeps_at_most_its_caps():
    result = _verdict.TestResult("t", "required", "fail", "m" * 7_000_000)
    verdict = _verdict.Verdict("q", False, (result,) * 6, "o" * 7_000_000, 1.0, 1)
    assert len(verdict.tests[0].message) == _verdict.MESSAGE_LIMIT and result.message.endswith("[truncated]")
    assert len(verdict.stdout) == _verdict.STDOUT_LIMIT
    assert len(json.dumps(verdict.to_json())) < 6 * _verdict.MESSAGE_LIMIT + _verdict.STDOUT_LIMIT + 1_000
