"""Where replies go on Discord: channel posts with a thread per question, threads, ephemerals and DMs."""

from __future__ import annotations

import io
import logging
from typing import Any, Literal

import discord

from adapters.discord._permissions import (
    DiscordCode,
    Permission,
    is_refusal,
    missing,
    needed_to_send,
    refusal,
)
from adapters.discord._render import Rendered, dm_closed_notice, mention_to_reply, render, thread_name
from adapters.discord._views import build_view
from bot import Conversation, MessageRef, Reply
from bot.errors import UserError
from bot.replies import ReplyKind, Visibility

log = logging.getLogger(__name__)

THREAD_ARCHIVE_MINUTES: Literal[10080] = 10080


def message_options(rendered: Rendered) -> dict[str, Any]:
    """Keyword arguments for `send`; only what the message carries, so webhooks get no stray None."""
    options: dict[str, Any] = {}
    if rendered.content is not None:
        options["content"] = rendered.content
    if rendered.embed is not None:
        options["embed"] = rendered.embed
    view = build_view(rendered.rows)
    if view is not None:
        options["view"] = view
    if rendered.attachments:
        options["files"] = [
            discord.File(io.BytesIO(a.data), filename=a.filename, description=a.description)
            for a in rendered.attachments
        ]
    return options


def reads_thread_replies(client: discord.Client) -> bool:
    """Plain thread replies reach the bot only with the Message Content intent asked for and granted."""
    flags = client.application_flags
    granted = flags.gateway_message_content or flags.gateway_message_content_limited
    return bool(client.intents.message_content and granted)


class DiscordOutbox:
    """Posts as the bot: public replies in channels and threads, private ones by DM."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    def render(self, reply: Reply) -> Rendered:
        """The reply as Discord shows it, its instructions true to what the bot can read here."""
        user = self._client.user
        if user is not None and not reads_thread_replies(self._client):
            reply = mention_to_reply(reply, user.mention)
        return render(reply)

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        """A question opens a thread (its id comes back as `thread_id`); a reply with a thread goes there."""
        if reply.visibility is not Visibility.PUBLIC and reply.recipient is not None:
            return await self.direct(conversation, reply, reply.recipient.user_id)
        rendered = self.render(reply)
        if reply.kind == ReplyKind.QUESTION and reply.thread_id is None and conversation.thread_id is None:
            return await self._post_question(conversation, reply, rendered)
        target = reply.thread_id or conversation.thread_id or conversation.channel_id
        message = await self._post(conversation, target, message_options(rendered))
        return MessageRef(str(message.id), target)

    async def _post_question(self, where: Conversation, reply: Reply, rendered: Rendered) -> MessageRef:
        """A question card is a top-level post with its own thread, whose messages are answers."""
        if isinstance(self._client.get_channel(int(where.channel_id)), discord.ForumChannel):
            raise UserError("Questions are posted in text channels, with a thread each; use `/quiz` in one.")
        message = await self._post(where, where.channel_id, message_options(rendered))
        try:
            thread = await message.create_thread(
                name=thread_name(reply), auto_archive_duration=THREAD_ARCHIVE_MINUTES
            )
        except (discord.HTTPException, ValueError) as exc:
            lacking = missing(message.channel, [Permission.CREATE_PUBLIC_THREADS])
            log.warning(
                "could not open a thread in channel %s (%s%s); answers go through the buttons",
                where.channel_id,
                type(exc).__name__,
                "".join(f", missing {p.label}" for p in lacking),
            )
            return MessageRef(str(message.id), where.channel_id)
        return MessageRef(str(message.id), str(thread.id))

    async def direct(self, conversation: Conversation, reply: Reply, user_id: str) -> MessageRef:
        """A private reply by DM; with DMs closed, a short public mention that says so instead."""
        try:
            channel = await self._client.create_dm(discord.Object(int(user_id)))
            message = await channel.send(**message_options(self.render(reply)))
        except discord.Forbidden:
            log.info("direct messages to user %s are closed; mentioning them instead", user_id)
            target = reply.thread_id or conversation.thread_id or conversation.channel_id
            mention = discord.AllowedMentions(users=[discord.Object(int(user_id))])
            options = {"content": dm_closed_notice(user_id), "allowed_mentions": mention}
            message = await self._post(conversation, target, options)
            return MessageRef(str(message.id), target)
        return MessageRef(str(message.id), reply.thread_id or conversation.thread_id or str(channel.id))

    async def _post(self, where: Conversation, channel_id: str, options: dict[str, Any]) -> discord.Message:
        """Send in a channel or thread; a permission refusal becomes a message naming what is missing."""
        channel = self._messageable(where, channel_id)
        try:
            return await channel.send(**options)
        except discord.HTTPException as exc:
            if not is_refusal(exc):
                raise
            raise refusal(channel, channel_id, needed_to_send(channel, options), exc) from None

    def _messageable(self, where: Conversation, channel_id: str) -> discord.abc.Messageable:
        """The cached channel or thread, else a partial one: sending needs no fetch."""
        channel = self._client.get_channel(int(channel_id))
        if isinstance(channel, discord.abc.Messageable):
            return channel
        guild_id = int(where.team_id) if where.team_id.isdecimal() else None
        return self._client.get_partial_messageable(int(channel_id), guild_id=guild_id)


class InteractionOutbox:
    """Replies while handling one user's interaction: theirs privately as ephemeral follow-ups."""

    def __init__(self, base: DiscordOutbox, interaction: discord.Interaction, *, thinking: bool) -> None:
        self._base = base
        self._interaction = interaction
        self._thinking = thinking
        self.followups = 0

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        """The interacting user's ephemeral replies as follow-ups; everything else as the bot posts it."""
        user_id = str(self._interaction.user.id)
        mine = reply.recipient is not None and reply.recipient.user_id == user_id
        if reply.visibility is not Visibility.EPHEMERAL or not mine:
            return await self._base.send(conversation, reply)
        try:
            message = await self._interaction.followup.send(
                ephemeral=True, wait=True, **message_options(self._base.render(reply))
            )
        except discord.HTTPException as exc:
            if not _expired(exc):
                raise
            log.info("interaction %s expired; sending its reply by DM", self._interaction.id)
            return await self._base.direct(conversation, reply, user_id)
        self.followups += 1
        return MessageRef(str(message.id), reply.thread_id or conversation.thread_id or str(message.id))

    async def finish(self) -> None:
        """Remove the "thinking…" placeholder if nothing private replaced it."""
        if self._thinking and not self.followups:
            try:
                await self._interaction.delete_original_response()
            except discord.HTTPException as exc:
                log.info("could not remove the placeholder of interaction %s: %s", self._interaction.id, exc)


def _expired(error: discord.HTTPException) -> bool:
    """A follow-up after the token's 15 minutes: Discord answers 401 Invalid Webhook Token, or 404."""
    return error.status == 404 or error.code == DiscordCode.INVALID_WEBHOOK_TOKEN
