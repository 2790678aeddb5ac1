"""Numeric comparisons judge an answer by the precision it was returned in, and say why it failed."""

from __future__ import annotations

import numpy as np
import pytest

from questions.tasks import allowed_error, as_array, close_to, coarsest, distinct_digits, precision, within


@pytest.mark.parametrize(
    ("output", "dtype"),
    [
        (np.zeros(3, dtype=np.float32), np.float32),
        (np.float16(1.5), np.float16),
        (np.arange(3), np.float64),
        ([1.0, 2.0], np.float64),
        (2.5, np.float64),
        (True, np.float64),
        ("text", np.float64),
        ([[1.0], [1.0, 2.0]], np.float64),
    ],
)
def test_precision_is_the_returned_float_type_and_float64_otherwise(output, dtype):
    assert precision(output) == np.dtype(dtype)


def test_as_array_keeps_float_precision_and_turns_integers_into_float64():
    assert as_array(np.ones(2, dtype=np.float32), "x")[0].dtype == np.float32
    assert as_array([1, 2], "x")[0].dtype == np.float64
    assert as_array(np.ones(3), "x", (2,))[1] == "`x` has shape (3,), expected (2,)"
    assert as_array("abc", "x")[1] == "`x` should be a numeric array, got str"


def test_the_tolerance_grows_with_the_returned_dtypes_eps_and_keeps_the_float64_floor():
    expected = np.array([1.0, 100.0])
    tolerances = [allowed_error(np.zeros(2, dtype=d), expected) for d in (np.float64, np.float32)]
    assert np.all(tolerances[0] < tolerances[1])
    np.testing.assert_allclose(tolerances[0], 1e-8 + 1e-6 * expected)


def test_half_precision_is_judged_as_float32_so_it_cannot_hide_a_mistake():
    expected = np.array([1.0, 100.0])
    half, single = (allowed_error(np.zeros(2, dtype=d), expected) for d in (np.float16, np.float32))
    np.testing.assert_array_equal(half, single)
    assert not within(np.float16(1.005), 1.0)


def test_a_float32_rounding_passes_and_a_real_mistake_does_not():
    expected = np.linspace(-3, 3, 50) ** 3
    assert within(expected.astype(np.float32), expected)
    assert not within(expected.astype(np.float32) * 1.001, expected)


def test_a_float32_answer_computed_from_cancelling_terms_needs_their_scale():
    big = np.float32(1e4)
    got = (big + np.float32(0.1)) - big  # float32 keeps about 4 digits of 0.1 here
    assert not within(got, 0.1)
    assert within(got, 0.1, scale=1e4)


def test_nan_is_accepted_only_where_it_is_expected():
    assert within([1.0, np.nan], [1.0, np.nan])
    assert not within([1.0, np.nan], [1.0, 2.0])
    assert close_to([1.0, np.nan], [1.0, 2.0], "x") == "`x` contains inf or NaN"


def test_a_message_shows_digits_that_differ_the_difference_and_the_tolerance():
    message = close_to(np.float32(1.4912134), 1.49121, "loss")
    assert message == "`loss` is off: expected 1.49121, got 1.491213 (off by 3.4e-06; float32 allows 2.9e-06)"
    message = close_to(np.array([[1.0, 2.0], [3.0, 4.5]]), [[1.0, 2.0], [3.0, 4.0]], "out")
    assert message == (
        "`out` is off at index (1, 1): expected 4, got 4.5"
        " (off by 0.5; float64 allows 4e-06; 1 of 4 entries differ)"
    )


def test_distinct_digits_never_prints_two_equal_numbers():
    assert distinct_digits(1.4912101, 1.4912102) == ("1.4912101", "1.4912102")
    assert distinct_digits(0.5, 0.25) == ("0.5", "0.25")


def test_coarsest_picks_the_least_precise_output():
    assert coarsest(np.zeros(2), np.float32(1.0), 3) == np.float32
    assert coarsest(1.0, [2.0]) == np.float64
