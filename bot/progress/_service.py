"""The progress feature's entry points: each takes the command's context and returns what to show."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.context import Context
from bot.errors import NotAllowed, UserError
from bot.progress import _review as review
from bot.progress import _seasons as seasons
from bot.progress._categories import categorise
from bot.progress._leaderboard import leaderboard
from bot.progress._periods import Request, parse_request, window_for
from bot.progress._privacy import ForgetMe
from bot.progress._stats import find_user, stats
from bot.progress._weak_spots import report, weak_spots
from bot.replies import Notice, Reply, Tone, Visibility
from bot.settings import load_settings
from bot.streaks import StreakCache
from questions import QuestionBank
from storage import WHOLE_TEAM, Database, Scope, Season

PREPARED_PERIODS = ("week", "month", "season")


def require_admin(ctx: Context, usage: str) -> None:
    if not ctx.actor.is_admin:
        raise NotAllowed(f"Only admins can use `{usage}`.")


def switch(word: str, usage: str) -> bool:
    """`on` or `off`."""
    if word.lower() not in ("on", "off"):
        raise UserError(f"Usage: `{usage}`.")
    return word.lower() == "on"


class ProgressService:
    def __init__(self, db: Database, bank: QuestionBank, user_cache: Callable[[], MutableMapping]) -> None:
        """`user_cache` gives the core's cache of people, so a forgotten person is not served from it."""
        self._db = db
        self._bank = bank
        self.forget_me = ForgetMe(db, user_cache)
        self._streaks = StreakCache(db)

    async def _zone(self, ctx: Context) -> ZoneInfo:
        return (await load_settings(self._db, ctx.channel.id, ctx.channel.created_at)).zone

    async def leaderboard(self, ctx: Context, args: list[str]) -> Reply:
        request = parse_request(args)
        scope = Scope(ctx.team.id, WHOLE_TEAM if request.team else ctx.channel.id)
        where = "whole team" if request.team else f"#{ctx.channel.name or 'this channel'}"
        zone = await self._zone(ctx)
        return await leaderboard(
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

    async def stats(self, ctx: Context, args: list[str]) -> Reply:
        if len(args) > 1:
            raise UserError("Usage: `/quiz stats [@user]`.")
        user = await find_user(self._db, ctx.team.id, args[0]) if args else ctx.user
        return await stats(self._db, self._bank, user, await self._zone(ctx), ctx.now)

    async def seasons(self, ctx: Context, args: list[str]) -> Reply:
        if not args:
            return await seasons.overview(self._db, ctx.team.id, await self._zone(ctx))
        if args[0].lower() != "start":
            raise UserError("Usage: `/quiz season` to see them, `/quiz season start NAME` (admins).")
        require_admin(ctx, "/quiz season start NAME")
        return await seasons.start(self._db, ctx.team.id, seasons.season_name(args[1:]), ctx.user.id, ctx.now)

    async def weak_spots(self, ctx: Context, args: list[str]) -> Reply:
        options = await self._db.options.get(ctx.channel.id)
        if args:
            usage = "/quiz weak-spots nudge on|off"
            if len(args) != 2 or args[0].lower() != "nudge":
                raise UserError(f"Usage: `/quiz weak-spots`, or `{usage}` (admins).")
            require_admin(ctx, usage)
            options = replace(options, nudge_weak_spots=switch(args[1], usage))
            await self._db.options.save(ctx.channel.id, options, ctx.now)
        categories, tags = weak_spots(await self._db.progress.question_totals(ctx.team.id), self._bank)
        return report(categories, tags, options.nudge_weak_spots)

    async def review(self, ctx: Context, args: list[str], text: str) -> Reply:
        if not args:
            return _private(ctx, await review.next_review(self._db, self._bank, ctx.user, ctx.now))
        if args[0].lower() == "answer":
            if not text:
                raise UserError("Usage: `/quiz review answer <your answer>`.")
            reply = await review.answer_review(self._db, self._bank, ctx.user, text, ctx.now)
            return _private(ctx, reply)
        if args[0].lower() == "daily" and len(args) == 2:
            require_admin(ctx, "/quiz review daily on|off")
            options = await self._db.options.get(ctx.channel.id)
            chosen = switch(args[1], "/quiz review daily on|off")
            await self._db.options.save(ctx.channel.id, replace(options, reask_forgotten=chosen), ctx.now)
            return _reask_changed(chosen)
        raise UserError(f"Usage: `{review.USAGE}`.")

    async def forget(self, ctx: Context, args: list[str]) -> Reply:
        if not args:
            return _private(ctx, await self.forget_me.ask(ctx.user, ctx.now))
        if [a.lower() for a in args] != ["confirm"]:
            raise UserError("Usage: `/quiz forget-me`, then `/quiz forget-me confirm`.")
        return _private(ctx, await self.forget_me.confirm(ctx.user, ctx.now))


def _private(ctx: Context, reply: Reply) -> Reply:
    """Reviews and forget-me are for the asker's eyes only."""
    return replace(reply, visibility=Visibility.EPHEMERAL, recipient=ctx.actor)


def _reask_changed(on: bool) -> Reply:
    text = (
        "The daily question now re-asks, when one is due, the question this channel is most likely to "
        "have forgotten (by FSRS)."
        if on
        else "The daily question no longer re-asks forgotten questions."
    )
    return Reply("review-daily", (Notice(text, Tone.SUCCESS),), data={"reask_forgotten": on})
