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
    """Compare numerically with a clear message: shape mismatch, NaNs, or expected against got."""
    expected_array = np.asarray(expected, dtype=float)
    array, problem = as_array(output, name, expected_array.shape)
    if problem:
        return problem
    assert array is not None
    if np.isnan(array).any() and not np.isnan(expected_array).any():
        return f"`{name}` contains NaN"
    if not np.allclose(array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        worst = int(np.argmax(np.abs(array - expected_array).ravel()))
        return (
            f"`{name}` is off: expected {describe_array(expected_array)}, got {describe_array(array)}"
            f" (largest difference at flat index {worst})"
        )
    return None


def first_problem(*messages: str | None) -> str | None:
    return next((m for m in messages if m), None)
