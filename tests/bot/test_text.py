"""The shared text helpers: one cleaner, one truncation, one table layout, and code blocks by language."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.replies import Table
from bot.text import ELLIPSIS, clean_input, extract_code, fenced, normalized, table_lines, truncate
from questions import Language


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


@pytest.mark.parametrize(
    ("message", "language", "code"),
    [
        ("here:\n```sql\nSELECT 1\n```", Language.SQL, "SELECT 1"),
        ("```SQLite\nSELECT 1\n```", Language.SQL, "SELECT 1"),
        ("```\nSELECT 1\n```", Language.SQL, "SELECT 1"),
        ("```sql\n```", Language.SQL, ""),
        ("```python\nx = 1\n```\n```sql\nSELECT 2\n```", Language.SQL, "SELECT 2"),
        ("```python\nx = 1\n```", Language.PYTHON, "x = 1"),
        ("```\nx = 1\n```", Language.PYTHON, "x = 1"),
    ],
)
def test_the_first_block_in_the_language_is_the_answer(message, language, code):
    assert extract_code(message, language) == code


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("```sql\nSELECT 1\n```", Language.PYTHON),
        ("```python\nx = 1\n```", Language.SQL),
        ("SELECT 1", Language.SQL),
    ],
)
def test_a_block_in_another_language_or_none_is_no_answer(message, language):
    assert extract_code(message, language) is None


def test_a_form_field_is_fenced_in_the_question_language_unless_it_already_is():
    assert fenced("SELECT 1", Language.SQL) == "```sql\nSELECT 1\n```"
    assert fenced("```sql\nSELECT 1\n```", Language.SQL) == "```sql\nSELECT 1\n```"
    assert fenced("def f():\n    return 1", Language.PYTHON) == "```python\ndef f():\n    return 1\n```"
