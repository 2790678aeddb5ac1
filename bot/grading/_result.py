"""What every grader returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class GradeBand(StrEnum):
    """passed / partial / not yet, the words the thread shows."""

    PASSED = "passed"
    PARTIAL = "partial"
    NOT_YET = "not yet"

    @classmethod
    def of_score(cls, score: float) -> GradeBand:
        if score >= 0.8:
            return cls.PASSED
        return cls.PARTIAL if score >= 0.4 else cls.NOT_YET

    @classmethod
    def of_tests(cls, passed: bool, score: float) -> GradeBand:
        """Code passes only when every required test does, and is partial when any test passes."""
        if passed:
            return cls.PASSED
        return cls.PARTIAL if score > 0 else cls.NOT_YET


@dataclass(frozen=True)
class Grade:
    """A score in [0, 1] with the reasons a learner can act on."""

    score: float
    covered: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    feedback: str = ""
    mistakes: tuple[str, ...] = ()
    """Wrong claims found in the answer, each with its correction ("You said …; …")."""
    details: dict[str, object] = field(default_factory=dict)

    @property
    def verdict(self) -> GradeBand:
        return GradeBand.of_score(self.score)


class Ungradable(Exception):
    """The answer cannot be graded as given; the message tells the user what to send instead."""
