"""Code checks: hidden, seeded tests run in the sandbox and judged on the trusted side."""

from bot.checks._checker import CodeChecker, function_of, job_for, judge, sql_job, task_job
from bot.checks._startup import SandboxMode, code_checker
from bot.checks._verdict import TestResult, Verdict

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
