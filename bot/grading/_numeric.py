"""Reads the number someone meant (0.25, .25, 1/4, 25%, 2.5e-1, 2.5 x 10^-1) and checks it."""

from __future__ import annotations

import math
import re

from bot.grading._result import Grade, Ungradable
from bot.grading._text import clean
from questions import NumericAnswer

MAX_DIGITS = 40
"""More significant digits than any float holds; a longer run is not a number someone means."""
MAX_EXPONENT = 400
"""Past 10^±400 every value is outside float range, so larger exponents are refused unread."""

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e(?P<e>[-+]?\d+))?"
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<num>{_NUMBER})"
    r"(?:\s*/\s*(?P<den>\d+(?:\.\d+)?))?"
    r"(?:\s*(?:x|×|\*)\s*10\s*\^\s*(?P<exp>[-+]?\d+))?"
    r"\s*(?P<pct>%|percent\b)?",
    re.IGNORECASE,
)


class NumberOutOfRange(Ungradable):
    """A number too large, too small or too long to be an answer; read without building it."""

    def __init__(self, written: str) -> None:
        quoted = written if len(written) <= 24 else written[:20] + "…"
        super().__init__(
            f"That number is out of range: `{quoted}`. Reply with a value such as `0.25` or `1e-6`."
        )


def _power(text: str | None) -> int | None:
    """An exponent's value; None for one too long to read, checked before int() builds it."""
    if not text:
        return 0
    if len(text.lstrip("+-").lstrip("0")) > len(str(MAX_EXPONENT)):
        return None
    return int(text)


def _value(match: re.Match[str]) -> float | None:
    """The quantity a match stands for; None for a fraction over zero."""
    raw = match.group("num")
    mantissa = raw[: raw.lower().index("e")] if match.group("e") is not None else raw
    if sum(ch.isdigit() for ch in mantissa) > MAX_DIGITS:
        raise NumberOutOfRange(match.group(0))
    powers = (_power(match.group("e")), _power(match.group("exp")))
    exponent = sum(p for p in powers if p is not None)
    if None in powers or abs(exponent) > MAX_EXPONENT:
        raise NumberOutOfRange(match.group(0))
    written = float(mantissa.replace(",", ""))
    value = float(f"{mantissa.replace(',', '')}e{exponent}")
    if match.group("den"):
        denominator = float(match.group("den"))
        if denominator == 0:
            return None
        value /= denominator
    if match.group("pct"):
        value /= 100.0
    if not math.isfinite(value) or (value == 0 and written != 0):
        raise NumberOutOfRange(match.group(0))
    return value


def read_numbers(text: str) -> list[float]:
    """Every quantity in the text, in order, as floats; NumberOutOfRange for one beyond float range."""
    values = []
    for match in _QUANTITY.finditer(clean(text).replace("−", "-")):
        value = _value(match)
        if value is not None:
            values.append(value)
    return values


def _target(expected: NumericAnswer, expected_value: float | None) -> float:
    """The number to compare with: a generated question has no value in the bank, only one per post."""
    target = expected.value if expected_value is None else expected_value
    if target is None:
        raise ValueError("a generated question is graded against the value computed for its post")
    return target


def within(expected: NumericAnswer, value: float, expected_value: float | None = None) -> bool:
    target = _target(expected, expected_value)
    tolerance = expected.tolerance
    if tolerance.abs is not None and abs(value - target) <= tolerance.abs:
        return True
    return tolerance.rel is not None and abs(value - target) <= tolerance.rel * abs(target)


def shown(value: float) -> str:
    """A number as people write it: 1,050,620 or 0.000125, never 1.05062e+06 for everyday sizes."""
    if value == 0 or 1e-4 <= abs(value) < 1e15:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    return f"{value:.6g}"


def grade_numeric(expected: NumericAnswer, text: str, expected_value: float | None = None) -> Grade:
    """The last number in the message is the answer; it must fall within the tolerance."""
    numbers = read_numbers(text)
    if not numbers:
        raise Ungradable(
            "I could not find a number in that. Reply with the value, e.g. `0.25`, `1/4` or `25%`."
        )
    value = numbers[-1]
    target = _target(expected, expected_value)
    if within(expected, value, expected_value):
        return Grade(
            1.0, covered=(f"{shown(value)} is correct",), feedback="Correct.", details={"read": value}
        )
    return Grade(
        0.0,
        missing=(f"{shown(value)} is not within tolerance of the answer",),
        feedback=f"I read your answer as {shown(value)}; that is not it.",
        details={"read": value, "expected": target},
    )
