"""Progress: leaderboards, seasons, stats charts, weak spots, spaced review and privacy tools."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from bot.progress._commands import register
from bot.progress._service import ProgressService

if TYPE_CHECKING:
    from bot.progress._daily import DailyNudge, daily_nudge
    from bot.progress._views import Leaderboard

_LAZY = {"DailyNudge": "_daily", "daily_nudge": "_daily", "Leaderboard": "_views"}
"""Names whose modules (spaced review with fsrs, the views) load when first asked for."""


def __getattr__(name: str) -> Any:
    """Load a lazy name's module when it is first asked for."""
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DailyNudge", "Leaderboard", "ProgressService", "daily_nudge", "register"]
