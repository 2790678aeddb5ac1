"""Judging a returned table fairly: by column name, in the stated row order, whatever the dtype.

A DataFrame comes back from the sandbox as a `Frame` (column name -> array or list; named index levels
already turned into columns). Numbers compare with the returned dtype's tolerance, so int64, Int64 and
float columns holding the same values all pass; missing values match missing values (NaN or None);
extra columns and the index are ignored; column order never matters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bot.sandbox._harness import Frame
from questions.tasks._kit import allowed_error, distinct_digits

Column = np.ndarray | Sequence[Any]
"""Expected values: a numeric or datetime64 array, or a list of strings with None where missing."""


def table(**columns: Column) -> Frame:
    """A task's input table: the submission receives it as a pandas DataFrame."""
    return Frame(columns)


def frame_problem(output: Any, expected: Mapping[str, Column], what: str = "the result") -> str | None:
    """None when `output` has every expected column with the expected values row by row, else why not."""
    if not isinstance(output, Frame):
        return f"return a pandas DataFrame, got {type(output).__name__}"
    names = ", ".join(repr(name) for name in output) or "none"
    for name in expected:
        if name not in output:
            return f"{what} has no column {name!r} (its columns: {names})"
    rows = {len(values) for values in expected.values()}
    for name, values in output.items():
        if len(values) not in rows:
            return f"{what} has {len(values)} rows, expected {rows.pop()} (column {name!r})"
    return next(
        filter(None, (_column_problem(name, output[name], want) for name, want in expected.items())), None
    )


def _column_problem(name: str, got: Any, want: Column) -> str | None:
    if isinstance(want, np.ndarray) and want.dtype.kind == "M":
        return _datetime_problem(name, got, want)
    if isinstance(want, np.ndarray):
        return _numeric_problem(name, got, want)
    return _label_problem(name, got, list(want))


def _numeric_problem(name: str, got: Any, want: np.ndarray) -> str | None:
    values = _as_floats(got)
    if values is None:
        return f"column {name!r} should hold numbers"
    expected = want.astype(float)
    agree = np.abs(values - expected) <= allowed_error(values, expected)
    agree |= np.isnan(values) & np.isnan(expected)
    if agree.all():
        return None
    row = int(np.argmin(agree))
    if np.isnan(expected[row]) != np.isnan(values[row]):
        shown = (
            ("missing", f"{values[row]:.6g}")
            if np.isnan(expected[row])
            else (f"{expected[row]:.6g}", "missing")
        )
    else:
        shown = distinct_digits(float(expected[row]), float(values[row]))
    return f"column {name!r}, row {row}: expected {shown[0]}, got {shown[1]}{_count(agree)}"


def _as_floats(got: Any) -> np.ndarray | None:
    """Numbers in the precision they came in (float32 keeps its coarser tolerance); None if not numbers."""
    if isinstance(got, np.ndarray):
        if got.dtype.kind not in "biuf":
            return None
        return got if got.dtype.kind == "f" else got.astype(float)
    if all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in got):
        return np.array([np.nan if v is None else v for v in got], dtype=float)
    return None


def _datetime_problem(name: str, got: Any, want: np.ndarray) -> str | None:
    if not isinstance(got, np.ndarray) or got.dtype.kind != "M":
        return f"column {name!r} should hold timestamps (datetime64)"
    same = got.astype("datetime64[ns]") == want.astype("datetime64[ns]")
    same |= np.isnat(got) & np.isnat(want)
    if same.all():
        return None
    row = int(np.argmin(same))
    return f"column {name!r}, row {row}: expected {want[row]}, got {got[row]}{_count(same)}"


def _label_problem(name: str, got: Any, want: list[Any]) -> str | None:
    values = [None if _missing(v) else v for v in (got.tolist() if isinstance(got, np.ndarray) else got)]
    same = np.array([a == b for a, b in zip(values, want, strict=True)])
    if same.all():
        return None
    row = int(np.argmin(same))
    return (
        f"column {name!r}, row {row}: expected {_shown(want[row])}, got {_shown(values[row])}{_count(same)}"
    )


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _shown(value: Any) -> str:
    return "missing" if value is None else repr(value)


def _count(agree: np.ndarray) -> str:
    wrong = int(np.sum(~agree))
    return "" if wrong == 1 else f" ({wrong} of {agree.size} rows differ)"
