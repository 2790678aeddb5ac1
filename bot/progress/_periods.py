"""What `/quiz leaderboard` was asked for, and the span of time that means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.schedule import at_local
from questions import Category
from storage import Season

_ROLLING = {"week": ("last 7 days", 7), "month": ("last 30 days", 30)}
PERIODS = ("week", "month", "all", "season")
SCOPES = {"channel": False, "here": False, "team": True, "workspace": True, "server": True, "guild": True}
"""Words for where a board counts; True means the whole team."""


@dataclass(frozen=True)
class Request:
    period: str = "season"
    since_day: date | None = None
    category: Category | None = None
    team: bool = False


@dataclass(frozen=True)
class Window:
    label: str
    since: datetime | None
    until: datetime | None = None


def request_for(
    period: str | None, since: date | None, category: Category | None, team: bool | None
) -> Request:
    """One period: a named one or `since` a day; by default the current season."""
    if period is not None and since is not None:
        raise UserError(f"Pick one period: `{period}` or `since {since.isoformat()}`, not both.")
    chosen = "since" if since is not None else period or "season"
    return Request(chosen, since, category, bool(team))


EARLIEST_SINCE = date(1900, 1, 1)
"""Older `since` days count from here: nothing is older, and year 1 cannot be moved between zones."""


def parse_day(text: str) -> date:
    """`since`'s day, ISO-formatted."""
    try:
        return max(date.fromisoformat(text), EARLIEST_SINCE)
    except ValueError:
        raise UserError(f"`since` needs a date like 2026-03-01, not `{text[:20]}`.") from None


def current_season(seasons: list[Season], now: datetime) -> Season | None:
    started = [s for s in seasons if s.started_at <= now]
    return started[-1] if started else None


def window_for(request: Request, seasons: list[Season], zone: ZoneInfo, now: datetime) -> Window:
    """The period's span: whole local days up to today, from a date's midnight, or from a season's start."""
    today = now.astimezone(zone).date()
    if request.period in _ROLLING:
        label, days = _ROLLING[request.period]
        return Window(label, at_local(today - timedelta(days=days - 1), time(0), zone))
    if request.period == "since":
        assert request.since_day is not None
        if request.since_day > today:
            raise UserError(f"{request.since_day.isoformat()} is in the future; pick a day up to today.")
        day = request.since_day
        return Window(f"since {day.day} {day:%b %Y}", at_local(day, time(0), zone))
    season = current_season(seasons, now) if request.period == "season" else None
    if season is None:
        return Window("all time", None)
    start = season.started_at.astimezone(zone)
    return Window(f"season {season.name} (since {start.day} {start:%b})", season.started_at)
