"""Graders for every non-code answer kind, behind `grade` (and `grade_within`, off the event loop).

The graders (stemmer, fuzzy matching, word tables) load with the first answer, through `__getattr__`,
so a bot that has graded nothing yet starts without them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.grading._result import Grade, GradeBand, Ungradable
from bot.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.grading._behavioral import grade_behavioral
    from bot.grading._choice import grade_choice, pick_option
    from bot.grading._grade import grade
    from bot.grading._numeric import grade_numeric, read_numbers
    from bot.grading._rubric import grade_rubric
    from bot.grading._text import clean, tokenize
    from questions import Question

__getattr__ = lazy_attributes(
    __name__,
    {
        "grade": "_grade",
        "grade_behavioral": "_behavioral",
        "grade_choice": "_choice",
        "pick_option": "_choice",
        "grade_numeric": "_numeric",
        "read_numbers": "_numeric",
        "grade_rubric": "_rubric",
        "clean": "_text",
        "tokenize": "_text",
    },
)
"""Each public grader and the module that defines it."""


GRADE_BUDGET_S = 2.0
"""Far above the slowest answer the message cap allows (about 0.1 s); only a grader fault reaches it."""


async def grade_within(
    question: Question,
    text: str,
    expected_value: float | None = None,
    decided: Mapping[int, bool] | None = None,
    *,
    budget: float = GRADE_BUDGET_S,
) -> Grade:
    """`grade` in a worker thread; an answer that outlasts the budget is Ungradable and nothing is stored."""
    from bot.grading._grade import grade

    try:
        return await asyncio.wait_for(
            asyncio.to_thread(grade, question, text, expected_value, decided), timeout=budget
        )
    except TimeoutError:
        raise Ungradable(
            f"That answer took over {budget:g} s to grade, so it was not graded or saved; send a shorter one."
        ) from None


__all__ = [
    "GRADE_BUDGET_S",
    "Grade",
    "GradeBand",
    "Ungradable",
    "clean",
    "grade",
    "grade_behavioral",
    "grade_choice",
    "grade_numeric",
    "grade_rubric",
    "grade_within",
    "pick_option",
    "read_numbers",
    "tokenize",
]
