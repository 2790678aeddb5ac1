"""Reading numbers in the forms people type them, and grading the last one against a tolerance."""

from __future__ import annotations

import pytest

from bot.grading import Ungradable, grade_numeric, read_numbers
from bot.grading._numeric import NumberOutOfRange, shown
from questions import NumericAnswer, Tolerance

QUARTER = NumericAnswer(value=0.25, tolerance=Tolerance(abs=0.001))
ABOUT_A_THOUSAND = NumericAnswer(value=1000, tolerance=Tolerance(rel=0.05))


@pytest.mark.parametrize(
    "text",
    [
        "0.25",
        ".25",
        "1/4",
        "25%",
        "25 percent",
        "2.5e-1",
        "2.5 x 10^-1",
        "2.5×10^-1",
        "I think it is 0.25 because the flips are independent",
        "It is 0.25.",
    ],
)
def test_read_numbers_reads_a_quarter(text):
    assert read_numbers(text) == [0.25]


@pytest.mark.parametrize(
    "text", ["0.25", ".25", "1/4", "25%", "2.5e-1", "2.5 x 10^-1", "my answer: P(HH) is 0.25"]
)
def test_grade_numeric_accepts_every_form_of_a_quarter(text):
    grade = grade_numeric(QUARTER, text)
    assert grade.score == 1.0
    assert grade.details["read"] == 0.25


def test_thousands_separator():
    assert read_numbers("1,024") == [1024.0]
    assert read_numbers("about 1,024.5 ms") == [1024.5]


def test_unicode_minus():
    assert read_numbers("−0.25") == [-0.25]


def test_numbers_are_read_in_order():
    assert read_numbers("1/2 times 1/2 gives 1/4") == [0.5, 0.5, 0.25]


def test_last_number_is_the_answer():
    assert grade_numeric(QUARTER, "1/2 times 1/2 gives 1/4").score == 1.0
    assert grade_numeric(QUARTER, "0.25, no wait, 0.5").score == 0.0


def test_outside_tolerance_scores_zero_and_says_what_was_read():
    grade = grade_numeric(QUARTER, "0.26")
    assert grade.score == 0.0
    assert grade.details == {"read": 0.26, "expected": 0.25}
    assert "0.26" in grade.feedback


def test_inside_absolute_tolerance_passes():
    assert grade_numeric(QUARTER, "0.2505").score == 1.0


def test_relative_tolerance():
    assert grade_numeric(ABOUT_A_THOUSAND, "1,024").score == 1.0
    assert grade_numeric(ABOUT_A_THOUSAND, "960").score == 1.0
    assert grade_numeric(ABOUT_A_THOUSAND, "1,060").score == 0.0
    assert grade_numeric(ABOUT_A_THOUSAND, "940").score == 0.0


def test_either_tolerance_suffices():
    expected = NumericAnswer(value=100, tolerance=Tolerance(abs=1, rel=0.1))
    assert grade_numeric(expected, "109").score == 1.0
    assert grade_numeric(expected, "111").score == 0.0


def test_expected_value_overrides_the_stored_value():
    assert grade_numeric(QUARTER, "0.5", expected_value=0.5).score == 1.0
    assert grade_numeric(QUARTER, "0.25", expected_value=0.5).score == 0.0


@pytest.mark.parametrize("text", ["no idea", "a quarter", "", "1/0"])
def test_no_number_is_ungradable(text):
    assert read_numbers(text) == []
    with pytest.raises(Ungradable):
        grade_numeric(QUARTER, text)


def test_bare_exponent_does_not_crash_the_reader():
    """An exponent with no mantissa ("e-3") must not escape as a ValueError; the later 0.25 still counts."""
    assert grade_numeric(QUARTER, "e-3 is too small, I say 0.25").score == 1.0


@pytest.mark.parametrize(
    "text", ["1e-100000000", "1e309", "2 x 10^400", "1e308 x 10^1", "7e99999999999999999999", "1" * 19_000]
)
def test_numbers_beyond_float_range_are_refused_unread(text):
    with pytest.raises(NumberOutOfRange, match="out of range"):
        read_numbers(text)


def test_an_out_of_range_answer_is_ungradable_with_a_short_reason():
    with pytest.raises(Ungradable) as caught:
        grade_numeric(QUARTER, "it is 1e-100000000")
    assert len(str(caught.value)) < 120


def test_the_float_range_edges_still_read():
    assert read_numbers("5e-324 and 1.7e308 and 1e-300/1e300") == [5e-324, 1.7e308, 1e-300]


@pytest.mark.parametrize(
    ("value", "text"), [(1050620.0, "1,050,620"), (0.000125, "0.000125"), (0.25, "0.25"), (1e-9, "1e-09")]
)
def test_numbers_are_shown_as_people_write_them(value, text):
    assert shown(value) == text
