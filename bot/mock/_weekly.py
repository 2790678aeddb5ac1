"""Weekly practice pairs: members opt in per channel; pairs are posted once a week on the schedule day."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from bot.context import Context
from bot.lazy import lazy_module
from bot.mock._pairing import HISTORY_WEEKS, due_week, next_pairing, pair_up, week_rng
from bot.mock._where import where
from bot.replies import Outbox, Reply
from bot.settings import load_settings
from storage import Database, ScheduledChannel

if TYPE_CHECKING:
    from bot.mock import _views as views
else:
    views = lazy_module("bot.mock._views")

log = logging.getLogger(__name__)


class WeeklyPairing:
    def __init__(self, db: Database, outboxes: Mapping[str, Outbox]) -> None:
        self._db = db
        self._outboxes = outboxes

    async def set_enabled(self, ctx: Context, enabled: bool) -> None:
        await self._db.mock_pairs.set_enabled(ctx.channel.id, enabled, ctx.now)
        change = "Weekly pairing is on." if enabled else "Weekly pairing is off."
        await ctx.send(await self.card(ctx, change))

    async def card(self, ctx: Context, change: str | None = None) -> Reply:
        """The channel's pairing: on or off, when the next pairs come, and who opted in."""
        since = await self._db.mock_pairs.enabled_since(ctx.channel.id)
        settings = await load_settings(self._db, ctx.channel.id, ctx.channel.created_at)
        upcoming = next_pairing(settings.schedule, since, ctx.now) if since else None
        members = await self._db.mock_pairs.members(ctx.channel.id)
        local = upcoming.astimezone(settings.zone) if upcoming else None
        return views.pairing_status(since is not None, local, [m.display_name for m in members], change)

    async def opt(self, ctx: Context, *, join: bool) -> None:
        changed = await self._db.mock_pairs.opt(ctx.channel.id, ctx.user.id, ctx.now, join=join)
        count = len(await self._db.mock_pairs.members(ctx.channel.id))
        if join:
            text = "You are in the weekly mock-interview pairing." if changed else "You were already in."
        else:
            text = "You left the weekly pairing." if changed else "You were not in the weekly pairing."
        if await self._db.mock_pairs.enabled_since(ctx.channel.id) is None:
            text += " Pairing is off here; an admin can turn it on with `/quiz mock pairing on`."
        await ctx.notice(f"{text} {count} opted in.")

    async def tick(self, now: datetime) -> int:
        """Post each channel's pairs for the current week once, when its schedule day has come."""
        posted = 0
        for channel, since in await self._db.mock_pairs.channels(tuple(self._outboxes)):
            try:
                posted += await self._post_week(channel, since, now)
            except Exception:
                log.exception(
                    "weekly pairs failed in channel %s; retried on the next tick", channel.channel_id
                )
        return posted

    async def _post_week(self, channel: ScheduledChannel, since: datetime, now: datetime) -> int:
        settings = await load_settings(self._db, channel.channel_id, channel.created_at)
        monday = due_week(settings.schedule, since, now)
        if monday is None or await self._db.mock_pairs.is_claimed(channel.channel_id, monday):
            return 0
        members = await self._db.mock_pairs.members(channel.channel_id)
        history = await self._db.mock_pairs.history(channel.channel_id, HISTORY_WEEKS)
        groups = pair_up([m.id for m in members], history, week_rng(channel.channel_id, monday))
        if not await self._db.mock_pairs.claim_week(channel.channel_id, monday, groups, now):
            return 0
        names = {m.id: m.display_name for m in members}
        reply = views.pairs(
            monday.isoformat(), [[names[u] for u in g] for g in groups], [m.display_name for m in members]
        )
        await self._outboxes[channel.platform].send(where(channel), reply)
        return 1
