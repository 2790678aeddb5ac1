"""Code checks: hidden, seeded tests run in the sandbox and judged on the trusted side."""

from typing import TYPE_CHECKING

from bot.checks._checker import CodeChecker
from bot.checks._startup import SandboxMode, code_checker
from bot.checks._verdict import TestResult, Verdict
from bot.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.checks._judging import function_of, job_for, judge, sql_job, task_job

__getattr__ = lazy_attributes(
    __name__, dict.fromkeys(("function_of", "job_for", "judge", "sql_job", "task_job"), "_judging")
)
"""Judging needs numpy and the task modules, which a bot that has seen no code answer does without."""


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
