"""Code checks: hidden, seeded tests run in the sandbox and judged on the trusted side."""

from bot.checks._checker import CodeChecker, job_for, judge
from bot.checks._verdict import TestResult, Verdict

__all__ = ["CodeChecker", "TestResult", "Verdict", "job_for", "judge"]
