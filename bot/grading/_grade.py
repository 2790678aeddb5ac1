"""Which grader an answer goes to, by the question's kind."""

from __future__ import annotations

from collections.abc import Mapping

from bot.grading._behavioral import grade_behavioral
from bot.grading._choice import grade_choice
from bot.grading._numeric import grade_numeric
from bot.grading._result import Grade, Ungradable
from bot.grading._rubric import grade_rubric
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
