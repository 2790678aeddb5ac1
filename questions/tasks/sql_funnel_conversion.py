"""A visit -> signup -> purchase funnel per source: distinct users, each step requiring the one before."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from questions._schema import Language
from questions.tasks._kit import Case
from questions.tasks._sql import Cell, OrderKey, ResultSet, Table, result_check, sql_case

LANGUAGE = Language.SQL
COLUMNS = ("source", "visitors", "signups", "purchasers", "conversion")
ORDER = (OrderKey("source"),)
USERS = (("user_id", "INTEGER"), ("source", "TEXT"))
EVENTS = (("user_id", "INTEGER"), ("event", "TEXT"), ("event_time", "TEXT"))
STEPS = ("visit", "signup", "purchase")
SOURCES = ("ads", "email", "organic", "partner", "referral", "social")
START = datetime(2025, 5, 1, 9, 0, 0)


def reference(users: Table, events: Table) -> ResultSet:
    """Per source: users reaching each step having done every earlier one, and purchasers / visitors."""
    done: dict[Cell, set[Cell]] = {}
    for user, event, _ in events.rows:
        done.setdefault(user, set()).add(event)
    rows = []
    for source in sorted({str(s) for _, s in users.rows}):
        members = [user for user, s in users.rows if s == source]
        reached = [sum(set(STEPS[: k + 1]) <= done.get(user, set()) for user in members) for k in range(3)]
        conversion = reached[2] / reached[0] if reached[0] else None
        rows.append((source, *reached, conversion))
    return ResultSet(COLUMNS, tuple(rows))


def _journey(rng: np.random.Generator) -> list[str]:
    """One user's events: repeat visits and purchases happen, and some users skip a step."""
    events = ["visit"] * int(rng.integers(1, 4)) if rng.random() < 0.8 else []
    if rng.random() < (0.6 if events else 0.3):
        events.append("signup")
        if rng.random() < 0.6:
            events += ["purchase"] * int(rng.integers(1, 3))
    return events


def _tables(rng: np.random.Generator, sources: list[str], silent: str | None) -> tuple[Table, Table]:
    """Users of each source with their journeys; the `silent` source has users but no events at all."""
    users: list[tuple[Cell, ...]] = []
    events: list[tuple[Cell, ...]] = []
    for source in sources:
        for _ in range(int(rng.integers(5, 14))):
            user = 100 + len(users)
            users.append((user, source))
            stamp = START + timedelta(minutes=int(rng.integers(0, 10_000)))
            for event in [] if source == silent else _journey(rng):
                stamp += timedelta(minutes=int(rng.integers(1, 600)))
                events.append((user, event, f"{stamp:%Y-%m-%d %H:%M:%S}"))
    return _shuffled("users", USERS, users, rng), _shuffled("events", EVENTS, events, rng)


def _shuffled(name: str, columns: tuple[tuple[str, str], ...], rows: list, rng: np.random.Generator) -> Table:
    return Table(name, columns, tuple(rows[int(i)] for i in rng.permutation(len(rows))))


def _sources(rng: np.random.Generator, count: int) -> list[str]:
    return [str(s) for s in rng.choice(SOURCES, count, replace=False)]


def _with_skips(rng: np.random.Generator) -> tuple[Table, Table]:
    """Users who purchase or sign up without a visit (an app store, a sales call) in every source."""
    users, events = _tables(rng, _sources(rng, 3), None)
    extra: list[tuple[tuple[Cell, ...], list[tuple[Cell, ...]]]] = []
    for source in sorted({str(s) for _, s in users.rows}):
        for steps in (["signup", "purchase"], ["purchase"]):
            user = 900 + len(extra)
            extra.append(((user, source), [(user, step, "2025-05-20 12:00:00") for step in steps]))
    return (
        Table("users", USERS, users.rows + tuple(u for u, _ in extra)),
        Table("events", EVENTS, events.rows + tuple(e for _, es in extra for e in es)),
    )


def cases(rng: np.random.Generator) -> list[Case]:
    sources = _sources(rng, 5)
    main = _tables(rng, sources, silent=sources[int(rng.integers(0, 5))])
    skips = _with_skips(rng)
    users, events = _tables(rng, _sources(rng, 3), None)
    orphans = tuple((9000 + i, str(rng.choice(STEPS)), "2025-05-02 10:00:00") for i in range(6))
    orphaned = (users, Table("events", EVENTS, events.rows + orphans))
    return [
        sql_case(
            "each user counted once per step, a source with no events shown with zeros and a NULL conversion",
            "required",
            main,
            result_check(reference(*main), order_by=ORDER),
        ),
        sql_case(
            "a signup or purchase without a visit does not count",
            "required",
            skips,
            result_check(reference(*skips), order_by=ORDER, hint="each step needs every step before it"),
        ),
        sql_case(
            "events of user_ids missing from users belong to no source",
            "edge",
            orphaned,
            result_check(reference(*orphaned), order_by=ORDER),
            followup="Events arrive for users that are not in the users table: where do they go in your "
            "query, and how would you monitor how many there are?",
        ),
    ]
