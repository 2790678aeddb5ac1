"""Admin commands for the daily question; each answers with the channel's new settings."""

from __future__ import annotations

from bot.commands import Command, CommandRegistry
from bot.context import Context
from bot.daily._parsing import looks_like_days, parse_time, parse_weekdays, parse_weights, parse_zone
from bot.daily._service import DailyService
from bot.errors import UserError
from bot.settings import AnswerVisibility, format_time


def register(registry: CommandRegistry, daily: DailyService) -> None:
    async def schedule(ctx: Context, args: list[str]) -> None:
        if not 1 <= len(args) <= 3:
            raise UserError(
                "Usage: `/quiz schedule HH:MM [time zone] [days]`, e.g. `09:00 Europe/Berlin mon-fri`."
            )
        settings = await daily.settings_of(ctx.channel)
        changes: dict = {"post_time": parse_time(args[0]), "active_since": ctx.now}
        for word in args[1:]:
            if looks_like_days(word):
                changes["weekdays"] = parse_weekdays(word)
            else:
                changes["zone"] = parse_zone(word)
        if not changes.get("weekdays", settings.weekdays):
            raise UserError("Pick at least one weekday.")
        await daily.update(ctx, settings.changed(**changes), "Schedule updated.")

    async def weights(ctx: Context, args: list[str]) -> None:
        current = await daily.weights(ctx.channel)
        await daily.set_weights(ctx, parse_weights(args, current))

    async def reveal_at(ctx: Context, args: list[str]) -> None:
        if len(args) != 1:
            raise UserError("Usage: `/quiz reveal-at HH:MM`, e.g. `/quiz reveal-at 17:00`.")
        reveal = parse_time(args[0])
        settings = await daily.settings_of(ctx.channel)
        await daily.update(
            ctx, settings.changed(reveal_time=reveal), f"Answers are revealed at {format_time(reveal)}."
        )

    async def visibility(ctx: Context, args: list[str]) -> None:
        choice = args[0].lower() if len(args) == 1 else ""
        if choice not in ("private", "open"):
            raise UserError(
                "Usage: `/quiz visibility private` (answers hidden until the reveal) "
                "or `/quiz visibility open`."
            )
        settings = await daily.settings_of(ctx.channel)
        await daily.update(
            ctx, settings.changed(visibility=AnswerVisibility(choice)), f"Answers are {choice} now."
        )

    async def pause(ctx: Context, args: list[str]) -> None:
        settings = await daily.settings_of(ctx.channel)
        await daily.update(ctx, settings.changed(paused=True), "Daily questions are paused.")

    async def resume(ctx: Context, args: list[str]) -> None:
        """`resume` is also the résumé category: it restarts the schedule only for an admin when paused."""
        settings = await daily.settings_of(ctx.channel)
        if not (settings.paused and ctx.actor.is_admin):
            await registry.get("").handler(ctx, ["resume", *args])
            return
        change = settings.changed(paused=False, active_since=ctx.now)
        await daily.update(ctx, change, "Daily questions are back on, from the next slot.")

    async def show(ctx: Context, args: list[str]) -> None:
        await ctx.send(await daily.card(ctx.channel, ctx.now))

    for name, usage, summary, handler in (
        (
            "schedule",
            "/quiz schedule HH:MM [TZ] [days]",
            "Set the daily post time, time zone and days.",
            schedule,
        ),
        (
            "weights",
            "/quiz weights math=40 coding=30 dl=20 resume=10 behavioral=0",
            "Set how often each category is drawn.",
            weights,
        ),
        ("reveal-at", "/quiz reveal-at HH:MM", "Set when the daily answer is revealed.", reveal_at),
        (
            "visibility",
            "/quiz visibility private|open",
            "Hide answers until the reveal, or show them.",
            visibility,
        ),
        ("pause", "/quiz pause", "Stop the daily question in this channel.", pause),
        ("settings", "/quiz settings", "Show this channel's daily-question settings.", show),
    ):
        registry.add(Command(name, usage, summary, handler, admin_only=True))
    registry.add(
        Command(
            "resume",
            "/quiz resume",
            "Admins, in a paused channel: restart the daily question. Otherwise: a resume-based question.",
            resume,
        )
    )
