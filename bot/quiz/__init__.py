"""The quiz feature: posting, answering, hints and reveals."""

from bot.quiz._commands import register
from bot.quiz._picking import draw_balanced, draw_category, pick_question, plan_slot, preview_slots
from bot.quiz._scoring import POINTS_BY_DIFFICULTY, points_for
from bot.quiz._service import QuizService
from bot.quiz._views import action_id, card_data, form_for, question_body

__all__ = [
    "POINTS_BY_DIFFICULTY",
    "QuizService",
    "action_id",
    "card_data",
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
