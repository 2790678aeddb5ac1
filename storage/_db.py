"""One aiosqlite connection per process, tuned for a chat bot, with migrations applied at open."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from storage._migrations import apply_migrations

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = Path("screenprep.db")
BUSY_TIMEOUT_MS = 5000


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db` wins, then SCREENPREP_DB, then ./screenprep.db."""
    return Path(cli_value or os.environ.get("SCREENPREP_DB") or DEFAULT_DB_PATH)


def to_db_time(moment: datetime) -> str:
    """UTC text that sorts in time order (the year zero-padded: strftime leaves 999 as `999`)."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}" + utc.strftime("-%m-%dT%H:%M:%S.%fZ")


def from_db_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class Connection:
    """The shared connection plus a lock so each transaction's statements stay together."""

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        async with self._write_lock:
            await self.raw.execute("BEGIN IMMEDIATE")
            try:
                yield self.raw
            except BaseException:
                await self.raw.execute("ROLLBACK")
                raise
            await self.raw.execute("COMMIT")

    async def fetchone(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        """For queries of at most one row (a key, an aggregate or LIMIT 1)."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        """One trip to the database thread, where a cursor's execute, fetch and close take three."""
        return list(await self.raw.execute_fetchall(sql, params))


async def connect(path: Path | str, *, target_version: int | None = None) -> Connection:
    """Open the file with WAL, foreign keys and a busy timeout, then bring its schema up to date."""
    raw = await aiosqlite.connect(str(path), isolation_level=None)
    raw.row_factory = aiosqlite.Row
    await raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await raw.execute("PRAGMA journal_mode = WAL")
    await raw.execute("PRAGMA synchronous = NORMAL")
    await raw.execute("PRAGMA foreign_keys = ON")
    connection = Connection(raw)
    try:
        await apply_migrations(connection, target_version)
    except BaseException:
        await raw.close()
        raise
    return connection
