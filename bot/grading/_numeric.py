"""Reads the number someone meant (0.25, .25, 1/4, 25%, 2.5e-1, 2.5 x 10^-1) and checks it."""

from __future__ import annotations

import math
import re
from fractions import Fraction

from bot.grading._result import Grade, Ungradable
from bot.grading._text import clean
from questions import NumericAnswer

_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e[-+−]?\d+)?"
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<num>{_NUMBER})"
    r"(?:\s*/\s*(?P<den>\d+(?:\.\d+)?))?"
    r"(?:\s*(?:x|×|\*)\s*10\s*\^\s*(?P<exp>[-+−]?\d+))?"
    r"\s*(?P<pct>%|percent\b)?",
    re.IGNORECASE,
)


def read_numbers(text: str) -> list[float]:
    """Every quantity in the text, in order, as floats."""
    values = []
    for match in _QUANTITY.finditer(clean(text).replace("−", "-")):
        raw = match.group("num")
        value = float(Fraction(raw.replace(",", "")))
        if match.group("den"):
            denominator = float(match.group("den"))
            if denominator == 0:
                continue
            value /= denominator
        if match.group("exp"):
            value *= 10.0 ** int(match.group("exp").replace("−", "-"))
        if match.group("pct"):
            value /= 100.0
        if math.isfinite(value):
            values.append(value)
    return values


def within(expected: NumericAnswer, value: float, expected_value: float | None = None) -> bool:
    target = expected.value if expected_value is None else expected_value
    tolerance = expected.tolerance
    if tolerance.abs is not None and abs(value - target) <= tolerance.abs:
        return True
    return tolerance.rel is not None and abs(value - target) <= tolerance.rel * abs(target)


def grade_numeric(expected: NumericAnswer, text: str, expected_value: float | None = None) -> Grade:
    """The last number in the message is the answer; it must fall within the tolerance."""
    numbers = read_numbers(text)
    if not numbers:
        raise Ungradable(
            "I could not find a number in that. Reply with the value, e.g. `0.25`, `1/4` or `25%`."
        )
    value = numbers[-1]
    target = expected.value if expected_value is None else expected_value
    if within(expected, value, expected_value):
        return Grade(1.0, covered=(f"{value:g} is correct",), feedback="Correct.", details={"read": value})
    return Grade(
        0.0,
        missing=(f"{value:g} is not within tolerance of the answer",),
        feedback=f"I read your answer as {value:g}; that is not it.",
        details={"read": value, "expected": target},
    )
