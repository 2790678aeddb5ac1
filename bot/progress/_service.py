"""The progress feature's entry points: each takes the command's context and returns what to show."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import replace
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.context import Context
from bot.errors import NotFound
from bot.events import PersonRef
from bot.lazy import lazy_module
from bot.people import find_person
from bot.progress._categories import categorise
from bot.progress._periods import Request, window_for
from bot.replies import Reply, Visibility
from bot.schedule import PeriodicJobs
from bot.settings import load_settings
from bot.streaks import StreakCache
from questions import QuestionBank
from storage import WHOLE_TEAM, Database, RecentResult, Scope, Season, User

# What only answers to commands need (views, spaced review with fsrs, charts) loads with the first one.
if TYPE_CHECKING:
    from bot.progress import _leaderboard as boards
    from bot.progress import _privacy as privacy
    from bot.progress import _review as review
    from bot.progress import _seasons as seasons
    from bot.progress import _stats as charts
    from bot.progress import _views as views
    from bot.progress import _weak_spots as spots
else:
    boards = lazy_module("bot.progress._leaderboard")
    privacy = lazy_module("bot.progress._privacy")
    review = lazy_module("bot.progress._review")
    seasons = lazy_module("bot.progress._seasons")
    charts = lazy_module("bot.progress._stats")
    views = lazy_module("bot.progress._views")
    spots = lazy_module("bot.progress._weak_spots")

PREPARED_PERIODS = ("week", "month", "season")
MARKS_EVERY_SECONDS = 300
"""How often today's leaderboard marks are made ahead of the first board that needs them."""


class ProgressService:
    def __init__(
        self,
        db: Database,
        bank: QuestionBank,
        user_cache: Callable[[], MutableMapping],
        *,
        jobs: PeriodicJobs,
    ) -> None:
        """`user_cache` gives the core's cache of people, so a forgotten person is not served from it."""
        self._db = db
        self._bank = bank
        self._user_cache = user_cache
        self._streaks = StreakCache(db)
        jobs.every(MARKS_EVERY_SECONDS, "progress:marks", self.prepare_marks)

    @cached_property
    def forget_me(self) -> privacy.ForgetMe:
        """Who asked to be forgotten, and when: a confirmation must follow within minutes."""
        return privacy.ForgetMe(self._db, self._user_cache)

    async def recent_results(
        self, platform: str, team_external: str, user_external: str, limit: int = 5
    ) -> list[RecentResult]:
        """A person's latest graded answers, newest first, for a home page that outlives restarts."""
        return await self._db.attempts.recent_of(platform, team_external, user_external, limit)

    async def team_channels(self, platform: str, team_external: str) -> list[tuple[str, str]]:
        """The team's channels the bot has served (platform id, name)."""
        return await self._db.channels.of_team(platform, team_external)

    async def _zone(self, ctx: Context) -> ZoneInfo:
        return (await load_settings(self._db, ctx.channel.id, ctx.channel.created_at)).zone

    async def leaderboard(self, ctx: Context, request: Request) -> Reply:
        scope = Scope(ctx.team.id, WHOLE_TEAM if request.team else ctx.channel.id)
        where = "whole team" if request.team else f"#{ctx.channel.name or 'this channel'}"
        zone = await self._zone(ctx)
        return await boards.leaderboard(
            self._db, self._streaks, scope, request, where=where, zone=zone, caller=ctx.user.id, now=ctx.now
        )

    async def categorise_old_awards(self) -> None:
        """Give awards stored before categories were written with them their category (once, at start-up)."""
        await categorise(self._db, self._bank)

    async def prepare_marks(self, now: datetime) -> None:
        """Make today's week, month and season marks for every zoned channel and its team (once per
        zone), so the first board of a day is as quick as the rest; existing marks cost one lookup."""
        seasons_of: dict[int, list[Season]] = {}
        wanted: set[tuple[Scope, datetime]] = set()
        for team_id, channel_id, zone in await self._db.progress.zoned_channels():
            if team_id not in seasons_of:
                seasons_of[team_id] = await self._db.seasons.of_team(team_id)
            for period in PREPARED_PERIODS:
                window = window_for(Request(period), seasons_of[team_id], ZoneInfo(zone), now)
                if window.since is not None:
                    wanted |= {(Scope(team_id, channel_id), window.since), (Scope(team_id), window.since)}
        for scope, since in sorted(wanted, key=lambda mark: (mark[0].team_id, mark[0].channel_id, mark[1])):
            await self._db.progress.prepare_mark(scope, since)

    async def stats(self, ctx: Context, person: PersonRef | None) -> Reply:
        user = await self._person(ctx, person) if person else ctx.user
        return await charts.stats(self._db, self._bank, user, await self._zone(ctx), ctx.now)

    async def _person(self, ctx: Context, person: PersonRef) -> User:
        user = await find_person(self._db, ctx.team.id, person)
        if user is None:
            wanted = person.name or person.external_id or person.raw
            raise NotFound(f"Nobody called `{wanted[:40]}` has practised in this team yet.")
        return user

    async def seasons(self, ctx: Context, new_name: str | None) -> Reply:
        if new_name is None:
            return await seasons.overview(self._db, ctx.team.id, await self._zone(ctx))
        name = seasons.season_name(new_name.split())
        return await seasons.start(self._db, ctx.team.id, name, ctx.user.id, ctx.now)

    async def weak_spots(self, ctx: Context, nudge: bool | None) -> Reply:
        options = await self._db.options.get(ctx.channel.id)
        if nudge is not None:
            options = replace(options, nudge_weak_spots=nudge)
            await self._db.options.save(ctx.channel.id, options, ctx.now)
        categories, tags = spots.weak_spots(await self._db.progress.question_totals(ctx.team.id), self._bank)
        return spots.report(categories, tags, options.nudge_weak_spots)

    async def review(self, ctx: Context, answer: str | None) -> Reply:
        """The next due card, or the answer to the card shown last."""
        if answer is None:
            return _private(ctx, await review.next_review(self._db, self._bank, ctx.user, ctx.now))
        return _private(ctx, await review.answer_review(self._db, self._bank, ctx.user, answer, ctx.now))

    async def reask_forgotten(self, ctx: Context, on: bool) -> Reply:
        """`/quiz review daily on|off`: whether the daily question re-asks what the channel forgot."""
        options = await self._db.options.get(ctx.channel.id)
        await self._db.options.save(ctx.channel.id, replace(options, reask_forgotten=on), ctx.now)
        return _reask_changed(on)

    async def forget(self, ctx: Context, confirm: bool) -> Reply:
        if not confirm:
            return _private(ctx, await self.forget_me.ask(ctx.user, ctx.now))
        return _private(ctx, await self.forget_me.confirm(ctx.user, ctx.now))


def _private(ctx: Context, reply: Reply) -> Reply:
    """Reviews and forget-me are for the asker's eyes only."""
    return replace(reply, visibility=Visibility.EPHEMERAL, recipient=ctx.actor)


def _reask_changed(on: bool) -> Reply:
    return Reply.of(views.ReviewDaily(on))
