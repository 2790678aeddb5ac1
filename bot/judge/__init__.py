"""The optional model grader: a second opinion on free-text answers, backed by quotes from them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from bot.judge._errors import JudgeUnavailable, Unavailable
from bot.judge._evidence import Evidence, Judged, Judgement
from bot.judge._settings import JudgeSettings
from bot.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.judge._client import ModelJudge
    from bot.judge._verdicts import ModelReview, PointVerdict, combine, quoted

__getattr__ = lazy_attributes(
    __name__, dict.fromkeys(("ModelReview", "PointVerdict", "combine", "quoted"), "_verdicts")
)
"""Checking a review needs the graders, which a bot with no model grader may never load."""


@asynccontextmanager
async def open_judge(settings: JudgeSettings | None) -> AsyncIterator[ModelJudge | None]:
    """The model judge while open, or None when no grader is configured (then `openai` is not imported)."""
    if settings is None:
        yield None
        return
    from bot.judge._client import ModelJudge

    async with ModelJudge.open(settings) as judge:
        yield judge


__all__ = [
    "Evidence",
    "JudgeSettings",
    "JudgeUnavailable",
    "Judged",
    "Judgement",
    "ModelReview",
    "PointVerdict",
    "Unavailable",
    "combine",
    "open_judge",
    "quoted",
]
