"""Day-7 retention per signup cohort: users active exactly 7 days after signing up, every cohort shown."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from questions._schema import Language
from questions.tasks._kit import Case
from questions.tasks._sql import Cell, OrderKey, ResultSet, Table, result_check, sql_case

LANGUAGE = Language.SQL
COLUMNS = ("signup_date", "cohort_size", "retained", "retention")
ORDER = (OrderKey("signup_date"),)
SIGNUPS = (("user_id", "INTEGER"), ("signup_date", "TEXT"))
ACTIVITY = (("user_id", "INTEGER"), ("activity_date", "TEXT"))
DAY = 7


def reference(signups: Table, activity: Table) -> ResultSet:
    """Per signup date: its users, and how many were active on signup date + 7 days (times of day ignored)."""
    active: dict[Cell, set[date]] = {}
    for user, stamp in activity.rows:
        active.setdefault(user, set()).add(date.fromisoformat(str(stamp)[:10]))
    cohorts: dict[str, list[Cell]] = {}
    for user, day in signups.rows:
        cohorts.setdefault(str(day), []).append(user)
    rows = []
    for day, users in sorted(cohorts.items()):
        target = date.fromisoformat(day) + timedelta(days=DAY)
        retained = sum(target in active.get(user, set()) for user in users)
        rows.append((day, len(users), retained, retained / len(users)))
    return ResultSet(COLUMNS, tuple(rows))


def _offsets(rng: np.random.Generator) -> list[int]:
    """Days after signup a user was active: some on day 7 (one of them twice), many around it."""
    days = [int(d) for d in rng.choice(np.arange(0, 15), int(rng.integers(0, 5)), replace=False) if d != DAY]
    draw = rng.random()
    if draw < 0.35:
        days.append(DAY)
        if draw < 0.1:
            days.append(DAY)  # two sessions on day 7
    return days


def _cohorts(rng: np.random.Generator, start: date, count: int) -> tuple[Table, Table]:
    """`count` signup dates; the first is retained by nobody though active on days 6 and 8, the second has
    a user with two sessions on day 7 and a user active on day 6 only."""
    signups: list[tuple[Cell, ...]] = []
    activity: list[tuple[Cell, ...]] = []
    for number, offset in enumerate(sorted(rng.choice(np.arange(0, 20), count, replace=False))):
        day = start + timedelta(days=int(offset))
        for place in range(int(rng.integers(3, 10))):
            user = 1000 + len(signups)
            signups.append((user, day.isoformat()))
            if number == 0:
                days = [DAY - 1, DAY + 1] if place < 2 else [d for d in _offsets(rng) if d != DAY]
            elif number == 1 and place < 3:
                days = [[DAY, DAY, 2], [DAY - 1], [0, 3]][place]
            else:
                days = _offsets(rng)
            activity += [(user, (day + timedelta(days=d)).isoformat()) for d in days]
    return _shuffled("signups", SIGNUPS, signups, rng), _shuffled("activity", ACTIVITY, activity, rng)


def _shuffled(name: str, columns: tuple[tuple[str, str], ...], rows: list, rng: np.random.Generator) -> Table:
    return Table(name, columns, tuple(rows[int(i)] for i in rng.permutation(len(rows))))


def _start(rng: np.random.Generator) -> date:
    return date(2025, 1, 1) + timedelta(days=int(rng.integers(0, 300)))


def _with_times(activity: Table, rng: np.random.Generator) -> Table:
    """The same activity logged as timestamps, 'YYYY-MM-DD HH:MM:SS'."""
    rows = tuple(
        (user, f"{stamp} {int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}:00")
        for user, stamp in activity.rows
    )
    return Table(activity.name, activity.columns, rows)


def cases(rng: np.random.Generator) -> list[Case]:
    weeks = _cohorts(rng, _start(rng), int(rng.integers(5, 9)))
    pair = _cohorts(rng, _start(rng), 2)
    signups, activity = _cohorts(rng, _start(rng), int(rng.integers(3, 6)))
    timed = (signups, _with_times(activity, rng))
    return [
        sql_case(
            "every cohort with its size, users active exactly on day 7 counted once, and their share",
            "required",
            weeks,
            result_check(reference(*weeks), order_by=ORDER),
        ),
        sql_case(
            "a cohort nobody came back to on day 7 shows 0 retained and 0.0, not a missing row",
            "required",
            pair,
            result_check(reference(*pair), order_by=ORDER, hint="day 7 means signup_date + 7 days, exactly"),
        ),
        sql_case(
            "activity logged with a time of day ('2025-03-08 14:02:00') still counts for its date",
            "edge",
            timed,
            result_check(reference(*timed), order_by=ORDER),
            followup="What does activity_date = date(signup_date, '+7 days') do when activity_date has a "
            "time of day, and how would you make the comparison robust?",
        ),
    ]
