"""Progress: leaderboards, seasons, stats charts, weak spots, spaced review and privacy tools."""

from bot.progress._commands import register
from bot.progress._daily import DailyNudge, daily_nudge
from bot.progress._service import ProgressService
from bot.progress._views import Leaderboard

__all__ = ["DailyNudge", "Leaderboard", "ProgressService", "daily_nudge", "register"]
