"""The result of checking code: Exercism's shape, overall status plus one entry per test."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from bot.text import truncate

Status = Literal["pass", "fail", "error"]

MESSAGE_LIMIT = 1_000
"""Characters kept of one test's message: a check may quote a returned value, which can be megabytes."""
STDOUT_LIMIT = 20_000
"""Characters kept of what the code printed; with MESSAGE_LIMIT this caps a stored verdict's size."""
CUT_MARKER = " [truncated]"


@dataclass(frozen=True)
class TestResult:
    name: str
    kind: Literal["required", "edge"]
    status: Status
    message: str = ""
    followup: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", truncate(self.message, MESSAGE_LIMIT, CUT_MARKER))


@dataclass(frozen=True)
class Verdict:
    question: str
    passed: bool
    tests: tuple[TestResult, ...]
    stdout: str
    duration_ms: float
    seed: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "stdout", truncate(self.stdout, STDOUT_LIMIT, CUT_MARKER))

    @property
    def required(self) -> tuple[TestResult, ...]:
        return tuple(t for t in self.tests if t.kind == "required")

    @property
    def score(self) -> float:
        """Share of required tests passed; edge tests never lower it."""
        required = self.required
        return sum(t.status == "pass" for t in required) / len(required) if required else 0.0

    @property
    def followups(self) -> tuple[str, ...]:
        return tuple(t.followup for t in self.tests if t.kind == "edge" and t.status != "pass" and t.followup)

    def to_json(self) -> dict[str, object]:
        """`{question, passed, tests: [{name, kind, status, message}], stdout, duration_ms, seed}`."""
        return {
            "question": self.question,
            "passed": self.passed,
            "tests": [{k: v for k, v in asdict(t).items() if k != "followup"} for t in self.tests],
            "stdout": self.stdout,
            "duration_ms": self.duration_ms,
            "seed": self.seed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Verdict:
        """The inverse of `to_json`, for verdicts stored with an attempt (follow-ups are not stored)."""
        tests = tuple(
            TestResult(t["name"], t["kind"], t["status"], t.get("message", "")) for t in data.get("tests", ())
        )
        return cls(
            str(data.get("question", "")),
            bool(data.get("passed", False)),
            tests,
            str(data.get("stdout", "")),
            float(data.get("duration_ms", 0.0)),
            int(data.get("seed", 0)),
        )
