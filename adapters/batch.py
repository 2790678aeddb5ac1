"""`screenprep grade --batch`: grade JSON lines of answers in one process, one JSON result per line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields, is_dataclass
from enum import StrEnum

from bot.errors import UserError
from bot.grading import Grade, Ungradable, grade
from bot.text import clean_input
from questions import Kind, QuestionBank, instantiate

log = logging.getLogger(__name__)


class BatchError(StrEnum):
    """Why a line has no grade."""

    BAD_LINE = "bad-line"
    UNKNOWN_QUESTION = "unknown-question"
    UNGRADABLE = "ungradable"
    GRADER_FAILED = "grader-failed"


class _LineError(Exception):
    def __init__(self, kind: BatchError, message: str, question: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.question = kind, question


def grade_payload(question_id: str, result: Grade) -> dict[str, object]:
    """A grade as JSON: every field a learner can act on (new Grade fields such as mistakes come along)."""
    payload: dict[str, object] = {"question": question_id, "verdict": result.verdict}
    for item in fields(result):
        if item.name != "details":
            payload[item.name] = _plain(getattr(result, item.name))
    return payload


def _plain(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


def grade_lines(lines: Iterable[bytes], bank: QuestionBank, default_seed: int = 0) -> Iterator[dict]:
    """One result per non-blank line, numbered from 1; a line that cannot be graded gets an error object."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield {"line": number, **_grade_line(raw, bank, default_seed)}
        except _LineError as exc:
            yield {"line": number, "question": exc.question, "error": {"kind": exc.kind, "message": str(exc)}}


def _grade_line(raw: bytes, bank: QuestionBank, default_seed: int) -> dict[str, object]:
    question_id, answer, seed = _parse(raw, default_seed)
    question = bank.get(question_id)
    if question is None:
        raise _LineError(BatchError.UNKNOWN_QUESTION, f"no question {question_id!r}", question_id)
    if question.kind is Kind.CODE:
        message = "code questions are checked by running code: use `screenprep check`"
        raise _LineError(BatchError.UNGRADABLE, message, question_id)
    try:
        result = grade(question, clean_input(answer), instantiate(question, seed).expected)
    except (Ungradable, UserError) as exc:
        raise _LineError(BatchError.UNGRADABLE, str(exc), question_id) from exc
    except Exception as exc:  # one bad answer must not end a batch of thousands
        log.exception("grading line failed")
        raise _LineError(BatchError.GRADER_FAILED, f"{type(exc).__name__}: {exc}", question_id) from exc
    return grade_payload(question.id, result)


def _parse(raw: bytes, default_seed: int) -> tuple[str, str, int]:
    """(question id, answer, seed) from a line `{"question", "answer"[, "seed"]}`."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _LineError(BatchError.BAD_LINE, f"not a JSON line: {exc}") from exc
    if not isinstance(record, dict):
        raise _LineError(BatchError.BAD_LINE, 'expected an object {"question": ..., "answer": ...}')
    question, answer, seed = record.get("question"), record.get("answer"), record.get("seed", default_seed)
    known = question if isinstance(question, str) else None
    if known is None or not isinstance(answer, str):
        raise _LineError(BatchError.BAD_LINE, '"question" and "answer" must be strings', known)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise _LineError(BatchError.BAD_LINE, '"seed" must be a whole number', known)
    return known, answer, seed
