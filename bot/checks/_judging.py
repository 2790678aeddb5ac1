"""Judges code runs: inputs from a recorded seed, outputs from the sandbox, verdicts from here.

Expected answers never enter the sandbox. What comes back is read as plain JSON data (never
unpickled) against a strict schema with caps (see `_schema`), and judged by each task's checks in a
worker thread under a time budget, so a hostile result can neither crash the bot nor hold its loop.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from types import ModuleType
from typing import Any

import numpy as np

from bot.checks._schema import CaseReport, ErrorReport, Report, UnsafeOutput, decode_output, read_report
from bot.checks._verdict import Status, TestResult
from bot.sandbox import Limits, RawRun
from bot.sandbox._harness import encode
from questions import Language
from questions.tasks import Case, Overrun, WorkBudget, language_of, load_task, tables_of

log = logging.getLogger(__name__)

JUDGE_SECONDS = 5.0
"""Budget for judging one run; within the caps on a result, honest checks take milliseconds."""


def seeded_cases(question_id: str, seed: int) -> tuple[ModuleType, list[Case]]:
    """The question's task module and the cases its seed draws."""
    task = load_task(question_id)
    if task is None:
        raise LookupError(f"no checks for {question_id}")
    return task, task.cases(np.random.default_rng(seed))


def is_sql(task: ModuleType) -> bool:
    return language_of(task) is Language.SQL


def job_for(function: str, code: str, cases: list[Case]) -> dict[str, Any]:
    return {"code": code, "function": function, "cases": [_job_case(case) for case in cases]}


def _job_case(case: Case) -> dict[str, Any]:
    """The case's arguments, and its work budget when it has one (the harness then counts the code's work)."""
    return {"args": encode(case.args)} | ({"budget": case.budget.as_job()} if case.budget else {})


def sql_job(query: str, cases: list[Case]) -> dict[str, Any]:
    """The query and each case's tables: the harness builds one in-memory database per case."""
    tables = [[table.as_job() for table in tables_of(case)] for case in cases]
    return {"language": Language.SQL.value, "query": query, "cases": [{"tables": t} for t in tables]}


def task_job(task: ModuleType, code: str, cases: list[Case]) -> dict[str, Any]:
    """The sandbox job for a task in its language."""
    if is_sql(task):
        return sql_job(code, cases)
    return job_for(task.FUNCTION, code, cases)


def function_of(task: ModuleType) -> str:
    """The function a Python task calls; a SQL task has none."""
    return getattr(task, "FUNCTION", "")


def query_problem(query: str, limits: Limits) -> str | None:
    """What makes a SQL answer unfit to send at all: caught here, so the learner hears it at once."""
    if not query.strip():
        return "the ```sql block is empty: send one SELECT query"
    if len(query) > limits.sql_chars:
        return f"the query is {len(query):,} characters; the limit is {limits.sql_chars:,}"
    return None


def _error_message(error: ErrorReport, budget: WorkBudget | None = None) -> str:
    kind, message, line, source = error.type, error.message, error.line, error.source
    where = f" on line {line}" + (f" (`{source}`)" if source else "") if line else ""
    if kind == "Timeout":
        return f"timed out: {message}"
    if budget and kind in set(Overrun):
        return f"over the work budget{where}: {budget.verdict(Overrun(kind))}"
    return f"{kind}{where}: {message}" if message else f"{kind}{where}"


async def judge_off_loop(function: str, cases: list[Case], raw: RawRun) -> tuple[list[TestResult], str]:
    """Judge in a worker thread under a budget: the loop keeps serving everyone while a result is read."""
    try:
        async with asyncio.timeout(JUDGE_SECONDS):
            return await asyncio.to_thread(judge, function, cases, raw)
    except TimeoutError:
        log.warning(
            "judging a %s run took over %s s; its thread finishes in the background", function, JUDGE_SECONDS
        )
        return error_results(cases, f"invalid output: judging it took longer than {JUDGE_SECONDS:g} s"), ""


def judge(function: str, cases: list[Case], raw: RawRun) -> tuple[list[TestResult], str]:
    """Turn a raw run into per-test results; anything unexpected becomes an `error`, never a pass."""
    report, problem = _parse(raw, len(cases))
    if report is None:
        return error_results(cases, problem), ""
    if report.load_error:
        message = (
            f"no function named `{function}` in your code"
            if report.load_error.type == "MissingFunction"
            else _error_message(report.load_error)
        )
        return error_results(cases, message), report.stdout
    entries = report.tests
    results = [_judge_case(case, entries[i] if i < len(entries) else None) for i, case in enumerate(cases)]
    return results, report.stdout


def error_results(cases: list[Case], message: str) -> list[TestResult]:
    """Every case failed with one message: a run that could not be judged case by case."""
    return [TestResult(c.name, c.kind, "error", message, c.followup) for c in cases]


def _parse(raw: RawRun, cases: int) -> tuple[Report | None, str]:
    if raw.timed_out:
        return None, "timed out: the whole run took longer than the time limit"
    if raw.too_large:
        return None, "invalid output: your code returned or printed too much data (over the result size cap)"
    if raw.result is None or not raw.result.strip():
        return None, _crash_message(raw.exit_code)
    try:
        return read_report(raw.result, cases), ""
    except UnsafeOutput as exc:
        return None, f"invalid output: {exc}"


def _crash_message(exit_code: int) -> str:
    """Exit codes above 128 are 128 + the signal that killed the job (shell convention)."""
    if exit_code > 128:
        try:
            name = signal.Signals(exit_code - 128).name
        except ValueError:
            name = f"signal {exit_code - 128}"
        hint = {
            "SIGSEGV": " (a segmentation fault)",
            "SIGKILL": " (killed: memory or process limit?)",
            "SIGXCPU": " (CPU time limit)",
        }.get(name, "")
        return f"the process crashed with {name}{hint}"
    return f"the process exited early with status {exit_code} before reporting results"


def _judge_case(case: Case, entry: CaseReport | None) -> TestResult:
    if entry is None:
        return TestResult(
            case.name, case.kind, "error", "did not run (an earlier problem stopped the run)", case.followup
        )
    if entry.error:
        error = _error_message(entry.error, case.budget)
        return TestResult(case.name, case.kind, "error", error, case.followup)
    try:
        message = case.check(decode_output(entry.output))
    except UnsafeOutput as exc:
        message = f"invalid output: {exc}"
    except Exception as exc:  # a trusted check failing on an untrusted value: the value is at fault
        log.warning("check %r raised %s on a returned value", case.name, type(exc).__name__)
        message = f"invalid output: {type(exc).__name__}: {exc}"
    if message is None and case.forbid_warnings and entry.warnings:
        message = f"numpy warned: {entry.warnings[0]}"
    status: Status = "pass" if message is None else "fail"
    return TestResult(case.name, case.kind, status, message or "", case.followup)
