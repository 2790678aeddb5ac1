"""Each customer's current state from a log of full-row updates: the latest by time, ties to the larger id."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from questions._schema import Language
from questions.tasks._kit import Case
from questions.tasks._sql import Cell, ResultSet, Table, result_check, sql_case

LANGUAGE = Language.SQL
COLUMNS = ("customer_id", "email", "plan")
SCHEMA = (
    ("update_id", "INTEGER"),
    ("customer_id", "INTEGER"),
    ("updated_at", "TEXT"),
    ("email", "TEXT"),
    ("plan", "TEXT"),
)
PLANS = ("free", "pro", "team", "enterprise")
START = datetime(2025, 3, 1, 8, 0, 0)

Update = tuple[int, int, datetime, str | None, str]
"""update_id, customer_id, time, email, plan."""


def reference(updates: Table) -> ResultSet:
    """Per customer, the row with the greatest (time, update_id); timestamps read as datetimes."""
    latest: dict[int, tuple[tuple[datetime, int], tuple[Cell, ...]]] = {}
    for update_id, customer, stamp, email, plan in updates.rows:
        assert isinstance(update_id, int) and isinstance(customer, int) and isinstance(stamp, str)
        key = (datetime.fromisoformat(stamp), update_id)
        if customer not in latest or key > latest[customer][0]:
            latest[customer] = (key, (customer, email, plan))
    return ResultSet(COLUMNS, tuple(row for _, row in latest.values()))


def _history(rng: np.random.Generator, customers: int) -> list[Update]:
    """A few updates per customer in time order; the email sometimes changes, the plan often does."""
    history: list[Update] = []
    for number in range(customers):
        customer = 1000 + 3 * number + int(rng.integers(0, 3))
        stamp = START + timedelta(hours=int(rng.integers(0, 200)))
        email: str | None = f"user{customer}@example.com"
        for _ in range(int(rng.integers(1, 5))):
            history.append((0, customer, stamp, email, str(rng.choice(PLANS))))
            stamp += timedelta(minutes=int(rng.integers(5, 3000)))
            if rng.random() < 0.3:
                email = f"user{customer}.{int(rng.integers(10, 99))}@example.com"
    return history


def _rows(history: list[Update], *, separator: str = " ", first: int = 1) -> list[tuple[Cell, ...]]:
    """update_id counts from `first` in `history` order: ingestion order, which need not be time order."""
    return [
        (number, customer, stamp.isoformat(sep=separator), email, plan)
        for number, (_, customer, stamp, email, plan) in enumerate(history, first)
    ]


def _table(rows: list[tuple[Cell, ...]], rng: np.random.Generator | None = None) -> Table:
    """The rows, stored in a shuffled order when given a generator."""
    order = rng.permutation(len(rows)) if rng is not None else range(len(rows))
    return Table("customer_updates", SCHEMA, tuple(rows[int(i)] for i in order))


def _late_arrival(rng: np.random.Generator) -> list[Update]:
    """A customer's newest update ingested first (update_id 1), before the older ones."""
    history = _history(rng, int(rng.integers(6, 10)))
    customer = history[0][1]
    newest = max(stamp for _, c, stamp, _, _ in history if c == customer) + timedelta(hours=2)
    return [(0, customer, newest, f"late{customer}@example.com", "enterprise"), *history]


def _ties(rng: np.random.Generator) -> Table:
    """Two customers with two updates at the same latest second; the larger update_id is the later write.

    One winner is stored before its twin and one after, so no rule that relies on storage order passes.
    """
    history = _history(rng, int(rng.integers(4, 7)))
    last = max(stamp for _, _, stamp, _, _ in history) + timedelta(minutes=30)
    rows = _rows(history)
    shuffled = [rows[int(i)] for i in rng.permutation(len(rows))]
    first, second = history[0][1], history[-1][1] + 1
    n = len(rows)
    twins = [
        (n + 1, first, f"{last:%Y-%m-%d %H:%M:%S}", f"old{first}@example.com", "pro"),
        (n + 2, first, f"{last:%Y-%m-%d %H:%M:%S}", f"new{first}@example.com", "team"),
        (n + 3, second, f"{last:%Y-%m-%d %H:%M:%S}", f"old{second}@example.com", "team"),
        (n + 4, second, f"{last:%Y-%m-%d %H:%M:%S}", f"new{second}@example.com", "pro"),
    ]
    return Table("customer_updates", SCHEMA, (twins[1], twins[2], *shuffled, twins[0], twins[3]))


def _removed_email(rng: np.random.Generator) -> list[Update]:
    """A customer whose latest update cleared the email: NULL is the current state, not a gap to fill."""
    history = _history(rng, int(rng.integers(5, 8)))
    customer = history[-1][1]
    newest = max(stamp for _, c, stamp, _, _ in history if c == customer) + timedelta(days=1)
    return [*history, (0, customer, newest, None, "free")]


def cases(rng: np.random.Generator) -> list[Case]:
    late = _table(_rows(_late_arrival(rng)), rng)
    tie = _ties(rng)
    removed = _table(_rows(_removed_email(rng)), rng)
    history = _late_arrival(rng)
    mixed = _table([*_rows(history[::2], separator="T"), *_rows(history[1::2], first=len(history))], rng)
    return [
        sql_case(
            "one row per customer: the latest by updated_at, even when it arrived first (smallest update_id)",
            "required",
            (late,),
            result_check(reference(late)),
        ),
        sql_case(
            "two updates at the same latest time: the one with the larger update_id wins",
            "required",
            (tie,),
            result_check(reference(tie), hint="a tie on updated_at needs update_id as a tie-breaker"),
        ),
        sql_case(
            "a NULL email in the latest update is the current state and is returned as NULL",
            "required",
            (removed,),
            result_check(
                reference(removed), hint="all columns come from one row, the latest, NULLs included"
            ),
        ),
        sql_case(
            "timestamps written both as '2025-03-01 08:00:00' and '2025-03-01T08:00:00'",
            "edge",
            (mixed,),
            result_check(reference(mixed)),
            followup="Why does comparing these timestamps as text go wrong, and what does "
            "datetime(updated_at) change? How would you enforce one format at ingestion?",
        ),
    ]
