"""The composition root: bank, database, code checker and core, built in order and closed in reverse."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot import Core
from bot.checks import CodeChecker, SandboxMode, code_checker
from questions import QuestionBank, load_bank
from storage import Database, open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Runtime:
    db: Database
    bank: QuestionBank
    checker: CodeChecker | None
    core: Core


def sandbox_mode() -> SandboxMode:
    value = os.environ.get("SCREENPREP_SANDBOX", "auto").strip().lower()
    try:
        return SandboxMode(value)
    except ValueError:
        raise SystemExit(
            f"screenprep: SCREENPREP_SANDBOX must be auto, strict or off, not {value!r}"
        ) from None


@asynccontextmanager
async def open_runtime(db_path: Path, bank_path: Path | None = None) -> AsyncIterator[Runtime]:
    """Everything the adapters need, ready to use; closed on the way out."""
    bank = load_bank(bank_path)
    if bank.problems:
        log.warning("%d question file problem(s); run `screenprep questions validate`", len(bank.problems))
    db = await open_database(db_path)
    try:
        async with code_checker(sandbox_mode()) as checker:
            yield Runtime(db, bank, checker, Core(db, bank, checker=checker))
    finally:
        await db.close()
