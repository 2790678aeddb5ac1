"""The model grader's verdicts as stored and shown, apart from the code that checks them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.grading import Grade


class Judgement(StrEnum):
    COVERED = "covered"
    CONTRADICTED = "contradicted"
    ABSENT = "absent"


@dataclass(frozen=True)
class Evidence:
    """A verdict that stands: the key point (0-based), the judgement and the quote behind it."""

    index: int
    judgement: Judgement
    quote: str


@dataclass(frozen=True)
class Judged:
    """The combined grade, the verdicts that stood and how many were thrown out."""

    grade: Grade
    evidence: tuple[Evidence, ...]
    discarded: int
