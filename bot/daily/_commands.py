"""Admin commands for the daily question; each answers with the channel's new settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.commands import Command, CommandRegistry, Kind, Param
from bot.context import Context
from bot.daily._parsing import looks_like_days, parse_time, parse_weekdays, parse_weights, parse_zone
from bot.daily._service import DailyService
from bot.errors import UserError
from bot.settings import AnswerVisibility, format_time


def register(registry: CommandRegistry, daily: DailyService) -> None:
    async def schedule(
        ctx: Context, time: dt.time, zone: ZoneInfo | None, days: frozenset[int] | None
    ) -> None:
        settings = await daily.settings_of(ctx.channel)
        changes: dict = {"post_time": time, "active_since": ctx.now}
        if zone is not None:
            changes["zone"] = zone
        if days is not None:
            changes["weekdays"] = days
        if not changes.get("weekdays", settings.weekdays):
            raise UserError("Pick at least one weekday.")
        await daily.update(ctx, settings.changed(**changes), "Schedule updated.")

    async def weights(ctx: Context, weights: tuple[str, ...]) -> None:
        current = await daily.weights(ctx.channel)
        await daily.set_weights(ctx, parse_weights(list(weights), current))

    async def reveal_at(ctx: Context, time: dt.time) -> None:
        settings = await daily.settings_of(ctx.channel)
        await daily.update(
            ctx, settings.changed(reveal_time=time), f"Answers are revealed at {format_time(time)}."
        )

    async def visibility(ctx: Context, mode: str) -> None:
        settings = await daily.settings_of(ctx.channel)
        await daily.update(
            ctx, settings.changed(visibility=AnswerVisibility(mode)), f"Answers are {mode} now."
        )

    async def pause(ctx: Context) -> None:
        settings = await daily.settings_of(ctx.channel)
        await daily.update(ctx, settings.changed(paused=True), "Daily questions are paused.")

    async def unpause(ctx: Context) -> None:
        settings = await daily.settings_of(ctx.channel)
        if not settings.paused:
            raise UserError("Daily questions are not paused here; `/quiz pause` stops them.")
        change = settings.changed(paused=False, active_since=ctx.now)
        await daily.update(ctx, change, "Daily questions are back on, from the next slot.")

    async def show(ctx: Context) -> None:
        await ctx.send(await daily.card(ctx.channel, ctx.now))

    at = Param("time", "Local time of day, 24-hour or am/pm.", placeholder="HH:MM", convert=parse_time)
    zone = Param(
        "zone",
        "IANA time zone, e.g. Europe/Berlin.",
        Kind.ZONE,
        optional=True,
        placeholder="TZ",
        convert=parse_zone,
    )
    days = Param(
        "days",
        "Days to post: mon-fri, mon,wed,fri, daily, weekends.",
        optional=True,
        placeholder="days",
        accepts=looks_like_days,
        convert=parse_weekdays,
    )
    weights_param = Param(
        "weights",
        "category=weight pairs: math, coding, dl, resume, behavioral; 0-1000.",
        many=True,
        placeholder="math=40 coding=30 dl=20 resume=10 behavioral=0",
    )
    mode = Param(
        "mode", "private hides answers until the reveal; open shows them.", choices=("private", "open")
    )
    for command in (
        Command("schedule", "Set the daily post time, time zone and days.", schedule, (at, zone, days)),
        Command("weights", "Set how often each category is drawn.", weights, (weights_param,)),
        Command("reveal-at", "Set when the daily answer is revealed.", reveal_at, (at,)),
        Command("visibility", "Hide answers until the reveal, or show them.", visibility, (mode,)),
        Command("pause", "Stop the daily question in this channel.", pause),
        Command("unpause", "Restart the daily question in a paused channel, from the next slot.", unpause),
        Command("settings", "Show this channel's daily-question settings.", show),
    ):
        registry.add(replace(command, admin=True))
