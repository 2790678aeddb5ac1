"""Who and where on Discord, as the core's Actor and Conversation."""

from __future__ import annotations

from collections.abc import Set

import discord

from bot import Actor, Conversation
from bot.text import MAX_NAME_CHARS

PLATFORM = "discord"
DIRECT_TEAM = "@me"
"""The team of every DM conversation: Discord's own name for the DM space (discord.com/channels/@me)."""


def actor_for(user: discord.abc.User, *, manage_guild: bool, admins: Set[str]) -> Actor:
    """Admins hold Manage Server, or are listed in SCREENPREP_ADMINS."""
    user_id = str(user.id)
    return Actor(PLATFORM, user_id, shown_name(user.display_name), is_admin=manage_guild or user_id in admins)


def shown_name(name: str) -> str:
    """A display name as literal text: `**Bob**` or `@everyone` in a name formats and pings nothing.

    A name whose escapes would pass the core's length limit is cut first, never in the middle of one.
    """
    escaped = _literal(name)
    return escaped if len(escaped) <= MAX_NAME_CHARS else _literal(name[: MAX_NAME_CHARS // 2])


def _literal(text: str) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def interaction_actor(interaction: discord.Interaction, admins: Set[str]) -> Actor:
    return actor_for(interaction.user, manage_guild=interaction.permissions.manage_guild, admins=admins)


def message_actor(message: discord.Message, admins: Set[str]) -> Actor:
    author = message.author
    manage = isinstance(author, discord.Member) and author.guild_permissions.manage_guild
    return actor_for(author, manage_guild=manage, admins=admins)


def conversation_for(guild: discord.Guild | None, channel: object) -> Conversation | None:
    """A guild channel, a thread under its parent, or a DM; None without a channel."""
    channel_id = getattr(channel, "id", None)
    if channel_id is None:
        return None
    if guild is None:
        return Conversation(PLATFORM, DIRECT_TEAM, str(channel_id), direct=True, team_name="Direct messages")
    team_name = getattr(guild, "name", None) or ""
    if isinstance(channel, discord.Thread):
        parent = channel.parent
        return Conversation(
            PLATFORM,
            str(guild.id),
            str(channel.parent_id),
            str(channel.id),
            team_name=team_name,
            channel_name=parent.name if parent is not None else "",
        )
    return Conversation(
        PLATFORM,
        str(guild.id),
        str(channel_id),
        team_name=team_name,
        channel_name=getattr(channel, "name", None) or "",
    )
