"""Versioned schema changes: numbered .sql files, tracked in PRAGMA user_version."""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage._db import Connection

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class NewerSchema(Exception):
    """The file was written by a newer ScreenPrep; opening it here could damage it."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The packaged migrations in version order; versions must be 1, 2, 3... without gaps."""
    files = resources.files("storage") / "migrations"
    found = []
    for entry in files.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration versions must run 1..n without gaps: {[m.name for m in found]}")
    return found


async def schema_version(connection: Connection) -> int:
    row = await connection.fetchone("PRAGMA user_version")
    return int(row[0]) if row else 0


async def apply_migrations(connection: Connection, target: int | None = None) -> int:
    """Apply each pending migration in its own transaction; returns the resulting version."""
    migrations = available_migrations()
    target = len(migrations) if target is None else target
    current = await schema_version(connection)
    if current > len(migrations):
        raise NewerSchema(
            f"the database's schema version {current} is newer than this ScreenPrep's "
            f"({len(migrations)}); upgrade ScreenPrep before using this file."
        )
    for migration in migrations[current:target]:
        log.info("applying migration %s", migration.name)
        async with connection.transaction() as raw:
            for statement in _statements(migration.sql):
                await raw.execute(statement)
            await raw.execute(f"PRAGMA user_version = {migration.version}")
    return await schema_version(connection)


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements where SQLite itself says one is complete (triggers too)."""
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    leftover = [line for line in pending.splitlines() if line.strip() and not line.lstrip().startswith("--")]
    if leftover:
        raise ValueError(f"a migration ends in an unfinished statement: {pending.strip()[:80]!r}")
    return statements
