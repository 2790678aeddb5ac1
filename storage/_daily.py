"""Daily-question repositories: per-channel settings and the claim on each (channel, slot)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from storage._db import Connection, from_db_time, to_db_time
from storage._records import DailyClaim, ScheduledChannel, StoredSettings

_SETTINGS_COLUMNS = (
    "post_time, timezone, weekdays, reveal_time, visibility, paused, active_since, weights_since"
)


class Settings:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def get(self, channel_id: int) -> StoredSettings | None:
        row = await self._c.fetchone(
            f"SELECT channel_id, {_SETTINGS_COLUMNS} FROM channel_settings WHERE channel_id = ?",
            (channel_id,),
        )
        if row is None:
            return None
        values = dict(row)
        values["paused"] = bool(values["paused"])
        values["active_since"] = from_db_time(values["active_since"])
        values["weights_since"] = from_db_time(values["weights_since"])
        return StoredSettings(**values)

    async def save(self, settings: StoredSettings, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                f"INSERT INTO channel_settings (channel_id, {_SETTINGS_COLUMNS}, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET post_time = excluded.post_time,"
                " timezone = excluded.timezone, weekdays = excluded.weekdays,"
                " reveal_time = excluded.reveal_time, visibility = excluded.visibility,"
                " paused = excluded.paused, active_since = excluded.active_since,"
                " weights_since = excluded.weights_since, updated_at = excluded.updated_at",
                (
                    settings.channel_id,
                    settings.post_time,
                    settings.timezone,
                    settings.weekdays,
                    settings.reveal_time,
                    settings.visibility,
                    int(settings.paused),
                    to_db_time(settings.active_since),
                    to_db_time(settings.weights_since),
                    to_db_time(now),
                ),
            )

    async def channels(self, platforms: tuple[str, ...]) -> list[ScheduledChannel]:
        """Every channel on these platforms, with what is needed to post there unprompted."""
        marks = ", ".join("?" for _ in platforms)
        rows = await self._c.fetchall(
            "SELECT c.id, t.platform, t.external_id, t.name, c.external_id, c.name, c.created_at"
            " FROM channels AS c JOIN teams AS t ON t.id = c.team_id"
            f" WHERE t.platform IN ({marks}) ORDER BY c.id",
            platforms,
        )
        return [ScheduledChannel.from_row(row) for row in rows]

    async def channel(self, channel_id: int) -> ScheduledChannel | None:
        row = await self._c.fetchone(
            "SELECT c.id, t.platform, t.external_id, t.name, c.external_id, c.name, c.created_at"
            " FROM channels AS c JOIN teams AS t ON t.id = c.team_id WHERE c.id = ?",
            (channel_id,),
        )
        return ScheduledChannel.from_row(row) if row else None


class DailySlots:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def claim(
        self,
        channel_id: int,
        slot_at: datetime,
        reveal_at: datetime,
        token: str,
        now: datetime,
        lease: timedelta,
    ) -> DailyClaim | None:
        """Claim the slot; a claim whose holder never finished posting is taken over after `lease`."""
        slot, at = to_db_time(slot_at), to_db_time(now)
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO daily_slots (channel_id, slot_at, claim_token, claimed_at, reveal_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel_id, slot_at) DO NOTHING",
                (channel_id, slot, token, at, to_db_time(reveal_at)),
            )
            if cursor.rowcount != 1:
                cursor = await raw.execute(
                    "UPDATE daily_slots SET claim_token = ?, claimed_at = ?"
                    " WHERE channel_id = ? AND slot_at = ? AND posted_at IS NULL AND claimed_at <= ?",
                    (token, at, channel_id, slot, to_db_time(now - lease)),
                )
            if cursor.rowcount != 1:
                return None
            cursor = await raw.execute(
                "SELECT post_id FROM daily_slots WHERE channel_id = ? AND slot_at = ?", (channel_id, slot)
            )
            row = await cursor.fetchone()
        assert row is not None  # the slot was claimed in this same transaction
        return DailyClaim(channel_id, slot_at, token, row[0])

    async def attach_post(self, claim: DailyClaim, post_id: int) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "UPDATE daily_slots SET post_id = ? WHERE channel_id = ? AND slot_at = ? AND claim_token = ?",
                (post_id, claim.channel_id, to_db_time(claim.slot_at), claim.token),
            )

    async def mark_posted(self, claim: DailyClaim, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "UPDATE daily_slots SET posted_at = ? WHERE channel_id = ? AND slot_at = ?",
                (to_db_time(now), claim.channel_id, to_db_time(claim.slot_at)),
            )

    async def is_claimed(self, channel_id: int, slot_at: datetime) -> bool:
        row = await self._c.fetchone(
            "SELECT 1 FROM daily_slots WHERE channel_id = ? AND slot_at = ?",
            (channel_id, to_db_time(slot_at)),
        )
        return row is not None

    async def unrevealed(self, platforms: tuple[str, ...]) -> list[tuple[int, int, datetime]]:
        """(post id, channel id, reveal time) of daily questions on these platforms awaiting their reveal."""
        marks = ", ".join("?" for _ in platforms)
        rows = await self._c.fetchall(
            "SELECT d.post_id, d.channel_id, d.reveal_at FROM daily_slots AS d"
            " JOIN posts AS p ON p.id = d.post_id JOIN channels AS c ON c.id = d.channel_id"
            " JOIN teams AS t ON t.id = c.team_id"
            f" WHERE d.posted_at IS NOT NULL AND p.revealed_at IS NULL AND t.platform IN ({marks})"
            " ORDER BY d.reveal_at",
            platforms,
        )
        return [(row[0], row[1], from_db_time(row[2])) for row in rows]

    async def reschedule_reveals(self, channel_id: int, reveal_of: Callable[[datetime], datetime]) -> int:
        """Move the reveal of the channel's unrevealed daily questions to `reveal_of(slot)`."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "SELECT d.slot_at FROM daily_slots AS d JOIN posts AS p ON p.id = d.post_id"
                " WHERE d.channel_id = ? AND p.revealed_at IS NULL",
                (channel_id,),
            )
            slots = [row[0] for row in await cursor.fetchall()]
            await raw.executemany(
                "UPDATE daily_slots SET reveal_at = ? WHERE channel_id = ? AND slot_at = ?",
                [(to_db_time(reveal_of(from_db_time(slot))), channel_id, slot) for slot in slots],
            )
        return len(slots)

    async def reveal_at(self, post_id: int) -> datetime | None:
        row = await self._c.fetchone("SELECT reveal_at FROM daily_slots WHERE post_id = ?", (post_id,))
        return from_db_time(row[0]) if row else None

    async def question_ids_since(self, channel_id: int, since: datetime) -> list[str]:
        """Questions of the channel's daily posts from `since` on, to keep category shares on target."""
        rows = await self._c.fetchall(
            "SELECT p.question_id FROM daily_slots AS d JOIN posts AS p ON p.id = d.post_id"
            " WHERE d.channel_id = ? AND d.slot_at >= ?",
            (channel_id, to_db_time(since)),
        )
        return [row[0] for row in rows]
