"""Points for a grade: harder questions are worth more."""

from __future__ import annotations

from questions import Difficulty, Question

POINTS_BY_DIFFICULTY = {Difficulty.EASY: 10, Difficulty.MEDIUM: 20, Difficulty.HARD: 30}


def points_for(question: Question, score: float) -> int:
    return round(POINTS_BY_DIFFICULTY[question.difficulty] * max(0.0, min(1.0, score)))
