"""The daily question: claim each (channel, slot) once, post it, and reveal it on time."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import progress
from bot.context import Context
from bot.daily import _views as views
from bot.events import Conversation
from bot.quiz import QuizService, plan_slot
from bot.replies import Outbox, Reply
from bot.schedule import due_slot, next_slot, reveal_for
from bot.settings import ChannelSettings, load_settings, save_settings
from questions import Category
from storage import Channel, Database, Post, PostSource, ScheduledChannel

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(hours=3)
DEFAULT_LEASE = timedelta(minutes=2)


@dataclass(frozen=True)
class Timing:
    """How late a missed slot may still be posted, and when a dead poster's claim may be taken over."""

    grace: timedelta = DEFAULT_GRACE
    lease: timedelta = DEFAULT_LEASE


def where(channel: ScheduledChannel) -> Conversation:
    return Conversation(
        channel.platform,
        channel.team_external_id,
        channel.channel_external_id,
        team_name=channel.team_name,
        channel_name=channel.channel_name,
    )


class DailyService:
    """Every decision reads the database, so several processes on one file post each slot once."""

    def __init__(
        self, db: Database, quiz: QuizService, outboxes: Mapping[str, Outbox], timing: Timing | None = None
    ) -> None:
        self._db = db
        self._quiz = quiz
        self._outboxes = outboxes
        self.timing = timing or Timing()
        self._token = uuid.uuid4().hex
        self._listeners: list[Callable[[], Awaitable[None]]] = []
        self._wakeups: set[asyncio.Task] = set()

    def on_change(self, listener: Callable[[], Awaitable[None]]) -> None:
        """Call `listener` after settings change, so timers follow at once."""
        self._listeners.append(listener)

    async def changed(self) -> None:
        for listener in self._listeners:
            await listener()

    @property
    def listening(self) -> bool:
        return bool(self._listeners)

    def wake(self) -> None:
        """Run the listeners soon, from code that cannot await (a platform just connected)."""
        task = asyncio.get_running_loop().create_task(self.changed())
        self._wakeups.add(task)
        task.add_done_callback(self._wakeups.discard)

    async def settings_of(self, channel: Channel) -> ChannelSettings:
        return await load_settings(self._db, channel.id, channel.created_at)

    async def weights(self, channel: Channel) -> dict[Category, int]:
        return await self._quiz.weights(channel.id)

    async def update(self, ctx: Context, settings: ChannelSettings, change: str) -> None:
        """Store new settings, move pending reveals and timers to match, and show the result."""
        await save_settings(self._db, settings, ctx.now)
        schedule = settings.schedule
        await self._db.daily.reschedule_reveals(settings.channel_id, lambda slot: reveal_for(schedule, slot))
        await self.changed()
        await ctx.send(await self.card(ctx.channel, ctx.now, change))

    async def set_weights(self, ctx: Context, weights: Mapping[Category, int]) -> None:
        """New weights; the share-keeping count starts afresh from now."""
        await self._db.channels.set_weights(ctx.channel.id, {c.value: w for c, w in weights.items()})
        settings = await self.settings_of(ctx.channel)
        await self.update(ctx, settings.changed(weights_since=ctx.now), "Weights updated.")

    async def card(self, channel: Channel, now: datetime, change: str | None = None) -> Reply:
        settings = await self.settings_of(channel)
        weights = await self.weights(channel)
        return views.settings_card(settings, weights, next_slot(settings.schedule, now), change)

    async def channels(self) -> list[tuple[ScheduledChannel, ChannelSettings]]:
        """Channels on the platforms this process is connected to, with their settings."""
        if not self._outboxes:
            return []
        found = await self._db.settings.channels(tuple(self._outboxes))
        return [(c, await load_settings(self._db, c.channel_id, c.created_at)) for c in found]

    async def tick(self, now: datetime) -> list[Post]:
        """Reveal what is due, then post every due slot (a missed one within the grace window, once)."""
        await self.reveal_due(now)
        posted = []
        for channel, settings in await self.channels():
            try:
                post = await self.run_channel(channel, settings, now)
            except Exception:
                log.exception(
                    "daily post failed in channel %s; retried after the claim lease", channel.channel_id
                )
                continue
            if post is not None:
                posted.append(post)
        return posted

    async def run_channel(
        self, channel: ScheduledChannel, settings: ChannelSettings, now: datetime
    ) -> Post | None:
        if settings.paused:
            return None
        slot = due_slot(settings.schedule, now, self.timing.grace, settings.active_since)
        if slot is None:
            return None
        return await self.post_slot(channel, settings, slot, now)

    async def post_slot(
        self, channel: ScheduledChannel, settings: ChannelSettings, slot: datetime, now: datetime
    ) -> Post | None:
        """Post the slot if this process wins its claim; a retaken claim reposts the same question."""
        reveal_at = reveal_for(settings.schedule, slot)
        claim = await self._db.daily.claim(
            channel.channel_id, slot, reveal_at, self._token, now, self.timing.lease
        )
        if claim is None:
            return None
        post = await self._db.posts.get(claim.post_id) if claim.post_id else None
        if post is None:
            post = await self._create(channel, settings, slot, now)
            await self._db.daily.attach_post(claim, post.id)
        await self._quiz.show(post, self._outboxes[channel.platform], where(channel))
        await self._db.daily.mark_posted(claim, now)
        log.info("posted daily question %s in channel %s for %s", post.question_id, channel.channel_id, slot)
        return post

    async def _create(
        self, channel: ScheduledChannel, settings: ChannelSettings, slot: datetime, now: datetime
    ) -> Post:
        bank = self._quiz.bank
        weights = await self._quiz.weights(channel.channel_id)
        nudge = await progress.daily_nudge(self._db, bank, channel.channel_id, weights, slot)
        recent = await self._db.daily.question_ids_since(channel.channel_id, settings.weights_since)
        counts = Counter(question.category for qid in recent if (question := bank.get(qid)) is not None)
        last_used = await self._db.posts.last_used(channel.channel_id)
        planned, seed = plan_slot(bank, nudge.weights, counts, last_used, channel.channel_id, slot)
        question = nudge.steer(planned, bank, last_used, seed)
        return await self._db.posts.create(channel.channel_id, question.id, seed, PostSource.DAILY, now)

    async def reveal_due(self, now: datetime) -> int:
        """Post each due reveal once, whichever process gets there first."""
        revealed = 0
        for post_id, channel_id, reveal_at in await self.pending_reveals():
            channel = await self._db.settings.channel(channel_id)
            if reveal_at > now or channel is None:
                continue
            post = await self._db.posts.get(post_id)
            if post is None or not await self._db.posts.mark_revealed(post_id, now):
                continue
            reply = await self._quiz.reveal_reply(post, now)
            await self._outboxes[channel.platform].send(where(channel).in_thread(post.thread_ref), reply)
            revealed += 1
        return revealed

    async def pending_reveals(self) -> list[tuple[int, int, datetime]]:
        """(post id, channel id, reveal time) of daily questions awaiting their reveal."""
        return await self._db.daily.unrevealed(tuple(self._outboxes)) if self._outboxes else []
