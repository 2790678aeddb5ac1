"""Thin `/quiz` handlers for leaderboards, stats, seasons, weak spots, review and forget-me."""

from __future__ import annotations

from datetime import date

from bot.commands import Command, CommandRegistry, Kind, Param
from bot.context import Context
from bot.errors import UserError
from bot.events import PersonRef
from bot.progress._periods import PERIODS, SCOPES, parse_day, request_for
from bot.progress._service import ProgressService
from questions import Category, parse_category

ON_OFF = ("on", "off")


def _on(word: str) -> bool:
    return word.lower() == "on"


def register(registry: CommandRegistry, progress: ProgressService) -> None:
    async def leaderboard(
        ctx: Context, period: str | None, since: date | None, category: Category | None, scope: bool | None
    ) -> None:
        await ctx.send(await progress.leaderboard(ctx, request_for(period, since, category, scope)))

    async def stats(ctx: Context, person: PersonRef | None) -> None:
        await ctx.send(await progress.stats(ctx, person))

    async def season(ctx: Context, start: str | None) -> None:
        await ctx.send(await progress.seasons(ctx, start))

    async def weak_spots(ctx: Context, nudge: bool | None) -> None:
        await ctx.send(await progress.weak_spots(ctx, nudge))

    async def review(ctx: Context, answer: str | None, daily: bool | None) -> None:
        if answer is not None and daily is not None:
            raise UserError("Use `/quiz review answer ...` and `/quiz review daily on|off` separately.")
        if daily is not None:
            await ctx.send(await progress.reask_forgotten(ctx, daily))
        else:
            await ctx.send(await progress.review(ctx, answer))

    async def forget_me(ctx: Context, confirm: bool) -> None:
        await ctx.send(await progress.forget(ctx, confirm))

    board = (
        Param(
            "period", "Which stretch of time; the current season by default.", choices=PERIODS, optional=True
        ),
        Param(
            "since",
            "Count from this day on.",
            keyword=True,
            optional=True,
            placeholder="YYYY-MM-DD",
            convert=parse_day,
        ),
        Param(
            "category",
            "Only this category (any alias: math, coding, dl, ...).",
            choices=tuple(c.value for c in Category),
            optional=True,
            accepts=lambda word: parse_category(word) is not None,
            convert=parse_category,
        ),
        Param(
            "scope",
            "This channel (default) or the whole team.",
            choices=("channel", "team"),
            optional=True,
            accepts=lambda word: word.lower() in SCOPES,
            convert=lambda word: SCOPES[word.lower()],
        ),
    )
    person = Param(
        "person", "Whose progress; yours by default.", Kind.PERSON, optional=True, placeholder="@user"
    )
    new_season = Param(
        "start",
        "Start a new season with this name.",
        Kind.TEXT,
        optional=True,
        keyword=True,
        admin=True,
        placeholder="NAME",
    )
    nudge = Param(
        "nudge",
        "Steer the daily question to weak spots.",
        keyword=True,
        optional=True,
        admin=True,
        choices=ON_OFF,
        convert=_on,
    )
    answer = Param(
        "answer",
        "Your answer to the review card shown last.",
        Kind.TEXT,
        keyword=True,
        optional=True,
        placeholder="<text>",
    )
    daily = Param(
        "daily",
        "Let the daily question re-ask forgotten questions.",
        keyword=True,
        optional=True,
        admin=True,
        choices=ON_OFF,
        convert=_on,
    )
    confirm = Param("confirm", "Delete, after you have seen what will go.", Kind.FLAG, optional=True)
    for command in (
        Command(
            "leaderboard", "Rank people by points, with answers, average and streak.", leaderboard, board
        ),
        Command("stats", "A chart of scores by category, answers per week and streak.", stats, (person,)),
        Command("season", "List seasons; admins start a new one (history is kept).", season, (new_season,)),
        Command(
            "weak-spots",
            "Where the team scores lowest; admins can steer the daily question there.",
            weak_spots,
            (nudge,),
        ),
        Command("review", "Your due questions, privately, spaced by FSRS.", review, (answer, daily)),
        Command("forget-me", "Delete everything kept about you, after confirming.", forget_me, (confirm,)),
    ):
        registry.add(command)
