"""Code checks: hidden, seeded tests run in the sandbox and judged on the trusted side."""

from typing import TYPE_CHECKING, Any

from bot.checks._checker import CodeChecker
from bot.checks._startup import SandboxMode, code_checker
from bot.checks._verdict import TestResult, Verdict

if TYPE_CHECKING:
    from bot.checks._judging import function_of, job_for, judge, sql_job, task_job

_JUDGING = frozenset({"function_of", "job_for", "judge", "sql_job", "task_job"})


def __getattr__(name: str) -> Any:
    """Judging needs numpy and the task modules, which a bot that has seen no code answer does without."""
    if name in _JUDGING:
        from bot.checks import _judging

        return getattr(_judging, name)
    raise AttributeError(f"module 'bot.checks' has no attribute {name!r}")


__all__ = [
    "CodeChecker",
    "SandboxMode",
    "TestResult",
    "Verdict",
    "code_checker",
    "function_of",
    "job_for",
    "judge",
    "sql_job",
    "task_job",
]
