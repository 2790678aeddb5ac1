"""Database files that cannot be used: one line that names the file, what is wrong and what to do."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from storage import DatabaseUnavailable, available_migrations, open_database

INSERT_TEAM = "INSERT INTO teams (platform, external_id, created_at) VALUES ('t', 'x', 'now')"


def corrupt(path: Path) -> Path:
    path.write_bytes(b"this is not a database" * 200)
    return path


def from_the_future(path: Path) -> Path:
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {len(available_migrations()) + 5}")
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (corrupt, "is not a SQLite database"),
        (from_the_future, "is newer than this ScreenPrep"),
        (lambda path: path.parent / "missing" / "team.db", "there is no folder"),
    ],
)
async def test_an_unusable_file_is_one_line_and_leaves_no_thread_behind(tmp_path: Path, make, words: str):
    path = make(tmp_path / "team.db")
    threads = threading.active_count()
    with pytest.raises(DatabaseUnavailable) as caught:
        await open_database(path)
    message = str(caught.value)
    assert words in message and str(path) in message and "\n" not in message
    await threads_back_to(threads)


async def threads_back_to(count: int, within: float = 5.0) -> None:
    """The connection's worker thread ends shortly after close; a thread never closed stays for good."""
    deadline = asyncio.get_running_loop().time() + within
    while threading.active_count() > count:
        assert asyncio.get_running_loop().time() < deadline, f"{threading.enumerate()} still running"
        await asyncio.sleep(0.01)


async def test_a_file_locked_by_another_process_is_retried_then_named(tmp_path: Path, caplog):
    path = tmp_path / "team.db"
    db = await open_database(path)
    await db.connection.raw.execute("PRAGMA busy_timeout = 20")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            async with db.connection.transaction() as raw:
                await raw.execute(INSERT_TEAM)
        assert sum("database busy; retrying" in r.getMessage() for r in caplog.records) == 3
    finally:
        other.execute("ROLLBACK")
        other.close()
    async with db.connection.transaction() as raw:
        await raw.execute(INSERT_TEAM)
    assert (await db.connection.fetchone("SELECT count(*) FROM teams"))[0] == 1
    await db.close()
