"""Plain values the repositories hand out; no SQL leaks past storage/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Team:
    id: int
    platform: str
    external_id: str
    name: str


@dataclass(frozen=True)
class Channel:
    id: int
    team_id: int
    external_id: str
    name: str


@dataclass(frozen=True)
class User:
    id: int
    team_id: int
    external_id: str
    display_name: str


@dataclass(frozen=True)
class Post:
    id: int
    channel_id: int
    question_id: str
    seed: int
    source: str
    message_ref: str | None
    thread_ref: str | None
    posted_at: datetime
    revealed_at: datetime | None
    hints_shown: int


@dataclass(frozen=True)
class Award:
    """The outcome of offering points for an attempt: what counts now and what counted before."""

    points: int
    previous_points: int | None

    @property
    def improved(self) -> bool:
        return self.previous_points is None or self.points > self.previous_points


@dataclass(frozen=True)
class Standing:
    rank: int
    user_id: int
    display_name: str
    points: int
    answers: int
    average_score: float
