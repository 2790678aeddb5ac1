"""The settings card every admin command answers with."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.replies import Fields, Heading, Notice, Reply, ReplyKind, Text, Tone
from bot.settings import WEEKDAY_NAMES, ChannelSettings, format_time
from questions import Category


def describe_days(days: frozenset[int]) -> str:
    """`Mon–Fri`, `every day`, or a list such as `Mon, Wed, Fri`."""
    ordered = sorted(days)
    if len(ordered) == 7:
        return "every day"
    if not ordered:
        return "no days"
    names = [WEEKDAY_NAMES[d].capitalize() for d in ordered]
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def settings_card(
    settings: ChannelSettings,
    weights: Mapping[Category, int],
    next_post: datetime | None,
    change: str | None = None,
) -> Reply:
    zone = settings.zone
    state = "paused" if settings.paused else "on"
    when = (
        f"{next_post.astimezone(zone):%a %d %b %H:%M %Z} ({next_post:%H:%M} UTC)"
        if next_post and not settings.paused
        else "none while paused"
    )
    total = sum(weights.values()) or 1
    shares = ", ".join(f"{c.label} {w} ({w / total:.0%})" for c, w in weights.items())
    blocks: list = [Heading("Daily question settings")]
    if change:
        blocks.append(Notice(change, Tone.SUCCESS))
    blocks += [
        Fields(
            (
                ("Daily question", state),
                ("Posts", f"{describe_days(settings.weekdays)} at {format_time(settings.post_time)}"),
                ("Time zone", zone.key),
                ("Next post", when),
                ("Reveal", f"{format_time(settings.reveal_time)} local, or at the next post if sooner"),
                ("Answers", settings.visibility.value),
            )
        ),
        Text(f"*Category weights:* {shares}"),
    ]
    return Reply(
        ReplyKind.SETTINGS,
        tuple(blocks),
        data={
            "paused": settings.paused,
            "post_time": format_time(settings.post_time),
            "timezone": zone.key,
            "weekdays": [WEEKDAY_NAMES[d] for d in sorted(settings.weekdays)],
            "reveal_time": format_time(settings.reveal_time),
            "visibility": settings.visibility.value,
            "weights": {c.value: w for c, w in weights.items()},
            "next_post": next_post.isoformat() if next_post and not settings.paused else None,
        },
    )
