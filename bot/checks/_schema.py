"""Reads a job's result frame as hostile input: measured before it is parsed, then a strict schema.

A job can write its own frame (the result pipe is open to it) or patch `json.dumps` inside the
sandbox, so nothing here trusts the harness. The text's nesting and number of values are counted
before `json.loads` builds anything, integers are converted only up to a number of digits, and every
field's type is checked before use. Any violation raises `UnsafeOutput` naming what was wrong.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.sandbox._harness import decode

MAX_DEPTH = 100
"""Nesting levels of JSON. User data stops at 20 levels in the harness, each at most 3 JSON levels."""
MAX_VALUES = 200_000
"""Values in one frame (a comma before each but a container's first; at most two strings per value).
Arrays travel as one base64 string each, so only long lists come near."""
MAX_DIGITS = 300
"""Digits of one integer: every integer this long still converts to a float (10**308 is the last)."""

_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))
_OPENING = np.frombuffer(b"[{", np.uint8)
_NUMERIC_KINDS = set("biufM")
"""Numbers, and datetimes (a table's timestamp column): kinds whose bytes hold no objects."""


class UnsafeOutput(ValueError):
    """The sandbox sent back something that is not the plain data the harness produces."""


@dataclass(frozen=True)
class OversizedInteger:
    """An integer with more than MAX_DIGITS digits: only its length is kept, it is never converted."""

    length: int


@dataclass(frozen=True)
class ErrorReport:
    type: str
    message: str
    line: int | None
    source: str


@dataclass(frozen=True)
class CaseReport:
    """One test's outcome as the harness reported it: an error, or an output still to be decoded."""

    error: ErrorReport | None
    output: Any = None
    warnings: tuple[str, ...] = ()
    work: dict[str, int] | None = None
    """Steps and elements the code used, for a case with a work budget (as reported: for tests and
    benchmarks, never for a verdict)."""


@dataclass(frozen=True)
class Report:
    tests: tuple[CaseReport, ...]
    stdout: str
    load_error: ErrorReport | None


def read_report(text: str, cases: int) -> Report:
    """The frame's JSON text as a Report for at most `cases` tests, or UnsafeOutput saying why not."""
    _measure(text)
    try:
        data = json.loads(text, parse_int=_integer)
    except ValueError as exc:
        raise UnsafeOutput("the result is not valid JSON") from exc
    report = _fields(data, "result", {"tests", "stdout"}, {"load_error"})
    tests = _typed(report["tests"], list, "tests")
    if len(tests) > cases:
        raise UnsafeOutput(f"`tests` has {len(tests)} entries for {cases} tests")
    return Report(
        tuple(_case(entry, f"tests[{i}]") for i, entry in enumerate(tests)),
        _typed(report["stdout"], str, "stdout"),
        _error(report["load_error"], "load_error") if "load_error" in report else None,
    )


def _measure(text: str) -> None:
    """Count values and nesting outside strings, in C-speed passes, before anything is parsed."""
    unescaped = text.replace("\\\\", "").replace('\\"', "") if "\\" in text else text
    if unescaped.count('"') > 4 * (MAX_VALUES + 1):
        raise UnsafeOutput(f"more than {MAX_VALUES:,} values")
    structure = "".join(unescaped.split('"')[0::2])
    if structure.count(",") + structure.count("[") + structure.count("{") > MAX_VALUES:
        raise UnsafeOutput(f"more than {MAX_VALUES:,} values")
    steps = np.frombuffer(structure.encode("utf-8", "replace").translate(None, _NOT_BRACKETS), np.uint8)
    depth = np.cumsum(np.where(np.isin(steps, _OPENING), 1, -1)).max(initial=0)
    if depth > MAX_DEPTH:
        raise UnsafeOutput(f"nested more than {MAX_DEPTH} levels deep")


def _integer(text: str) -> int | OversizedInteger:
    """Floats need no cap (too large reads as inf); integers would be built digit by digit."""
    digits = len(text.lstrip("-"))
    return OversizedInteger(digits) if digits > MAX_DIGITS else int(text)


def _case(value: Any, where: str) -> CaseReport:
    if isinstance(value, dict) and "error" in value:
        entry = _fields(value, where, {"error", "ms"}, {"work"})
        return CaseReport(_error(entry["error"], f"{where}.error"), work=_work(entry, where))
    entry = _fields(value, where, {"output", "warnings", "ms"}, {"work"})
    warnings = _typed(entry["warnings"], list, f"{where}.warnings")
    return CaseReport(
        None,
        entry["output"],
        tuple(_typed(w, str, f"{where}.warnings") for w in warnings),
        _work(entry, where),
    )


def _work(entry: dict, where: str) -> dict[str, int] | None:
    if "work" not in entry:
        return None
    work = _fields(entry["work"], f"{where}.work", {"steps", "elements"})
    return {name: _typed(count, int, f"{where}.work.{name}") for name, count in work.items()}


def _error(value: Any, where: str) -> ErrorReport:
    error = _fields(value, where, {"type", "message", "line", "source"})
    line = error["line"]
    if line is not None:
        _typed(line, int, f"{where}.line")
    return ErrorReport(
        _typed(error["type"], str, f"{where}.type"),
        _typed(error["message"], str, f"{where}.message"),
        line,
        _typed(error["source"], str, f"{where}.source"),
    )


def _fields(value: Any, where: str, required: set[str], optional: Collection[str] = ()) -> dict:
    """A JSON object with exactly the required fields and perhaps some optional ones."""
    _typed(value, dict, where)
    if missing := required - value.keys():
        raise UnsafeOutput(f"`{where}` lacks {', '.join(sorted(missing))}")
    if extra := value.keys() - required - set(optional):
        raise UnsafeOutput(f"`{where}` has an unexpected field {min(extra)[:40]!r}")
    return value


_KINDS = {dict: "an object", list: "a list", str: "text", int: "an integer"}


def _typed(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise UnsafeOutput(f"`{where}` should be {_KINDS[kind]}, got {describe(value)}")
    return value


def describe(value: Any) -> str:
    """A value's kind for a message, never its content (which may be megabytes)."""
    if isinstance(value, OversizedInteger):
        return f"an integer with {value.length:,} digits (at most {MAX_DIGITS} are read)"
    return {bool: "true/false", type(None): "null", float: "a number"}.get(type(value)) or _KINDS.get(
        type(value), type(value).__name__
    )


def decode_output(value: Any) -> Any:
    """Decode an untrusted output after checking its numbers, markers, and every array's dtype and size."""
    _validate(value)
    return decode(value)


def _validate(value: Any, depth: int = 0) -> None:
    if depth > 25:
        raise UnsafeOutput("nested too deeply")
    if isinstance(value, OversizedInteger):
        raise UnsafeOutput(describe(value))
    if isinstance(value, list):
        for item in value:
            _validate(item, depth + 1)
    elif isinstance(value, dict):
        _validate_marker(value)
        for item in value.values():
            _validate(item, depth + 1)


def _validate_marker(value: dict[str, Any]) -> None:
    if "__ndarray__" in value:
        _validate_array(value, _numeric_dtype(value.get("dtype")))
    elif "__scalar__" in value:
        _numeric_dtype(value.get("dtype"))
        if not isinstance(value["__scalar__"], bool | int | float):
            raise UnsafeOutput(f"a numpy scalar holds {describe(value['__scalar__'])}")
    elif "__float__" in value:
        if not isinstance(value["__float__"], str) or len(value["__float__"]) > 40:
            raise UnsafeOutput("a float marker does not hold a short text")
    elif "__unsupported__" in value:
        raise UnsafeOutput(f"returned an unsupported value: {str(value['__unsupported__'])[:200]}")


def _numeric_dtype(name: Any) -> np.dtype:
    try:
        dtype = np.dtype(name) if isinstance(name, str) and len(name) <= 16 else None
    except (TypeError, ValueError):
        dtype = None
    if dtype is None:
        raise UnsafeOutput("an array's dtype is not a known type name")
    if dtype.kind not in _NUMERIC_KINDS:
        raise UnsafeOutput(f"dtype {dtype} is not numeric")
    return dtype


def _validate_array(value: dict[str, Any], dtype: np.dtype) -> None:
    """The shape is a short list of sizes, and the base64 data is exactly that long."""
    shape, data = value.get("shape"), value["__ndarray__"]
    if not isinstance(shape, list) or len(shape) > 32 or not all(_is_size(n) for n in shape):
        raise UnsafeOutput("array shape is not a list of sizes")
    if not isinstance(data, str) or len(data) != 4 * -(-math.prod(shape) * dtype.itemsize // 3):
        raise UnsafeOutput("array shape does not match its data")


def _is_size(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
