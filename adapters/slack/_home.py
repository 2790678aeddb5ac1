"""The App Home tab and the welcome when the bot joins a channel: built from the core's own replies.

The Home runs the person's `/quiz leaderboard all team` and `/quiz review` (and, for admins, `/quiz
settings` in each of the workspace's channels the bot has served) through the core, so no figure is
computed twice; recent verdicts come from the database, so they outlive restarts.
A Home view holds at most 100 blocks (https://docs.slack.dev/surfaces/app-home).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from adapters.slack._bridge import Bridge
from adapters.slack._payloads import PLATFORM, conversation
from adapters.slack._render import escape, render
from bot.events import Actor, CommandInvoked, Conversation
from bot.grading import GradeBand
from bot.progress import Leaderboard
from bot.replies import Block, MessageRef, Reply, ReplyKind, Text, Visibility
from storage import RecentResult

MAX_HOME_BLOCKS = 100
REVIEW_KINDS = frozenset({ReplyKind.REVIEW_QUESTION, ReplyKind.REVIEW_EMPTY})
"""What `/quiz review` answers with: the next due question, or that none is due."""
FIRST_COMMANDS = (
    ("/quiz", "a question for the channel; answer privately with its button"),
    ("/quiz leaderboard", "who is ahead this season"),
    ("/quiz help", "every command"),
)


@dataclass
class Captured:
    """An outbox that keeps the core's replies instead of sending them."""

    replies: list[Reply] = field(default_factory=list)

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        self.replies.append(reply)
        return MessageRef("", "")


@dataclass(frozen=True)
class Welcome:
    """The greeting when the bot joins a channel: what it does and the first commands to try."""

    kind: ClassVar[ReplyKind] = ReplyKind.WELCOME
    commands: tuple[tuple[str, str], ...] = FIRST_COMMANDS

    def blocks(self) -> tuple[Block, ...]:
        lines = "\n".join(f"• `{command}`: {what}" for command, what in self.commands)
        intro = "*Hi, I'm ScreenPrep.* I post ML phone-screen questions and grade answers. Start with:"
        return (Text(f"{intro}\n{lines}"),)


def welcome() -> Reply:
    """What the bot says once when it is added to a channel."""
    return Reply.of(Welcome())


async def build_home(bridge: Bridge, team_id: str, user_id: str, home_channel: str) -> dict[str, Any]:
    """Ask the core for the person's standing, reviews and (admins) channel settings, then lay them out."""
    person = await bridge.people.actor(team_id, user_id)
    home = conversation(team_id, home_channel)
    standing = await _ask(bridge, person, home, "leaderboard all team", {ReplyKind.LEADERBOARD})
    review = await _ask(bridge, person, home, "review", REVIEW_KINDS)
    settings = []
    if person.is_admin:
        for channel_id, name in await bridge.core.progress.team_channels(PLATFORM, team_id):
            where = conversation(team_id, channel_id, channel_name=name)
            if (reply := await _ask(bridge, person, where, "settings", {ReplyKind.SETTINGS})) is not None:
                settings.append((name or channel_id, reply))
    verdicts = await bridge.core.progress.recent_results(PLATFORM, team_id, user_id)
    return home_view(person, standing, review, verdicts, settings)


async def _ask(
    bridge: Bridge, person: Actor, where: Conversation, text: str, kinds: Set[ReplyKind]
) -> Reply | None:
    """The core's reply to one command, if it is of a kind wanted (an error notice is left out)."""
    captured = Captured()
    await bridge.core.handle(CommandInvoked(person, where, text), captured)
    return next((r for r in captured.replies if r.kind in kinds), None)


def home_view(
    person: Actor,
    standing: Reply | None,
    review: Reply | None,
    verdicts: list[RecentResult],
    settings: list[tuple[str, Reply]],
) -> dict[str, Any]:
    """The Home tab: standing, due reviews, recent verdicts, and channel settings for admins."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "ScreenPrep"}},
        _section(_standing_line(standing)),
    ]
    if review is not None:
        blocks += [{"type": "divider"}, _section("*Spaced review*"), *_content(review)]
    blocks += [{"type": "divider"}, _section("*Your recent verdicts*"), _section(_verdict_lines(verdicts))]
    if person.is_admin:
        blocks += [{"type": "divider"}, _section("*Channel settings* (admins)")]
        if not settings:
            blocks.append(_section("Run `/quiz settings` in a channel to see and change its schedule."))
        for channel, reply in settings:
            blocks += [_section(f"*#{escape(channel)}*"), *_content(reply)]
    commands = "  ·  ".join(f"`{command}`" for command, _ in FIRST_COMMANDS)
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": commands}]})
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _standing_line(standing: Reply | None) -> str:
    board = standing.view if standing is not None else None
    if not isinstance(board, Leaderboard) or (you := board.you) is None:
        return "No graded answers yet: try `/quiz` in a channel with ScreenPrep."
    days = f"{you.streak} day{'s' if you.streak != 1 else ''}"
    return (
        f"*{you.points} points* · rank *#{you.rank}* of {board.ranked} in the workspace · "
        f"streak {days} · {you.answers} answers"
    )


def _verdict_lines(verdicts: list[RecentResult]) -> str:
    if not verdicts:
        return "None yet. Each private verdict is also copied to your messages with ScreenPrep."
    return "\n".join(
        f"• `{escape(v.question_id)}` in #{escape(v.channel_name or 'a channel')}: "
        f"{GradeBand.of_score(v.score)} · score {v.score:.2f}"
        for v in verdicts
    )


def _content(reply: Reply) -> list[dict[str, Any]]:
    """A reply's blocks without buttons, which act on a channel's question, not the Home."""
    public = replace(reply, visibility=Visibility.PUBLIC)
    return [block for block in render(public)["blocks"] if block["type"] != "actions"]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}
