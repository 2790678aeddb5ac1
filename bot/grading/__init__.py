"""Graders for every non-code answer kind, behind `grade` (and `grade_within`, off the event loop)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from bot.grading._behavioral import grade_behavioral
from bot.grading._choice import grade_choice, pick_option
from bot.grading._numeric import grade_numeric, read_numbers
from bot.grading._result import Grade, GradeBand, Ungradable
from bot.grading._rubric import grade_rubric
from bot.grading._text import clean, tokenize
from questions import Category, Kind, Question


def grade(
    question: Question,
    text: str,
    expected_value: float | None = None,
    decided: Mapping[int, bool] | None = None,
) -> Grade:
    """Grade a text answer to a question; Ungradable when the answer's form is wrong.

    `decided` settles rubric key points by index (covered or not), as a model review with evidence does.
    """
    if question.kind is Kind.NUMERIC:
        assert question.numeric is not None
        return grade_numeric(question.numeric, text, expected_value)
    if question.kind is Kind.CHOICE:
        assert question.correct is not None
        return grade_choice(question.choices, question.correct, text)
    if question.kind is Kind.BEHAVIORAL:
        return grade_behavioral(question.rubric, text, prompt=question.prompt, decided=decided)
    if question.kind is Kind.CODE:
        raise Ungradable(f"This is a coding question: send your solution as a ```{question.language} block.")
    return grade_rubric(
        question.rubric,
        text,
        prompt=question.prompt,
        misconceptions=question.misconceptions,
        own_work=question.category is Category.RESUME,
        decided=decided,
    )


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
