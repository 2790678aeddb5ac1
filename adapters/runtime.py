"""The composition root: settings, database, bank and core, built in order and closed in reverse."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot import Core
from questions import QuestionBank, load_bank
from storage import Database, open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Runtime:
    db: Database
    bank: QuestionBank
    core: Core


@asynccontextmanager
async def open_runtime(db_path: Path, bank_path: Path | None = None) -> AsyncIterator[Runtime]:
    """Everything the adapters need, ready to use; the database is closed on the way out."""
    bank = load_bank(bank_path)
    if bank.problems:
        log.warning("%d question file problem(s); run `screenprep questions validate`", len(bank.problems))
    db = await open_database(db_path)
    try:
        yield Runtime(db, bank, Core(db, bank))
    finally:
        await db.close()
