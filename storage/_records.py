"""Plain values the repositories hand out; no SQL leaks past storage/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from storage._db import from_db_time


class PostSource(StrEnum):
    """Who put a question up: someone's `/quiz`, the daily schedule, or a mock round."""

    QUIZ = "quiz"
    DAILY = "daily"
    MOCK = "mock"


class RoundMode(StrEnum):
    GROUP = "group"
    PAIR = "pair"


class RoundState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    CANDIDATE = "candidate"


@dataclass(frozen=True)
class Team:
    id: int
    platform: str
    external_id: str
    name: str

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Team:
        """From `SELECT id, platform, external_id, name FROM teams`."""
        return cls(id=row["id"], platform=row["platform"], external_id=row["external_id"], name=row["name"])


@dataclass(frozen=True)
class Channel:
    id: int
    team_id: int
    external_id: str
    name: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Channel:
        """From `SELECT id, team_id, external_id, name, created_at FROM channels`."""
        return cls(
            id=row["id"],
            team_id=row["team_id"],
            external_id=row["external_id"],
            name=row["name"],
            created_at=from_db_time(row["created_at"]),
        )


@dataclass(frozen=True)
class User:
    id: int
    team_id: int
    external_id: str
    display_name: str

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> User:
        """From `SELECT id, team_id, external_id, display_name FROM users`."""
        return cls(
            id=row["id"],
            team_id=row["team_id"],
            external_id=row["external_id"],
            display_name=row["display_name"],
        )


@dataclass(frozen=True)
class Post:
    id: int
    channel_id: int
    question_id: str
    seed: int
    source: PostSource
    message_ref: str | None
    thread_ref: str | None
    posted_at: datetime
    revealed_at: datetime | None
    hints_shown: int


@dataclass(frozen=True)
class Award:
    """What an answer added to its author's points for the question, and what they had for it before.

    Points count once per question and person in a season, so a repeat adds only what beats the best.
    """

    gained: int
    earned_before: int

    @property
    def total(self) -> int:
        return self.earned_before + self.gained


@dataclass(frozen=True)
class RecentResult:
    """One of a person's graded answers: which question, where, and its score."""

    question_id: str
    channel_name: str
    score: float


@dataclass(frozen=True)
class PostResult:
    """A person's best score on a post; None when their only answer was stored unchecked."""

    user_id: int
    display_name: str
    best_score: float | None


@dataclass(frozen=True)
class Standing:
    rank: int
    user_id: int
    display_name: str
    points: int
    answers: int
    average_score: float


@dataclass(frozen=True)
class StoredSettings:
    """A channel's daily-question settings as stored; bot/daily parses and validates them."""

    channel_id: int
    post_time: str
    timezone: str
    weekdays: str
    reveal_time: str
    visibility: str
    paused: bool
    active_since: datetime
    weights_since: datetime


@dataclass(frozen=True)
class DailyClaim:
    """This process's right to post a channel's slot; `post_id` is set when an earlier claimer died."""

    channel_id: int
    slot_at: datetime
    token: str
    post_id: int | None


@dataclass(frozen=True)
class ScheduledChannel:
    """A channel with its team, enough to rebuild where to post without an incoming event."""

    channel_id: int
    platform: str
    team_external_id: str
    team_name: str
    channel_external_id: str
    channel_name: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> ScheduledChannel:
        """From `c.id, t.platform, t.external_id, t.name, c.external_id, c.name, c.created_at`."""
        return cls(
            channel_id=row[0],
            platform=row[1],
            team_external_id=row[2],
            team_name=row[3],
            channel_external_id=row[4],
            channel_name=row[5],
            created_at=from_db_time(row[6]),
        )


@dataclass(frozen=True)
class MockRound:
    """A mock-interview round; `position` is the question on the clock now (0-based)."""

    id: int
    channel_id: int
    host_id: int
    mode: RoundMode
    state: RoundState
    minutes: int
    position: int
    recommendation: str | None
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class MockQuestion:
    """One agenda item: its share of time is fixed when it opens; `used` excludes the running stretch."""

    round_id: int
    position: int
    question_id: str
    weight: float
    seconds: int | None
    post_id: int | None
    opened_at: datetime | None
    closed_at: datetime | None
    used: float
    resumed_at: datetime | None
    warned: bool


@dataclass(frozen=True)
class MockMember:
    user_id: int
    external_id: str
    display_name: str
    role: Role
    joined_at: datetime


@dataclass(frozen=True)
class MockAnswer:
    """When someone first answered a round question, on its clock, and whether it had closed."""

    position: int
    user_id: int
    answered_at: datetime
    used: float
    late: bool


@dataclass(frozen=True)
class MockAttempt:
    """One graded attempt on a round question, for reveals and scorecards."""

    position: int
    user_id: int
    answer: str
    status: str
    score: float | None
    detail: dict
    submitted_at: datetime
