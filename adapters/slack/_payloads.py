"""Slack payloads to core places and events: pure functions, so each mapping is tested on its own."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters.slack._render import from_slack
from bot.events import Conversation

PLATFORM = "slack"
ANSWER_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})


def conversation(
    team_id: str,
    channel_id: str,
    thread_id: str | None = None,
    *,
    team_name: str = "",
    channel_name: str = "",
) -> Conversation:
    """A Slack place; channel ids starting with D are direct messages with the bot."""
    direct = channel_id.startswith("D")
    return Conversation(
        PLATFORM,
        team_id,
        channel_id,
        thread_id,
        direct,
        team_name,
        "" if channel_name == "directmessage" else channel_name,
    )


def command_conversation(command: Mapping[str, Any]) -> Conversation:
    """Where a slash command was typed; Slack sends no thread for slash commands."""
    return conversation(
        command.get("team_id", ""),
        command.get("channel_id", ""),
        team_name=command.get("team_domain", ""),
        channel_name=command.get("channel_name", ""),
    )


def command_text(command: Mapping[str, Any]) -> str:
    """What follows `/quiz`, decoded from Slack's escaping."""
    return from_slack(command.get("text") or "")


def is_answer(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """A person's reply in a thread the bot started: only those can answer a question."""
    thread = event.get("thread_ts")
    if not thread or thread == event.get("ts") or event.get("bot_id") or not event.get("user"):
        return False
    if event.get("subtype") not in ANSWER_SUBTYPES:
        return False
    parent = event.get("parent_user_id")
    return parent is None or bot_user_id is None or parent == bot_user_id


def message_conversation(body: Mapping[str, Any], event: Mapping[str, Any]) -> Conversation:
    """Where a message was posted, with its thread: the question it answers."""
    team = event.get("team") or body.get("team_id") or ""
    return conversation(team, event.get("channel", ""), event.get("thread_ts"))


def message_text(event: Mapping[str, Any]) -> str:
    """A message as the person typed it, decoded from Slack's escaping."""
    return from_slack(event.get("text") or "")


def action_conversation(body: Mapping[str, Any]) -> Conversation:
    """Where a button was pressed: the card's thread, which is the card itself for a top-level post."""
    message = body.get("message") or {}
    container = body.get("container") or {}
    thread = message.get("thread_ts") or message.get("ts") or container.get("thread_ts")
    thread = thread or container.get("message_ts")
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
    return conversation(team, channel, thread, channel_name=(body.get("channel") or {}).get("name", ""))


def form_metadata(where: Conversation) -> str:
    """What a modal must remember to put its answer back in the right place."""
    return json.dumps(
        {
            "team": where.team_id,
            "channel": where.channel_id,
            "thread": where.thread_id,
            "name": where.channel_name,
        },
        separators=(",", ":"),
    )


def form_conversation(body: Mapping[str, Any]) -> Conversation | None:
    """The place stored in a submitted modal; None when the metadata is missing or not ours."""
    raw = (body.get("view") or {}).get("private_metadata") or ""
    try:
        meta = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(meta, dict) or not meta.get("channel"):
        return None
    team = meta.get("team") or (body.get("team") or {}).get("id") or ""
    name = str(meta.get("name") or "")
    return conversation(str(team), str(meta["channel"]), meta.get("thread") or None, channel_name=name)


def user_of(body: Mapping[str, Any]) -> tuple[str, str]:
    """(user id, user name) of whoever sent an interaction payload."""
    user = body.get("user") or {}
    return user.get("id", ""), user.get("name") or user.get("username") or ""
