"""Mock phone-screen rounds: group and pair rounds against the clock, scorecards, and weekly pairs."""

from bot.mock._commands import register
from bot.mock._service import ACTION_PREFIX, MockService

__all__ = ["ACTION_PREFIX", "MockService", "register"]
