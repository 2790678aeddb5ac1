"""Checks code answers: inputs from a recorded seed, outputs from the sandbox, verdicts from here.

Expected answers never enter the sandbox. What comes back is parsed as plain JSON data (never
unpickled) and judged by each task's checks on this side.
"""

from __future__ import annotations

import json
import logging
import math
import signal
import time
from typing import Any

import numpy as np

from bot.checks._verdict import TestResult, Verdict
from bot.sandbox import RawRun, SandboxPool
from bot.sandbox._harness import decode, encode
from questions.tasks import Case, load_task

log = logging.getLogger(__name__)

_NUMERIC_KINDS = set("biuf")


class UnsafeOutput(ValueError):
    """The sandbox sent back something that is not the plain data the harness produces."""


def job_for(function: str, code: str, cases: list[Case]) -> dict[str, Any]:
    return {"code": code, "function": function, "cases": [{"args": encode(case.args)} for case in cases]}


def decode_output(value: Any) -> Any:
    """Decode untrusted output after checking every array's dtype and size."""
    _validate(value)
    return decode(value)


def _validate(value: Any, depth: int = 0) -> None:
    if depth > 25:
        raise UnsafeOutput("nested too deeply")
    if isinstance(value, list):
        for item in value:
            _validate(item, depth + 1)
    elif isinstance(value, dict):
        if "__ndarray__" in value or "__scalar__" in value:
            dtype = np.dtype(str(value.get("dtype")))
            if dtype.kind not in _NUMERIC_KINDS:
                raise UnsafeOutput(f"dtype {dtype} is not numeric")
            if "__ndarray__" in value:
                _validate_array(value, dtype)
        elif "__unsupported__" in value:
            raise UnsafeOutput(f"returned an unsupported value: {value['__unsupported__']}")
        for item in value.values():
            _validate(item, depth + 1)


def _validate_array(value: dict[str, Any], dtype: np.dtype) -> None:
    shape, data = value.get("shape"), value["__ndarray__"]
    if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape):
        raise UnsafeOutput("array shape is not a list of sizes")
    if not isinstance(data, str) or len(data) != 4 * -(-math.prod(shape) * dtype.itemsize // 3):
        raise UnsafeOutput("array shape does not match its data")


def _error_message(error: dict[str, Any]) -> str:
    kind, message, line, source = (error.get(k) for k in ("type", "message", "line", "source"))
    where = f" on line {line}" + (f" (`{source}`)" if source else "") if line else ""
    if kind == "Timeout":
        return f"timed out: {message}"
    return f"{kind}{where}: {message}" if message else f"{kind}{where}"


class CodeChecker:
    """Runs a question's hidden checks against submitted code in the sandbox pool."""

    UNISOLATED_PLATFORMS = frozenset({"console"})
    """Where code may run without the sandbox: the terminal, where it is the user's own machine."""

    def __init__(self, pool: SandboxPool) -> None:
        self.pool = pool

    @property
    def isolated(self) -> bool:
        return self.pool.launcher.isolated

    def runs_for(self, platform: str) -> bool:
        """Team platforms never run code outside the sandbox."""
        return self.isolated or platform in self.UNISOLATED_PLATFORMS

    @property
    def refusal(self) -> str:
        return "this server has no working sandbox (bubblewrap with user namespaces)."

    async def check(self, question_id: str, code: str, seed: int) -> Verdict:
        task = load_task(question_id)
        if task is None:
            raise LookupError(f"no checks for {question_id}")
        cases = task.cases(np.random.default_rng(seed))
        started = time.perf_counter()
        raw = await self.pool.run(job_for(task.FUNCTION, code, cases))
        duration = round((time.perf_counter() - started) * 1000, 1)
        tests, stdout = judge(task.FUNCTION, cases, raw)
        passed = all(t.status == "pass" for t in tests if t.kind == "required")
        return Verdict(question_id, passed, tuple(tests), stdout, duration, seed)


def judge(function: str, cases: list[Case], raw: RawRun) -> tuple[list[TestResult], str]:
    """Turn a raw run into per-test results; anything unexpected becomes an `error`, never a pass."""
    report, problem = _parse(raw)
    if report is None:
        return [TestResult(c.name, c.kind, "error", problem, c.followup) for c in cases], ""
    stdout = str(report.get("stdout", ""))[:20_000]
    load_error = report.get("load_error")
    if load_error:
        message = (
            f"no function named `{function}` in your code"
            if load_error.get("type") == "MissingFunction"
            else _error_message(load_error)
        )
        return [TestResult(c.name, c.kind, "error", message, c.followup) for c in cases], stdout
    entries = report.get("tests") or []
    results = [_judge_case(case, entries[i] if i < len(entries) else None) for i, case in enumerate(cases)]
    return results, stdout


def _parse(raw: RawRun) -> tuple[dict[str, Any] | None, str]:
    if raw.timed_out:
        return None, "timed out: the whole run took longer than the time limit"
    if raw.too_large:
        return None, "your code returned or printed too much data"
    if raw.result is None or not raw.result.strip():
        return None, _crash_message(raw.exit_code)
    try:
        report = json.loads(raw.result)
    except json.JSONDecodeError:
        return None, "the run ended without a readable result (did the code write to the result channel?)"
    if not isinstance(report, dict):
        return None, "the run ended without a readable result"
    return report, ""


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


def _judge_case(case: Case, entry: dict[str, Any] | None) -> TestResult:
    if not isinstance(entry, dict):
        return TestResult(
            case.name, case.kind, "error", "did not run (an earlier problem stopped the run)", case.followup
        )
    if "error" in entry:
        return TestResult(case.name, case.kind, "error", _error_message(entry["error"]), case.followup)
    try:
        output = decode_output(entry.get("output"))
        message = case.check(output)
    except (UnsafeOutput, ValueError, TypeError) as exc:
        message = f"could not read the returned value: {exc}"
    warnings = [w for w in entry.get("warnings", []) if isinstance(w, str)]
    if message is None and case.forbid_warnings and warnings:
        message = f"numpy warned: {warnings[0]}"
    status = "pass" if message is None else "fail"
    return TestResult(case.name, case.kind, status, message or "", case.followup)
