"""The quiz feature: posting, answering, hints and reveals."""

from typing import TYPE_CHECKING

from bot.lazy import lazy_attributes
from bot.quiz._commands import register
from bot.quiz._picking import draw_balanced, draw_category, pick_question, plan_slot, preview_slots
from bot.quiz._scoring import POINTS_BY_DIFFICULTY, points_for
from bot.quiz._service import QuizService

if TYPE_CHECKING:
    from bot.quiz._views import (
        CodeVerdict,
        GradeVerdict,
        PostedQuestion,
        answer_button,
        form_for,
        question_body,
    )

__getattr__ = lazy_attributes(
    __name__,
    dict.fromkeys(
        ("CodeVerdict", "GradeVerdict", "PostedQuestion", "answer_button", "form_for", "question_body"),
        "_views",
    ),
)
"""The views load with the first reply that needs them (see `bot.lazy`)."""


__all__ = [
    "POINTS_BY_DIFFICULTY",
    "CodeVerdict",
    "GradeVerdict",
    "PostedQuestion",
    "QuizService",
    "answer_button",
    "draw_balanced",
    "draw_category",
    "form_for",
    "pick_question",
    "plan_slot",
    "points_for",
    "preview_slots",
    "question_body",
    "register",
]
