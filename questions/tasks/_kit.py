"""What a coding task's checks are made of: cases with inputs and a trusted verdict on the output."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

import numpy as np

Check = Callable[[Any], str | None]
"""Judge the submission's output: None when it is right, else a message the learner can act on."""


STEPS_PER_N_LOG_N = 2
"""Steps (loop iterations and calls of the code's own functions) a work budget allows, per n·log₂n.
A sort and one Python pass take about n; comparing all pairs about n²/2, 400 times more at n = 50,000."""
ELEMENTS_PER_N_LOG_N = 16
"""Elements of new lists, sets, dicts and arrays allowed per n·log₂n: a numpy solution of 20 full-size
array operations builds 20·n; rebuilding a set for each of n windows builds n·window."""


class Overrun(StrEnum):
    """Which count of a work budget ran out: the error type the sandbox's WorkCounter reports."""

    STEPS = "StepBudgetExceeded"
    ELEMENTS = "ElementBudgetExceeded"


@dataclass(frozen=True)
class WorkBudget:
    """The work a case allows for an input of size n, counted in the sandbox (see `WorkCounter`)."""

    n: int
    slow: str
    """What the slow way costs and what fits instead, for the verdict: "Comparing every pair: n²/2 ..."."""

    @property
    def steps(self) -> int:
        return math.ceil(STEPS_PER_N_LOG_N * self.n * math.log2(self.n))

    @property
    def elements(self) -> int:
        return math.ceil(ELEMENTS_PER_N_LOG_N * self.n * math.log2(self.n))

    def as_job(self) -> dict[str, int]:
        return {"steps": self.steps, "elements": self.elements}

    def terms(self) -> str:
        """The budget as a case name states it."""
        steps, elements = STEPS_PER_N_LOG_N, ELEMENTS_PER_N_LOG_N
        return f"a work budget of {steps}·n·log₂n steps and {elements}·n·log₂n elements built"

    def verdict(self, overrun: Overrun) -> str:
        """What was counted, the budget it passed, and the likely cause."""
        if overrun is Overrun.STEPS:
            counted = (
                f"more than {self.steps:,} steps, the budget of {STEPS_PER_N_LOG_N}·n·log₂n for"
                f" n = {self.n:,} (a step is one loop or comprehension iteration, or one call of a"
                " function you wrote)"
            )
        else:
            counted = (
                f"more than {self.elements:,} elements built, the budget of {ELEMENTS_PER_N_LOG_N}·n·log₂n"
                f" for n = {self.n:,} (each element of every new list, tuple, set, dict, string or array"
                " your code's calls, operators and slices return counts, however fast C builds it)"
            )
        return f"{counted}. {self.slow}"


@dataclass(frozen=True)
class Case:
    name: str
    kind: Literal["required", "edge"]
    args: tuple[Any, ...]
    check: Check
    followup: str = ""
    """For edge cases: the interviewer's question a failure raises."""
    forbid_warnings: bool = False
    """Fail the case if the code raised numpy warnings (overflow, divide by zero) while computing it."""
    budget: WorkBudget | None = None
    """Counted work the call may do; past it the sandbox stops the code (the CPU limit applies anyway)."""


def describe_array(value: Any) -> str:
    array = np.asarray(value)
    if array.size <= 6:
        return np.array2string(array, precision=4, separator=", ")
    return f"array of shape {array.shape}"


ROUNDING_ULPS = 8
"""Rounding a correct computation may accumulate, in units of the returned dtype's eps times the size of
what it added up (each task's `scale`): a few operations per term."""

COARSEST_EPS = float(np.finfo(np.float32).eps)
"""Half precision is judged as float32: its rounding (0.1%) is as large as the mistakes the checks look
for (a standard deviation with n instead of n - 1 over 100 resamples is off by 0.5%), so returning
float16 would let them through."""


def precision(output: Any) -> np.dtype:
    """The float type the learner returned, whose eps sets the tolerance (ints, lists and floats: float64)."""
    try:
        dtype = np.asarray(output).dtype
    except (TypeError, ValueError):
        return np.dtype(np.float64)
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def coarsest(*outputs: Any) -> np.dtype:
    """The least precise float type among several outputs, for a value the checker derives from them."""
    return max((precision(o) for o in outputs), key=lambda dtype: np.finfo(dtype).eps)


