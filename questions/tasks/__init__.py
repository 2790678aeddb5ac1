"""Checks for coding questions: one module per task, named after the question id."""

from __future__ import annotations

import importlib
from types import ModuleType

from questions._schema import Language
from questions.tasks._kit import (
    Case,
    Overrun,
    WorkBudget,
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
from questions.tasks._sql import OrderKey, ResultSet, Table, result_check, sql_case, tables_of


def load_task(question_id: str) -> ModuleType | None:
    """The task module for a code question (`kmeans` -> questions.tasks.kmeans), or None."""
    try:
        return importlib.import_module(f"{__name__}.{question_id.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(__name__):
            return None
        raise


def language_of(task: ModuleType) -> Language:
    """A task module is Python unless it says otherwise (`LANGUAGE = Language.SQL`)."""
    return getattr(task, "LANGUAGE", Language.PYTHON)


def require_task(question_id: str) -> ModuleType:
    """The task module of a code question that must have one: its absence is a bug, not bad input."""
    task = load_task(question_id)
    if task is None:
        raise LookupError(f"no task module for the code question {question_id!r}")
    return task


__all__ = [
    "Case",
    "OrderKey",
    "Overrun",
    "ResultSet",
    "Table",
    "WorkBudget",
    "allowed_error",
    "as_array",
    "close_to",
    "coarsest",
    "describe_array",
    "distinct_digits",
    "first_problem",
    "language_of",
    "load_task",
    "precision",
    "require_task",
    "result_check",
    "sql_case",
    "tables_of",
    "within",
]
