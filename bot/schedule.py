"""When daily posts and reveals happen: pure functions of a schedule and `now`, so they can be tested.

Local times that a daylight-saving jump skips are moved forward by the jump (02:30 becomes 03:30);
times that happen twice use their first occurrence. APScheduler has no injectable clock, so every
decision about time lives here, and the scheduler only sleeps until the instants computed here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_WEEK = 7


@dataclass(frozen=True)
class PeriodicJob:
    """A feature's own recurring work, run every `seconds` with the current time."""

    job_id: str
    seconds: float
    run: Callable[[datetime], Awaitable[object]]


class PeriodicJobs:
    """Where features register their periodic jobs, so whoever runs the timers need not know them."""

    def __init__(self) -> None:
        self._jobs: dict[str, PeriodicJob] = {}

    def every(self, seconds: float, job_id: str, run: Callable[[datetime], Awaitable[object]]) -> None:
        if job_id in self._jobs:
            raise ValueError(f"periodic job {job_id!r} is registered twice")
        self._jobs[job_id] = PeriodicJob(job_id, seconds, run)

    def __iter__(self) -> Iterator[PeriodicJob]:
        return iter(self._jobs.values())


@dataclass(frozen=True)
class Schedule:
    post_time: time
    zone: ZoneInfo
    weekdays: frozenset[int]
    reveal_time: time


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day it is for the team at `moment`."""
    return moment.astimezone(zone).date()


def at_local(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a local day (gaps move forward, repeats take the first)."""
    return datetime.combine(day, wall).replace(tzinfo=zone, fold=0).astimezone(UTC)


def slot_on(day: date, schedule: Schedule) -> datetime | None:
    """The day's post instant, or None when the schedule skips that weekday."""
    if day.weekday() not in schedule.weekdays:
        return None
    return at_local(day, schedule.post_time, schedule.zone)


def next_slot(schedule: Schedule, after: datetime) -> datetime | None:
    """The first slot strictly after `after`; None only for a schedule with no weekdays."""
    start = local_date(after, schedule.zone) - timedelta(days=1)
    for offset in range(2 * _WEEK + 2):
        slot = slot_on(start + timedelta(days=offset), schedule)
        if slot is not None and slot > after:
            return slot
    return None


def latest_slot(schedule: Schedule, at: datetime) -> datetime | None:
    """The last slot at or before `at`."""
    start = local_date(at, schedule.zone) + timedelta(days=1)
    for offset in range(2 * _WEEK + 2):
        slot = slot_on(start - timedelta(days=offset), schedule)
        if slot is not None and slot <= at:
            return slot
    return None


def upcoming(schedule: Schedule, after: datetime) -> Iterator[datetime]:
    """Slots strictly after `after`, in order, for ever."""
    slot = next_slot(schedule, after)
    while slot is not None:
        yield slot
        slot = next_slot(schedule, slot)


def reveal_for(schedule: Schedule, slot: datetime) -> datetime:
    """The reveal time after this slot, on its day or the next, unless the next post comes first."""
    day = local_date(slot, schedule.zone)
    reveal = next(
        instant
        for instant in (
            at_local(day + timedelta(days=n), schedule.reveal_time, schedule.zone) for n in range(3)
        )
        if instant > slot
    )
    following = next_slot(schedule, slot)
    return min(reveal, following) if following is not None else reveal


def due_slot(schedule: Schedule, now: datetime, grace: timedelta, active_since: datetime) -> datetime | None:
    """The slot to post now: the latest one, if it is within the grace window and after activation."""
    slot = latest_slot(schedule, now)
    if slot is None or slot < active_since or now - slot > grace:
        return None
    return slot
