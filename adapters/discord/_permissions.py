"""Discord's refusals as messages people can act on: which permission is missing, and where."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

import discord

from bot.errors import UserError


class DiscordCode(IntEnum):
    """JSON error codes the adapter acts on (discord.com/developers/docs/topics/opcodes-and-status-codes)."""

    MISSING_ACCESS = 50001
    MISSING_PERMISSIONS = 50013
    INVALID_WEBHOOK_TOKEN = 50027


class Permission(StrEnum):
    """The channel permissions the bot uses, by their `discord.Permissions` attribute."""

    VIEW_CHANNEL = "view_channel"
    SEND_MESSAGES = "send_messages"
    SEND_MESSAGES_IN_THREADS = "send_messages_in_threads"
    EMBED_LINKS = "embed_links"
    ATTACH_FILES = "attach_files"
    CREATE_PUBLIC_THREADS = "create_public_threads"

    @property
    def label(self) -> str:
        """The name Discord's server settings show."""
        return _LABELS[self]


_LABELS = {
    Permission.VIEW_CHANNEL: "View Channels",
    Permission.SEND_MESSAGES: "Send Messages",
    Permission.SEND_MESSAGES_IN_THREADS: "Send Messages in Threads",
    Permission.EMBED_LINKS: "Embed Links",
    Permission.ATTACH_FILES: "Attach Files",
    Permission.CREATE_PUBLIC_THREADS: "Create Public Threads",
}


def needed_to_send(channel: object, options: dict[str, Any]) -> list[Permission]:
    """What posting these message options in this channel takes; a thread needs its own send permission."""
    thread = isinstance(channel, discord.Thread)
    needed = [Permission.VIEW_CHANNEL]
    needed.append(Permission.SEND_MESSAGES_IN_THREADS if thread else Permission.SEND_MESSAGES)
    if "embed" in options:
        needed.append(Permission.EMBED_LINKS)
    if "files" in options:
        needed.append(Permission.ATTACH_FILES)
    return needed


def missing(channel: object, needed: list[Permission]) -> list[Permission]:
    """The needed permissions the bot lacks in a cached server channel; [] when it cannot tell."""
    if not isinstance(channel, discord.abc.GuildChannel | discord.Thread) or channel.guild.me is None:
        return []
    have = channel.permissions_for(channel.guild.me)
    return [p for p in needed if not getattr(have, p.value)]


def first_postable(guild: discord.Guild) -> discord.TextChannel | None:
    """The system channel if the bot may post an embed there, else the first text channel where it may."""
    needed = [Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES, Permission.EMBED_LINKS]
    channels = [guild.system_channel, *sorted(guild.text_channels, key=lambda c: c.position)]
    return next((c for c in channels if c is not None and not missing(c, needed)), None)


def is_refusal(error: discord.HTTPException) -> bool:
    """Missing Access or Missing Permissions: a server setting, not a fault of ours."""
    return error.code in (DiscordCode.MISSING_ACCESS, DiscordCode.MISSING_PERMISSIONS)


def refusal(
    channel: object, channel_id: str, needed: list[Permission], error: discord.HTTPException
) -> UserError:
    """What to tell the person whose action Discord refused in this channel."""
    lacking = missing(channel, needed)
    if not lacking and error.code == DiscordCode.MISSING_ACCESS:
        lacking = [Permission.VIEW_CHANNEL]
    where = f"<#{channel_id}>"
    if lacking:
        names = " and ".join(f"**{p.label}**" for p in lacking)
        what = f"I am missing the {names} permission{'s' if len(lacking) > 1 else ''} in {where}."
    else:
        names = ", ".join(f"**{p.label}**" for p in needed)
        what = f"Discord refused my post in {where}: I need {names} there."
    return UserError(f"{what} A server admin can grant it to the ScreenPrep role in the channel's settings.")
