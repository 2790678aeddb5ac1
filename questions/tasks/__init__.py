"""Checks for coding questions: one module per task, named after the question id."""

from __future__ import annotations

import importlib
from types import ModuleType

from questions.tasks._kit import (
    Case,
    allowed_error,
    as_array,
    close_to,
    coarsest,
    describe_array,
    distinct_digits,
    first_problem,
    precision,
    within,
)


def load_task(question_id: str) -> ModuleType | None:
    """The task module for a code question (`kmeans` -> questions.tasks.kmeans), or None."""
    try:
        return importlib.import_module(f"{__name__}.{question_id.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(__name__):
            return None
        raise


def require_task(question_id: str) -> ModuleType:
    """The task module of a code question that must have one: its absence is a bug, not bad input."""
    task = load_task(question_id)
    if task is None:
        raise LookupError(f"no task module for the code question {question_id!r}")
    return task


__all__ = [
    "Case",
    "allowed_error",
    "as_array",
    "close_to",
    "coarsest",
    "describe_array",
    "distinct_digits",
    "first_problem",
    "load_task",
    "precision",
    "require_task",
    "within",
]
