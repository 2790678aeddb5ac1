"""Binary search on a monotone predicate, with its calls counted: a linear scan runs out of budget."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from bot.sandbox._harness import Monotone
from questions.tasks._kit import Case, Check

FUNCTION = "largest_fitting_batch"


def budget(max_batch: int) -> int:
    """Calls allowed: one per bit of max_batch (a binary search over 0..max_batch), plus one to spare."""
    return max_batch.bit_length() + 1


def _integer(output: Any) -> int | None:
    if isinstance(output, bool):
        return None
    if isinstance(output, int):
        return output
    if isinstance(output, np.integer):
        return int(output)
    return None


def _largest(last_fitting: int, max_batch: int) -> Check:
    def check(output) -> str | None:
        value = _integer(output)
        if value is None:
            return f"return an int, got {type(output).__name__}"
        if value == last_fitting:
            return None
        if value == last_fitting + 1:
            return f"expected {last_fitting}, got {value}: that is the smallest batch that does not fit"
        return f"expected {last_fitting}, got {value}"

    return check


def _case(name: str, last_fitting: int, max_batch: int, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    predicate = Monotone(last_fitting, budget(max_batch))
    return Case(name, kind, (predicate, max_batch), _largest(last_fitting, max_batch), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    huge = int(rng.integers(10**11, 10**12))
    small = int(rng.integers(20, 200))
    wide = 2**62 + int(rng.integers(0, 2**40))
    return [
        _case(
            f"a limit inside 1..max_batch of about 10^12, within {budget(huge)} calls",
            int(rng.integers(2, huge - 1)),
            huge,
        ),
        _case("a limit inside a small range", int(rng.integers(2, small - 1)), small),
        _case("nothing fits: returns 0", 0, int(rng.integers(10**6, 10**9))),
        _case("everything fits: returns max_batch", small, small),
        _case("max_batch = 1 and it fits", 1, 1),
        _case(
            "max_batch above 2^62: a midpoint lo + hi overflows 64-bit integers",
            wide - int(rng.integers(1, 2**30)),
            wide,
            followup="max_batch is now about 2^62. What does (lo + hi) // 2 do with numpy int64 or in a "
            "language with fixed-width integers, and how do you write the midpoint safely?",
        ),
    ]
