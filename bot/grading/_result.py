"""What every grader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    def verdict(self) -> str:
        """passed / partial / not yet, the words the thread shows."""
        if self.score >= 0.8:
            return "passed"
        return "partial" if self.score >= 0.4 else "not yet"


class Ungradable(Exception):
    """The answer cannot be graded as given; the message tells the user what to send instead."""
