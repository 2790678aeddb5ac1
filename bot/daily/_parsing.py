"""Turn what admins type into settings, with messages that say how to fix a mistake."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import time
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.errors import UserError
from bot.settings import WEEKDAY_NAMES
from questions import Category, parse_category

MAX_WEIGHT = 1000
_TIME = re.compile(r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm)?$", re.I)
_DAY_ALIASES = {
    "daily": "mon-sun",
    "everyday": "mon-sun",
    "every-day": "mon-sun",
    "all": "mon-sun",
    "weekdays": "mon-fri",
    "workdays": "mon-fri",
    "weekends": "sat-sun",
    "weekend": "sat-sun",
}
_ABBREVIATIONS = {
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "mst": "America/Denver",
    "cst": "America/Chicago",
    "ct": "America/Chicago",
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "ist": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "aest": "Australia/Sydney",
}


def parse_time(text: str) -> time:
    """24-hour `HH:MM` (also `9:30`, `9am`, `5:30pm`)."""
    match = _TIME.match(text.strip())
    if match is None:
        raise UserError(f"`{text[:20]}` is not a time. Use 24-hour HH:MM, for example `09:00` or `17:30`.")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise UserError(f"`{text[:20]}`: with am/pm the hour runs 1-12.")
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise UserError(f"`{text[:20]}` is not a time of day: hours run 00-23 and minutes 00-59.")
    return time(hour, minute)


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def parse_zone(text: str) -> ZoneInfo:
    """An IANA zone, case-insensitive; a near miss or an abbreviation gets a suggestion."""
    folded = text.strip().casefold()
    zones = _zones_by_folded_name()
    if folded in zones:
        return ZoneInfo(zones[folded])
    suggestion = _ABBREVIATIONS.get(folded) or _closest_zone(folded, zones)
    hint = f" Did you mean `{suggestion}`?" if suggestion else ""
    raise UserError(
        f"`{text[:40]}` is not a time zone I know.{hint} Use an IANA name such as `Europe/Berlin`, "
        "`America/New_York` or `UTC`."
    )


def _closest_zone(folded: str, zones: Mapping[str, str]) -> str | None:
    by_city = {name.rsplit("/", 1)[-1]: name for name in zones}
    by_name = {name: name for name in zones}
    for candidates in (by_city, by_name):
        close = difflib.get_close_matches(folded.replace(" ", "_"), list(candidates), n=1, cutoff=0.75)
        if close:
            return zones[candidates[close[0]]]
    return None


_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def looks_like_days(text: str) -> bool:
    """Tell days from a time zone in `/quiz schedule 09:00 [TZ] [days]`."""
    folded = text.strip().lower()
    words = re.split(r"[,-]", folded)
    if len(words) > 1:
        return all(w.isalpha() for w in words)
    return folded in _DAY_ALIASES or folded in WEEKDAY_NAMES or folded in _FULL_DAY_NAMES


def parse_weekdays(text: str) -> frozenset[int]:
    """`mon-fri`, `mon,wed,fri`, `fri-mon` (wrapping), `daily`, `weekdays` or `weekends`."""
    spec = _DAY_ALIASES.get(text.strip().lower(), text.strip().lower())
    days: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.partition("-")
        start, end = _weekday(first), _weekday(last or first)
        days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
    return frozenset(days)


def _weekday(word: str) -> int:
    word = word.strip()
    word = word[:3] if word in _FULL_DAY_NAMES else word
    if word not in WEEKDAY_NAMES:
        raise UserError(
            f"`{word[:12]}` is not a weekday. Use mon, tue, wed, thu, fri, sat, sun, ranges like `mon-fri`, "
            "lists like `mon,wed,fri`, or `daily`."
        )
    return WEEKDAY_NAMES.index(word)


def parse_weights(args: list[str], current: Mapping[Category, int]) -> dict[Category, int]:
    """`math=40 coding=30 ...`: named categories change, the others keep their weight."""
    if not args:
        raise UserError("Usage: `/quiz weights math=40 coding=30 dl=20 resume=10 behavioral=0`.")
    weights = dict(current)
    for arg in args:
        name, sep, value = arg.partition("=")
        category = parse_category(name)
        if not sep or category is None:
            raise UserError(
                f"`{arg[:30]}` is not `category=weight`. Categories: math, coding, dl, resume, behavioral."
            )
        if not value.isdecimal() or len(value) > 4 or int(value) > MAX_WEIGHT:
            raise UserError(f"The weight for {name[:20]} must be a whole number from 0 to {MAX_WEIGHT}.")
        weights[category] = int(value)
    if sum(weights.values()) == 0:
        raise UserError("The weights add up to 0, so nothing could be posted. Give one category a weight.")
    return weights
