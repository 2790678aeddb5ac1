"""Where replies go on Discord: channel posts with a thread per question, threads, ephemerals and DMs."""

from __future__ import annotations

import io
import logging
from typing import Any, Final

import discord

from adapters.discord._render import Rendered, dm_closed_notice, render, thread_name
from adapters.discord._views import build_view
from bot import Conversation, MessageRef, Reply
from bot.errors import UserError
from bot.replies import Visibility

log = logging.getLogger(__name__)

THREAD_ARCHIVE_MINUTES: Final = 10080


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


class DiscordOutbox:
    """Posts as the bot: public replies in channels and threads, private ones by DM."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        """A question opens a thread (its id comes back as `thread_id`); a reply with a thread goes there."""
        if reply.visibility is not Visibility.PUBLIC and reply.recipient is not None:
            return await self.direct(conversation, reply, reply.recipient.user_id)
        rendered = render(reply)
        if reply.kind == "question" and reply.thread_id is None and conversation.thread_id is None:
            return await self._post_question(conversation, reply, rendered)
        target = reply.thread_id or conversation.thread_id or conversation.channel_id
        message = await self._messageable(conversation, target).send(**message_options(rendered))
        return MessageRef(str(message.id), target)

    async def _post_question(self, where: Conversation, reply: Reply, rendered: Rendered) -> MessageRef:
        """A question card is a top-level post with its own thread, whose messages are answers."""
        if isinstance(self._client.get_channel(int(where.channel_id)), discord.ForumChannel):
            raise UserError("Questions are posted in text channels, with a thread each; use `/quiz` in one.")
        message = await self._messageable(where, where.channel_id).send(**message_options(rendered))
        try:
            thread = await message.create_thread(
                name=thread_name(reply), auto_archive_duration=THREAD_ARCHIVE_MINUTES
            )
        except (discord.HTTPException, ValueError) as exc:
            log.warning(
                "could not open a thread in channel %s (%s); answers go through the buttons",
                where.channel_id,
                type(exc).__name__,
            )
            return MessageRef(str(message.id), where.channel_id)
        return MessageRef(str(message.id), str(thread.id))

    async def direct(self, conversation: Conversation, reply: Reply, user_id: str) -> MessageRef:
        """A private reply by DM; with DMs closed, a short public mention that says so instead."""
        try:
            channel = await self._client.create_dm(discord.Object(int(user_id)))
            message = await channel.send(**message_options(render(reply)))
        except discord.Forbidden:
            log.info("direct messages to user %s are closed; mentioning them instead", user_id)
            target = reply.thread_id or conversation.thread_id or conversation.channel_id
            mention = discord.AllowedMentions(users=[discord.Object(int(user_id))])
            message = await self._messageable(conversation, target).send(
                dm_closed_notice(user_id), allowed_mentions=mention
            )
            return MessageRef(str(message.id), target)
        return MessageRef(str(message.id), reply.thread_id or conversation.thread_id or str(channel.id))

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
                ephemeral=True, wait=True, **message_options(render(reply))
            )
        except discord.NotFound:
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