def as_array(
    output: Any, name: str, shape: Sequence[int] | None = None
) -> tuple[np.ndarray | None, str | None]:
    """The output as a float array in the precision it came in, or a message saying what is wrong with it."""
    try:
        array = np.asarray(output)
        if array.dtype.kind != "f":
            array = array.astype(np.float64)
    except (TypeError, ValueError):
        return None, f"`{name}` should be a numeric array, got {type(output).__name__}"
    if shape is not None and array.shape != tuple(shape):
        return None, f"`{name}` has shape {array.shape}, expected {tuple(shape)}"
    return array, None


def allowed_error(
    output: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 1e-8, scale: Any = None
) -> np.ndarray:
    """Per entry, how far a correct answer in the output's precision may be from `expected`.

    `rtol` and `atol` are the float64 floors; in a coarser dtype the tolerance grows with its eps, relative
    to each entry and to `scale`, the size of the numbers the computation went through (by default the
    largest expected entry; tasks whose results come from cancelling larger terms pass those terms).
    """
    expected = np.asarray(expected, dtype=float)
    eps = min(float(np.finfo(precision(output)).eps), COARSEST_EPS)
    finite = np.abs(expected[np.isfinite(expected)])
    size = np.max(finite, initial=0.0) if scale is None else np.abs(np.asarray(scale, dtype=float))
    absolute = np.maximum(atol, ROUNDING_ULPS * eps * size)
    return absolute + max(rtol, ROUNDING_ULPS * eps) * np.abs(expected)


def within(output: Any, expected: Any, **tolerance: Any) -> bool:
    """True when every entry of output is within `allowed_error` of expected (NaN only where expected)."""
    got = np.asarray(output, dtype=float)
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        return False
    agree = np.abs(got - expected) <= allowed_error(output, expected, **tolerance)
    return bool(np.all(agree | (np.isnan(got) & np.isnan(expected))))


def distinct_digits(expected: float, got: float) -> tuple[str, str]:
    """Both numbers with just enough significant digits to tell them apart (never "1.49121 vs 1.49121")."""
    for digits in range(6, 18):
        pair = f"{expected:.{digits}g}", f"{got:.{digits}g}"
        if pair[0] != pair[1]:
            return pair
    return f"{expected!r}", f"{got!r}"


def close_to(
    output: Any,
    expected: Any,
    name: str,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    scale: Any = None,
) -> str | None:
    """Compare numerically with a clear message: shape, NaN or inf, or where it is off, by how much, and
    the tolerance its dtype allowed there."""
    expected_array = np.asarray(expected, dtype=float)
    array, problem = as_array(output, name, expected_array.shape)
    if problem:
        return problem
    assert array is not None
    if within(array, expected_array, rtol=rtol, atol=atol, scale=scale):
        return None
    if not np.isfinite(array).all() and np.isfinite(expected_array).all():
        return f"`{name}` contains inf or NaN"
    allowed = np.broadcast_to(
        allowed_error(array, expected_array, rtol=rtol, atol=atol, scale=scale), expected_array.shape
    )
    error = np.abs(array.astype(float) - expected_array)
    with np.errstate(divide="ignore", invalid="ignore"):
        excess = np.where(np.isnan(error), np.inf, error / allowed)
    at = np.unravel_index(int(np.argmax(excess)), excess.shape)
    where = "" if array.ndim == 0 else f" at index {tuple(int(i) for i in at)}"
    want, got = distinct_digits(float(expected_array[at]), float(array[at]))
    count = "" if array.ndim == 0 else f"; {int(np.sum(excess > 1))} of {excess.size} entries differ"
    return (
        f"`{name}` is off{where}: expected {want}, got {got}"
        f" (off by {float(error[at]):.2g}; {array.dtype} allows {float(allowed[at]):.2g}{count})"
    )


def first_problem(*messages: str | None) -> str | None:
    return next((m for m in messages if m), None)
