"""One aiosqlite connection per process, tuned for a chat bot, with migrations applied at open."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from storage._migrations import NewerSchema, apply_migrations

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = Path("screenprep.db")
BUSY_TIMEOUT_MS = 5000
BUSY_RETRIES = 3
"""A transaction that still finds the file locked after the busy timeout is tried this many more times."""


class DatabaseUnavailable(Exception):
    """The database file cannot be used; the message names the file, what is wrong and what to do."""


_REMEDIES = (
    ("not a database", "is not a SQLite database", "restore a backup or move the file away to start fresh"),
    ("malformed", "is damaged", "restore a backup (`screenprep db backup` makes one) or move it away"),
    ("readonly", "is read-only", "make the file and its folder writable by this user, or pass another --db"),
    (
        "unable to open",
        "cannot be opened",
        "check that its folder exists and is writable, or pass another --db",
    ),
    ("locked", "is locked by another process", "stop the other process or wait, then try again"),
    ("full", "is on a full disk", "free some disk space, then try again"),
    ("disk i/o", "could not be read or written (disk I/O error)", "check the disk, then try again"),
)


def describe_fault(exc: BaseException) -> tuple[str, str]:
    """What is wrong with the database in words a user can act on, and what to do about it."""
    text = str(exc).lower()
    for needle, what, fix in _REMEDIES:
        if needle in text:
            return what, fix
    return f"failed ({str(exc)[:80]})", "check the file, or pass another --db"


def unavailable(path: Path | str, exc: BaseException) -> DatabaseUnavailable:
    """One line for the person starting the bot: which file, what is wrong, what to do."""
    if isinstance(exc, NewerSchema):
        return DatabaseUnavailable(f"{path}: {exc}")
    what, fix = describe_fault(exc)
    return DatabaseUnavailable(f"{path}: the database {what}; {fix}.")


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, aiosqlite.OperationalError) and "locked" in str(exc).lower()


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
            await self._begin()
            try:
                yield self.raw
            except BaseException:
                await self.raw.execute("ROLLBACK")
                raise
            await self.raw.execute("COMMIT")

    async def _begin(self) -> None:
        """BEGIN IMMEDIATE, tried again when another process still holds the file after the busy timeout."""
        for attempt in range(BUSY_RETRIES + 1):
            try:
                await self.raw.execute("BEGIN IMMEDIATE")
                return
            except aiosqlite.OperationalError as exc:
                if not is_busy(exc) or attempt == BUSY_RETRIES:
                    raise
                log.warning("database busy; retrying (%d of %d)", attempt + 1, BUSY_RETRIES)
                await asyncio.sleep(0.05 * 2**attempt)

    async def fetchone(self, sql: str, params: tuple | Mapping[str, object] = ()) -> aiosqlite.Row | None:
        """For queries of at most one row (a key, an aggregate or LIMIT 1)."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: tuple | Mapping[str, object] = ()) -> list[aiosqlite.Row]:
        """One trip to the database thread, where a cursor's execute, fetch and close take three."""
        return list(await self.raw.execute_fetchall(sql, params))


async def connect(path: Path | str, *, target_version: int | None = None) -> Connection:
    """Open the file with WAL, foreign keys and a busy timeout, then bring its schema up to date.

    Any failure closes the connection's thread (a thread left running would keep the process alive)
    and becomes DatabaseUnavailable with one line a person can act on.
    """
    if not Path(path).parent.is_dir():
        raise DatabaseUnavailable(
            f"{path}: there is no folder {Path(path).parent}; create it or pass another --db."
        )
    try:
        raw = await aiosqlite.connect(str(path), isolation_level=None)
    except aiosqlite.Error as exc:
        raise unavailable(path, exc) from None
    try:
        return await _prepare(raw, target_version)
    except (aiosqlite.Error, NewerSchema) as exc:
        await raw.close()
        raise unavailable(path, exc) from None
    except BaseException:
        await raw.close()
        raise


async def _prepare(raw: aiosqlite.Connection, target_version: int | None) -> Connection:
    raw.row_factory = aiosqlite.Row
    await raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await raw.execute("PRAGMA journal_mode = WAL")
    await raw.execute("PRAGMA synchronous = NORMAL")
    await raw.execute("PRAGMA foreign_keys = ON")
    connection = Connection(raw)
    await apply_migrations(connection, target_version)
    return connection
