"""Why a model review did not happen; the offline grade stands and the person is told in one line."""

from __future__ import annotations

from enum import StrEnum


class Unavailable(StrEnum):
    TIMEOUT = "timeout"
    RATE_LIMITED = "rate-limited"
    FAILED = "failed"
    UNREADABLE = "unreadable"
    PERSON_BUDGET = "person-budget"
    DAILY_BUDGET = "daily-budget"


class JudgeUnavailable(Exception):
    """No usable review this time; `reason` says why."""

    def __init__(self, reason: Unavailable) -> None:
        super().__init__(reason.value)
        self.reason = reason
