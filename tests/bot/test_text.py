"""The shared text helpers: one cleaner, one truncation and one table layout for every platform."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.replies import Table
from bot.text import ELLIPSIS, clean_input, normalized, table_lines, truncate


@pytest.mark.parametrize(
    ("text", "limit", "marker", "expected"),
    [
        ("short", 5, ELLIPSIS, "short"),
        ("longer", 5, ELLIPSIS, "long…"),
        ("longer", 1, ELLIPSIS, "l"),
        ("longer", 0, ELLIPSIS, ""),
        ("x" * 30, 20, " [truncated]", "xxxxxxxx [truncated]"),
    ],
)
def test_truncate_keeps_the_limit_and_marks_the_cut(text: str, limit: int, marker: str, expected: str):
    cut = truncate(text, limit, marker)
    assert cut == expected and len(cut) <= limit


def test_one_cleaner_two_forms():
    typed = "\u202eﬁ\x07 ２\u200b\n\tok"
    assert normalized(typed) == "ﬁ ２\n\tok", "NFC keeps what people typed, hidden characters go"
    assert normalized(typed, "NFKC") == "fi 2\n\tok", "NFKC folds look-alikes for matching"
    assert clean_input("  \x1b[2J hi  ") == "[2J hi"
    with pytest.raises(UserError, match="limit is 3"):
        clean_input("four", limit=3)


TABLE = Table(("name", "points"), (("ada", "12"), ("  grace hopper  ", "7")))


def test_a_table_is_a_header_a_rule_and_rows_with_stripped_cells():
    assert table_lines(TABLE) == [
        "name          points",
        "------------  ------",
        "ada           12",
        "grace hopper  7",
    ]


def test_ragged_rows_are_padded_or_cut_to_the_header():
    ragged = Table(("a", "b"), (("1",), ("1", "2", "3")))
    assert table_lines(ragged) == ["a  b", "-  -", "1", "1  2"]


def test_cells_can_be_cut_and_columns_wrapped_to_a_width():
    assert table_lines(TABLE, cell_limit=5)[3] == "grac…  7"
    wide = Table(("question", "n"), (("why does dropout help with overfitting in deep nets", "3"),))
    wrapped = table_lines(wide, width=30)
    assert all(len(line) <= 30 for line in wrapped)
    assert " ".join(line[:27].strip() for line in wrapped[2:]) == wide.rows[0][0]
