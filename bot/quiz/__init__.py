"""The quiz feature: posting, answering, hints and reveals."""

from typing import TYPE_CHECKING, Any

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

_VIEWS = frozenset(
    {"CodeVerdict", "GradeVerdict", "PostedQuestion", "answer_button", "form_for", "question_body"}
)


def __getattr__(name: str) -> Any:
    """The views load with the first reply that needs them (see `bot.lazy`)."""
    if name in _VIEWS:
        from bot.quiz import _views

        return getattr(_views, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
