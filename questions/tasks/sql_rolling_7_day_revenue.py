"""Daily revenue over a gap-free calendar and its trailing 7-day mean: days without sales count as 0."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from questions._schema import Language
from questions.tasks._kit import Case
from questions.tasks._sql import Cell, OrderKey, ResultSet, Table, result_check, sql_case

LANGUAGE = Language.SQL
COLUMNS = ("day", "revenue", "avg_7d")
ORDER = (OrderKey("day"),)
SCHEMA = (("order_id", "INTEGER"), ("order_date", "TEXT"), ("amount", "REAL"), ("status", "TEXT"))
COMPLETED = "completed"
OTHER_STATUSES = ("refunded", "cancelled")
WINDOW = 7

Order = tuple[date, float | None, str]
"""order_date, amount, status."""


def reference(orders: Table) -> ResultSet:
    """Every day from the first to the last order date: completed revenue, and its mean over the last 7."""
    dates = [date.fromisoformat(str(row[1])) for row in orders.rows]
    first, last = min(dates), max(dates)
    revenue = {first + timedelta(days=i): 0.0 for i in range((last - first).days + 1)}
    for _, day, amount, status in orders.rows:
        if status == COMPLETED and isinstance(amount, float):
            revenue[date.fromisoformat(str(day))] += amount
    values = list(revenue.values())
    rows = tuple(
        (day.isoformat(), value, sum(values[max(0, i - WINDOW + 1) : i + 1]) / min(i + 1, WINDOW))
        for i, (day, value) in enumerate(revenue.items())
    )
    return ResultSet(COLUMNS, rows)


def _amount(rng: np.random.Generator) -> float:
    return round(float(rng.uniform(5, 300)), 2)


def _orders(rng: np.random.Generator, start: date, days: int) -> list[Order]:
    """Busy days, empty days and days with only refunds or cancellations; the first day has a sale."""
    orders: list[Order] = [(start, _amount(rng), COMPLETED)]
    for offset in range(days):
        day = start + timedelta(days=offset)
        draw = rng.random()
        if draw < 0.3:
            continue
        if draw < 0.45:
            orders.append((day, _amount(rng), str(rng.choice(OTHER_STATUSES))))
            continue
        for _ in range(int(rng.integers(1, 4))):
            status = COMPLETED if rng.random() < 0.8 else str(rng.choice(OTHER_STATUSES))
            orders.append((day, _amount(rng), status))
    last = start + timedelta(days=days - 1)
    empty, refunds_only = start + timedelta(days=2), start + timedelta(days=3)
    orders = [o for o in orders if o[0] not in (empty, refunds_only)]
    orders += [(refunds_only, _amount(rng), "refunded"), (last, _amount(rng), COMPLETED)]
    return orders


def _table(orders: list[Order], rng: np.random.Generator) -> Table:
    ids = rng.choice(np.arange(1, 10 * len(orders)), len(orders), replace=False)
    rows: list[tuple[Cell, ...]] = [
        (int(ids[i]), day.isoformat(), amount, status) for i, (day, amount, status) in enumerate(orders)
    ]
    return Table("orders", SCHEMA, tuple(rows[int(i)] for i in rng.permutation(len(rows))))


def _start(rng: np.random.Generator) -> date:
    return date(2025, 1, 1) + timedelta(days=int(rng.integers(0, 300)))


def cases(rng: np.random.Generator) -> list[Case]:
    month = _table(_orders(rng, _start(rng), int(rng.integers(18, 32))), rng)
    short = _table(_orders(rng, _start(rng), int(rng.integers(5, 7))), rng)
    unknown = _orders(rng, _start(rng), int(rng.integers(10, 16)))
    start = unknown[0][0]
    unknown += [(start, None, COMPLETED), (start + timedelta(days=2), None, COMPLETED)]  # day 2 had no orders
    with_nulls = _table(unknown, rng)
    return [
        sql_case(
            "every calendar day from the first to the last order, revenue 0 on days without completed orders",
            "required",
            (month,),
            result_check(reference(month), order_by=ORDER),
        ),
        sql_case(
            "a span shorter than a week: each day averages over the days so far",
            "required",
            (short,),
            result_check(reference(short), order_by=ORDER),
        ),
        sql_case(
            "completed orders with a NULL amount add nothing to their day's revenue",
            "edge",
            (with_nulls,),
            result_check(reference(with_nulls), order_by=ORDER),
            followup="What does SUM return for a day whose only completed order has a NULL amount, and "
            "should the dashboard show 0 or a gap for that day?",
        ),
    ]
