"""A channel's daily-question settings: typed values with defaults, stored as plain text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.schedule import Schedule
from storage import Database, StoredSettings

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_POST = time(9, 0)
DEFAULT_REVEAL = time(17, 0)


class AnswerVisibility(StrEnum):
    PRIVATE = "private"
    OPEN = "open"


@dataclass(frozen=True)
class ChannelSettings:
    channel_id: int
    post_time: time
    zone: ZoneInfo
    weekdays: frozenset[int]
    reveal_time: time
    visibility: AnswerVisibility
    paused: bool
    active_since: datetime
    weights_since: datetime

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.post_time, self.zone, self.weekdays, self.reveal_time)

    def changed(self, **values) -> ChannelSettings:
        return replace(self, **values)

    def to_stored(self) -> StoredSettings:
        return StoredSettings(
            channel_id=self.channel_id,
            post_time=format_time(self.post_time),
            timezone=self.zone.key,
            weekdays=",".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays)),
            reveal_time=format_time(self.reveal_time),
            visibility=self.visibility.value,
            paused=self.paused,
            active_since=self.active_since,
            weights_since=self.weights_since,
        )


def format_time(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def defaults(channel_id: int, since: datetime) -> ChannelSettings:
    """Weekdays at 09:00 UTC, revealed at 17:00, answers private until then."""
    return ChannelSettings(
        channel_id=channel_id,
        post_time=DEFAULT_POST,
        zone=ZoneInfo("UTC"),
        weekdays=frozenset(range(5)),
        reveal_time=DEFAULT_REVEAL,
        visibility=AnswerVisibility.PRIVATE,
        paused=False,
        active_since=since,
        weights_since=since,
    )


def from_stored(stored: StoredSettings) -> ChannelSettings:
    return ChannelSettings(
        channel_id=stored.channel_id,
        post_time=time.fromisoformat(stored.post_time),
        zone=ZoneInfo(stored.timezone),
        weekdays=frozenset(WEEKDAY_NAMES.index(d) for d in stored.weekdays.split(",") if d),
        reveal_time=time.fromisoformat(stored.reveal_time),
        visibility=AnswerVisibility(stored.visibility),
        paused=stored.paused,
        active_since=stored.active_since,
        weights_since=stored.weights_since,
    )


async def load_settings(db: Database, channel_id: int, created_at: datetime) -> ChannelSettings:
    """The stored settings, or the defaults active since the channel was first seen."""
    stored = await db.settings.get(channel_id)
    return from_stored(stored) if stored else defaults(channel_id, created_at)


async def save_settings(db: Database, settings: ChannelSettings, now: datetime) -> None:
    await db.settings.save(settings.to_stored(), now)
