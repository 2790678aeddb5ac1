"""SQLite persistence: one file, versioned migrations, and domain repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage._awards import AwardMode, AwardOffer
from storage._daily import DailySlots, Settings
from storage._db import Connection, DatabaseUnavailable, connect, describe_fault, is_busy
from storage._migrations import apply_migrations, available_migrations, schema_version
from storage._mock import MockPairs, MockRounds
from storage._privacy import Privacy, backup
from storage._progress import (
    ALL_CATEGORIES,
    WHOLE_TEAM,
    Board,
    ChannelOptions,
    Options,
    Progress,
    Scope,
    Season,
    Seasons,
    Totals,
)
from storage._records import (
    Award,
    Channel,
    DailyClaim,
    MockAnswer,
    MockAttempt,
    MockMember,
    MockQuestion,
    MockRound,
    Post,
    PostResult,
    PostSource,
    RecentResult,
    Role,
    RoundMode,
    RoundState,
    ScheduledChannel,
    Standing,
    StoredSettings,
    Team,
    User,
)
from storage._repos import Attempts, Channels, Ledger, Posts, Teams, Users
from storage._review import PendingReview, Recall, Reviews, StoredCard


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
    mock: MockRounds
    mock_pairs: MockPairs
    progress: Progress
    seasons: Seasons
    options: Options
    reviews: Reviews
    privacy: Privacy

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
        mock=MockRounds(connection),
        mock_pairs=MockPairs(connection),
        progress=Progress(connection),
        seasons=Seasons(connection),
        options=Options(connection),
        reviews=Reviews(connection),
        privacy=Privacy(connection),
    )


__all__ = [
    "ALL_CATEGORIES",
    "WHOLE_TEAM",
    "Award",
    "AwardMode",
    "AwardOffer",
    "Board",
    "Channel",
    "ChannelOptions",
    "Connection",
    "DailyClaim",
    "DailySlots",
    "Database",
    "DatabaseUnavailable",
    "MockAnswer",
    "MockAttempt",
    "MockMember",
    "MockPairs",
    "MockQuestion",
    "MockRound",
    "MockRounds",
    "Options",
    "PendingReview",
    "Post",
    "PostResult",
    "PostSource",
    "Privacy",
    "Progress",
    "Recall",
    "RecentResult",
    "Reviews",
    "Role",
    "RoundMode",
    "RoundState",
    "ScheduledChannel",
    "Scope",
    "Season",
    "Seasons",
    "Settings",
    "Standing",
    "StoredCard",
    "StoredSettings",
    "Team",
    "Totals",
    "User",
    "apply_migrations",
    "available_migrations",
    "backup",
    "describe_fault",
    "is_busy",
    "open_database",
    "schema_version",
]
