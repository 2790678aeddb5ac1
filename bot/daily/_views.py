"""The settings card every admin command answers with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.replies import Block, Fields, Heading, Notice, Reply, ReplyKind, Text, Tone
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


@dataclass(frozen=True)
class SettingsCard:
    """A channel's daily-question settings, when the next question goes up, and the change just made."""

    kind: ClassVar[ReplyKind] = ReplyKind.SETTINGS
    settings: ChannelSettings
    weights: Mapping[Category, int]
    next_post: datetime | None
    """None while paused."""
    change: str | None = None

    def blocks(self) -> tuple[Block, ...]:
        settings = self.settings
        zone = settings.zone
        next_post = self.next_post
        when = (
            f"{next_post.astimezone(zone):%a %d %b %H:%M %Z} ({next_post:%H:%M} UTC)"
            if next_post
            else "none while paused"
        )
        total = sum(self.weights.values()) or 1
        shares = ", ".join(f"{c.label} {w} ({w / total:.0%})" for c, w in self.weights.items())
        blocks: list[Block] = [Heading("Daily question settings")]
        if self.change:
            blocks.append(Notice(self.change, Tone.SUCCESS))
        blocks += [
            Fields(
                (
                    ("Daily question", "paused" if settings.paused else "on"),
                    ("Posts", f"{describe_days(settings.weekdays)} at {format_time(settings.post_time)}"),
                    ("Time zone", zone.key),
                    ("Next post", when),
                    ("Reveal", f"{format_time(settings.reveal_time)} local, or at the next post if sooner"),
                    ("Answers", settings.visibility.value),
                )
            ),
            Text(f"*Category weights:* {shares}"),
        ]
        return tuple(blocks)


def settings_card(
    settings: ChannelSettings,
    weights: Mapping[Category, int],
    next_post: datetime | None,
    change: str | None = None,
) -> Reply:
    return Reply.of(SettingsCard(settings, dict(weights), None if settings.paused else next_post, change))
