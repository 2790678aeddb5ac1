"""What a SQL task's checks are made of: seeded tables in, a result set judged on the trusted side.

A SQL task module sets `LANGUAGE = Language.SQL` and builds its cases with `sql_case`: the query runs
in the sandbox against the case's tables, and `result_check` compares what came back with the result
the task computed in Python, as a multiset of rows unless the prompt asks for an order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from questions.tasks._kit import Case, Check

Cell = int | float | str | None
"""A value SQLite hands back for our tables: INTEGER, REAL, TEXT or NULL (a BLOB is refused)."""

ROW_TEXT_LIMIT = 160
"""Characters of one row quoted in a message."""


@dataclass(frozen=True)
class Table:
    """A table a case's database holds: column names with their SQLite types, and the seeded rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[Cell, ...], ...]

    def as_job(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "columns": [list(c) for c in self.columns],
            "rows": [list(r) for r in self.rows],
        }


@dataclass(frozen=True)
class OrderKey:
    """One ORDER BY term the prompt asks for: a result column, ascending unless `descending`."""

    column: str
    descending: bool = False

    def __str__(self) -> str:
        return f"{self.column} DESC" if self.descending else self.column


@dataclass(frozen=True)
class ResultSet:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def sql_case(
    name: str, kind: Literal["required", "edge"], tables: Sequence[Table], check: Check, followup: str = ""
) -> Case:
    """A case whose one argument is the database: the harness builds it from these tables."""
    return Case(name, kind, (tuple(tables),), check, followup)


def tables_of(case: Case) -> tuple[Table, ...]:
    return case.args[0]


def result_set(output: Any) -> tuple[ResultSet | None, str | None]:
    """The decoded sandbox output as a ResultSet, or what is wrong with it."""
    if not isinstance(output, dict) or set(output) != {"columns", "rows"}:
        return None, "the query's result did not come back as columns and rows"
    columns, rows = output["columns"], output["rows"]
    if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)):
        return None, "the result's column names are not text"
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == len(columns) for r in rows):
        return None, "the result's rows do not match its columns"
    for row in rows:
        if not all(cell is None or isinstance(cell, int | float | str) for cell in row):
            return None, "the result holds a value that is not a number, text or NULL"
    return ResultSet(tuple(columns), tuple(tuple(r) for r in rows)), None


def same_cell(got: Cell, expected: Cell, *, rel: float, tolerance: float) -> bool:
    """NULL only equals NULL; numbers (integer or real) within the tolerance; text exactly."""
    if got is None or expected is None:
        return got is None and expected is None
    if isinstance(expected, str) or isinstance(got, str):
        return got == expected
    return math.isclose(got, expected, rel_tol=rel, abs_tol=tolerance)


def show_row(row: Sequence[Cell]) -> str:
    text = "(" + ", ".join("NULL" if c is None else repr(c) for c in row) + ")"
    return text if len(text) <= ROW_TEXT_LIMIT else text[: ROW_TEXT_LIMIT - 4] + " ...)"


def result_check(
    expected: ResultSet,
    *,
    order_by: Sequence[OrderKey] = (),
    rel: float = 1e-9,
    tolerance: float = 1e-9,
    hint: str = "",
) -> Check:
    """Columns named as the prompt asks, the same rows as a multiset, and sorted by `order_by` if given.

    `hint` follows a wrong set of rows: the likely cause, for a case built to catch one mistake.
    """

    def check(output: Any) -> str | None:
        got, problem = result_set(output)
        if problem:
            return problem
        assert got is not None
        problem = _column_problem(got.columns, expected.columns)
        if problem:
            return problem
        problem = _row_problem(got.rows, expected.rows, rel=rel, tolerance=tolerance)
        if problem:
            return f"{problem} ({hint})" if hint else problem
        return _order_problem(got, order_by)

    return check


def _column_problem(got: Sequence[str], expected: Sequence[str]) -> str | None:
    if [c.strip().lower() for c in got] == [c.lower() for c in expected]:
        return None
    return (
        f"the result has columns ({', '.join(got)}); the prompt asks for ({', '.join(expected)})"
        " in that order: name them with AS"
    )


def _row_problem(
    got: Sequence[tuple[Cell, ...]], expected: Sequence[tuple[Cell, ...]], *, rel: float, tolerance: float
) -> str | None:
    """Match rows greedily (results are small); report the counts and the first row on each side left over."""
    unmatched = list(got)
    missing = []
    for row in expected:
        index = next(
            (
                i
                for i, candidate in enumerate(unmatched)
                if all(
                    same_cell(g, e, rel=rel, tolerance=tolerance) for g, e in zip(candidate, row, strict=True)
                )
            ),
            None,
        )
        if index is None:
            missing.append(row)
        else:
            unmatched.pop(index)
    if not missing and not unmatched:
        return None
    parts = [f"{len(got)} rows, expected {len(expected)}" if len(got) != len(expected) else ""]
    if missing:
        parts.append(f"{len(missing)} expected row(s) missing, e.g. {show_row(missing[0])}")
    if unmatched:
        parts.append(f"{len(unmatched)} unexpected row(s), e.g. {show_row(unmatched[0])}")
    return "; ".join(p for p in parts if p)


def _order_problem(got: ResultSet, order_by: Sequence[OrderKey]) -> str | None:
    if not order_by:
        return None
    names = [c.strip().lower() for c in got.columns]
    positions = [(names.index(key.column.lower()), key.descending) for key in order_by]
    for number, (first, second) in enumerate(zip(got.rows, got.rows[1:], strict=False), 1):
        for position, descending in positions:
            a, b = first[position], second[position]
            if a == b:
                continue
            if _before(a, b) == descending:
                order = ", ".join(map(str, order_by))
                return (
                    f"the rows are right but out of order at rows {number} and {number + 1}: ORDER BY {order}"
                )
            break
    return None


def _before(a: Cell, b: Cell) -> bool:
    """SQLite's order: NULL, then numbers, then text."""
    if isinstance(a, str) and isinstance(b, str):
        return a < b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a < b
    rank = {type(None): 0, int: 1, float: 1, str: 2}
    return rank[type(a)] < rank[type(b)]
