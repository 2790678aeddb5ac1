"""What a coding task's checks are made of: cases with inputs and a trusted verdict on the output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Check = Callable[[Any], str | None]
"""Judge the submission's output: None when it is right, else a message the learner can act on."""


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


def describe_array(value: Any) -> str:
    array = np.asarray(value)
    if array.size <= 6:
        return np.array2string(array, precision=4, separator=", ")
    return f"array of shape {array.shape}"


def as_array(
    output: Any, name: str, shape: Sequence[int] | None = None
) -> tuple[np.ndarray | None, str | None]:
    """The output as a numeric array, or a message saying what is wrong with it."""
    try:
        array = np.asarray(output, dtype=float)
    except (TypeError, ValueError):
        return None, f"`{name}` should be a numeric array, got {type(output).__name__}"
    if shape is not None and array.shape != tuple(shape):
        return None, f"`{name}` has shape {array.shape}, expected {tuple(shape)}"
    return array, None


def close_to(output: Any, expected: Any, name: str, *, rtol: float = 1e-6, atol: float = 1e-8) -> str | None:
    """Compare numerically with a clear message: shape, NaN or inf, or where it is off and by how much."""
    expected_array = np.asarray(expected, dtype=float)
    array, problem = as_array(output, name, expected_array.shape)
    if problem:
        return problem
    assert array is not None
    if np.allclose(array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        return None
    if not np.isfinite(array).all() and np.isfinite(expected_array).all():
        return f"`{name}` contains inf or NaN"
    if array.ndim == 0:
        return f"`{name}` is off: expected {float(expected_array):.6g}, got {float(array):.6g}"
    bad = ~np.isclose(array, expected_array, rtol=rtol, atol=atol, equal_nan=True)
    at = np.unravel_index(int(np.argmax(np.where(bad, np.abs(array - expected_array), -1.0))), bad.shape)
    where = tuple(int(i) for i in at)
    return (
        f"`{name}` is off: at index {where} expected {expected_array[at]:.6g}, got {array[at]:.6g}"
        f" ({int(bad.sum())} of {bad.size} entries differ)"
    )


def first_problem(*messages: str | None) -> str | None:
    return next((m for m in messages if m), None)
