"""Progress: leaderboards, seasons, stats charts, weak spots, spaced review and privacy tools."""

from typing import TYPE_CHECKING

from bot.lazy import lazy_attributes
from bot.progress._commands import register
from bot.progress._service import ProgressService

if TYPE_CHECKING:
    from bot.progress._daily import DailyNudge, daily_nudge
    from bot.progress._views import Leaderboard

__getattr__ = lazy_attributes(
    __name__, {"DailyNudge": "_daily", "daily_nudge": "_daily", "Leaderboard": "_views"}
)
"""Names whose modules (spaced review with fsrs, the views) load when first asked for."""


__all__ = ["DailyNudge", "Leaderboard", "ProgressService", "daily_nudge", "register"]
