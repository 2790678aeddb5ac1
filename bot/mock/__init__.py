"""Mock phone-screen rounds: group and pair rounds against the clock, scorecards, and weekly pairs."""

from bot.mock._commands import register
from bot.mock._service import MockService

__all__ = ["MockService", "register"]
