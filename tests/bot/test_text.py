"""A code answer is the first fenced block in the question's language; an unlabelled fence is either."""

from __future__ import annotations

import pytest

from bot.text import extract_code, fenced
from questions import Language


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
