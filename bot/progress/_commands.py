"""Thin `/quiz` handlers for leaderboards, stats, seasons, weak spots, review and forget-me."""

from __future__ import annotations

from bot.commands import Command, CommandRegistry
from bot.context import Context
from bot.progress._periods import USAGE as LEADERBOARD_USAGE
from bot.progress._review import USAGE as REVIEW_USAGE
from bot.progress._service import ProgressService
from bot.text import clean_input


def register(registry: CommandRegistry, progress: ProgressService) -> None:
    async def leaderboard(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.leaderboard(ctx, args))

    async def stats(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.stats(ctx, args))

    async def season(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.seasons(ctx, args))

    async def weak_spots(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.weak_spots(ctx, args))

    async def review(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.review(ctx, args, _review_answer(ctx)))

    async def forget_me(ctx: Context, args: list[str]) -> None:
        await ctx.send(await progress.forget(ctx, args))

    for name, usage, summary, handler in (
        (
            "leaderboard",
            LEADERBOARD_USAGE,
            "Rank people by points, with answers, average and streak.",
            leaderboard,
        ),
        (
            "stats",
            "/quiz stats [@user]",
            "A chart of scores by category, answers per week and streak.",
            stats,
        ),
        (
            "season",
            "/quiz season [start NAME]",
            "List seasons; admins start a new one (history is kept).",
            season,
        ),
        (
            "weak-spots",
            "/quiz weak-spots [nudge on|off]",
            "Where the team scores lowest; admins can steer the daily question there.",
            weak_spots,
        ),
        ("review", REVIEW_USAGE, "Your due questions, privately, spaced by FSRS.", review),
        (
            "forget-me",
            "/quiz forget-me [confirm]",
            "Delete everything kept about you, after confirming.",
            forget_me,
        ),
    ):
        registry.add(Command(name, usage, summary, handler))


def _review_answer(ctx: Context) -> str:
    """The raw text after `review answer`, keeping newlines."""
    words = clean_input(getattr(ctx.event, "text", "")).split(maxsplit=2)
    return words[2].strip() if len(words) == 3 and words[1].lower() == "answer" else ""
