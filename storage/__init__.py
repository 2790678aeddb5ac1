"""SQLite persistence: one file, versioned migrations, and domain repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage._daily import DailySlots, Settings
from storage._db import Connection, connect, resolve_db_path
from storage._migrations import apply_migrations, available_migrations, schema_version
from storage._records import (
    Award,
    Channel,
    DailyClaim,
    Post,
    PostResult,
    ScheduledChannel,
    Standing,
    StoredSettings,
    Team,
    User,
)
from storage._repos import Attempts, Channels, Ledger, Posts, Teams, Users


@dataclass(frozen=True)
class Database:
    """The open connection and every repository over it."""

    connection: Connection
    teams: Teams
    channels: Channels
    users: Users
    posts: Posts
    attempts: Attempts
    ledger: Ledger
    settings: Settings
    daily: DailySlots

    async def close(self) -> None:
        await self.connection.raw.close()


async def open_database(path: Path | str, *, target_version: int | None = None) -> Database:
    """Open (creating if needed) and migrate the database file."""
    connection = await connect(path, target_version=target_version)
    return Database(
        connection=connection,
        teams=Teams(connection),
        channels=Channels(connection),
        users=Users(connection),
        posts=Posts(connection),
        attempts=Attempts(connection),
        ledger=Ledger(connection),
        settings=Settings(connection),
        daily=DailySlots(connection),
    )


__all__ = [
    "Award",
    "Channel",
    "Connection",
    "DailyClaim",
    "DailySlots",
    "Database",
    "Post",
    "PostResult",
    "ScheduledChannel",
    "Settings",
    "Standing",
    "StoredSettings",
    "Team",
    "User",
    "apply_migrations",
    "available_migrations",
    "open_database",
    "resolve_db_path",
    "schema_version",
]
