"""Result sets are judged as multisets of rows unless an order is asked; NULL only equals NULL."""

from __future__ import annotations

import pytest

from questions.tasks import OrderKey, ResultSet, result_check

EXPECTED = ResultSet(("team", "name", "score"), (("a", "Ada", 3), ("a", "Ben", 2.5), ("b", "Chen", None)))


def output(columns, rows) -> dict:
    """What the harness sends back for a query, once decoded."""
    return {"columns": list(columns), "rows": [list(r) for r in rows]}


def test_rows_in_any_order_match_when_no_order_is_asked():
    check = result_check(EXPECTED)
    assert check(output(EXPECTED.columns, reversed(EXPECTED.rows))) is None


def test_numbers_match_within_the_tolerance_and_integers_equal_reals():
    check = result_check(EXPECTED)
    rows = (("a", "Ada", 3.0), ("a", "Ben", 2.5 * (1 + 1e-12)), ("b", "Chen", None))
    assert check(output(EXPECTED.columns, rows)) is None
    off = (("a", "Ada", 3), ("a", "Ben", 2.5001), ("b", "Chen", None))
    assert check(output(EXPECTED.columns, off)) == (
        "1 expected row(s) missing, e.g. ('a', 'Ben', 2.5); 1 unexpected row(s), e.g. ('a', 'Ben', 2.5001)"
    )


def test_null_equals_only_null():
    check = result_check(EXPECTED)
    rows = (("a", "Ada", 3), ("a", "Ben", 2.5), ("b", "Chen", 0))
    assert "e.g. ('b', 'Chen', NULL)" in check(output(EXPECTED.columns, rows))


def test_text_is_compared_exactly():
    check = result_check(EXPECTED)
    rows = (("a", "ada", 3), ("a", "Ben", 2.5), ("b", "Chen", None))
    assert check(output(EXPECTED.columns, rows)).startswith("1 expected row(s) missing, e.g. ('a', 'Ada', 3)")


def test_a_duplicated_row_is_one_row_too_many():
    check = result_check(EXPECTED)
    rows = (*EXPECTED.rows, EXPECTED.rows[0])
    assert (
        check(output(EXPECTED.columns, rows))
        == "4 rows, expected 3; 1 unexpected row(s), e.g. ('a', 'Ada', 3)"
    )


def test_columns_are_named_and_ordered_as_asked_in_any_case():
    check = result_check(EXPECTED)
    assert check(output(("TEAM", "Name", "score"), EXPECTED.rows)) is None
    swapped = [(name, team, score) for team, name, score in EXPECTED.rows]
    assert check(output(("name", "team", "score"), swapped)) == (
        "the result has columns (name, team, score); the prompt asks for (team, name, score) in that order:"
        " name them with AS"
    )


def test_an_order_is_checked_only_on_the_keys_asked_so_ties_may_come_either_way():
    check = result_check(EXPECTED, order_by=(OrderKey("team"),))
    tie_swapped = (EXPECTED.rows[1], EXPECTED.rows[0], EXPECTED.rows[2])
    assert check(output(EXPECTED.columns, tie_swapped)) is None
    backwards = tuple(reversed(EXPECTED.rows))
    assert check(output(EXPECTED.columns, backwards)) == (
        "the rows are right but out of order at rows 1 and 2: ORDER BY team"
    )


def test_a_descending_key_and_null_first_as_sqlite_sorts():
    expected = ResultSet(("x",), ((None,), (1,), (2,)))
    assert result_check(expected, order_by=(OrderKey("x"),))(output(("x",), expected.rows)) is None
    descending = result_check(expected, order_by=(OrderKey("x", descending=True),))
    assert descending(output(("x",), reversed(expected.rows))) is None
    assert descending(output(("x",), expected.rows)).endswith("ORDER BY x DESC")


def test_a_hint_follows_wrong_rows_only():
    check = result_check(EXPECTED, hint="ties share a rank")
    assert check(output(EXPECTED.columns, EXPECTED.rows[:2])).endswith("(ties share a rank)")
    assert not check(output(("a", "b", "c"), EXPECTED.rows)).endswith("(ties share a rank)")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([1, 2], "the query's result did not come back as columns and rows"),
        ({"columns": [1], "rows": []}, "the result's column names are not text"),
        ({"columns": ["a"], "rows": [[1, 2]]}, "the result's rows do not match its columns"),
        ({"columns": ["a"], "rows": [[[1]]]}, "the result holds a value that is not a number, text or NULL"),
    ],
)
def test_anything_but_columns_and_rows_is_named(value, message):
    assert result_check(EXPECTED)(value) == message
