"""The daily question: settings, the schedule, claims that post each slot once, and reveals."""

from bot.daily._commands import register
from bot.daily._parsing import parse_time, parse_weekdays, parse_weights, parse_zone
from bot.daily._scheduler import DailyScheduler
from bot.daily._service import DailyService, Timing
from bot.daily._views import describe_days

__all__ = [
    "DailyScheduler",
    "DailyService",
    "Timing",
    "describe_days",
    "parse_time",
    "parse_weekdays",
    "parse_weights",
    "parse_zone",
    "register",
]
