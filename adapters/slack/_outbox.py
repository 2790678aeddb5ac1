"""Replies to Slack: public posts paced per channel, ephemeral verdicts, direct messages."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack._render import render
from adapters.slack._workspaces import Workspaces
from bot.errors import UserError
from bot.events import Conversation
from bot.replies import Image, MessageRef, Notice, Reply, ReplyKind, Visibility

log = logging.getLogger(__name__)

NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})
POST_INTERVAL = 1.0
LASTING_KINDS = frozenset({ReplyKind.VERDICT, ReplyKind.MODEL_VERDICT, ReplyKind.CODE_VERDICT})

Respond = Callable[..., Awaitable[Any]]


class NotInChannel(UserError):
    """The bot cannot post here until someone invites it; the core shows this privately."""

    def __init__(self) -> None:
        super().__init__(
            "I am not in this channel yet: add me with `/invite @ScreenPrep`, then try again. "
            "I only see thread replies in channels I am in."
        )


class Pacer:
    """Spaces posts to one channel at least `interval` seconds apart; Slack allows about one a second."""

    def __init__(
        self,
        interval: float = POST_INTERVAL,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, channel: str) -> None:
        """Return when this channel may take its next post; callers go in the order they arrived."""
        if self.interval <= 0:
            return
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            now = self._clock()
            ready = self._next.get(channel, now)
            if ready > now:
                await self._sleep(ready - now)
            self._next[channel] = max(now, ready) + self.interval


class SlackOutbox:
    """The core's outbox for Slack: the unprompted one (daily posts) and the base of every event's.

    A private verdict is also copied to the person's direct messages, since an ephemeral message
    vanishes on reload and never reaches another device.
    """

    def __init__(self, workspaces: Workspaces, pacer: Pacer) -> None:
        self._workspaces = workspaces
        self._pacer = pacer

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        client = await self._workspaces.client(conversation.team_id)
        message = render(reply)
        thread = reply.thread_id or conversation.thread_id
        if reply.visibility is Visibility.PUBLIC:
            ref = await self._post(client, conversation.channel_id, thread, message)
            await self._upload_images(client, conversation.channel_id, thread, reply)
            return ref
        if reply.recipient is None:
            raise ValueError(f"a {reply.visibility.value} reply needs a recipient ({reply.kind})")
        if reply.visibility is Visibility.DIRECT:
            return await self._direct(client, reply.recipient.user_id, message)
        response = await client.chat_postEphemeral(
            channel=conversation.channel_id,
            user=reply.recipient.user_id,
            thread_ts=thread,
            **message,
        )
        if reply.kind in LASTING_KINDS:
            await self._keep(client, conversation, reply)
        message_ts = response.get("message_ts") or ""
        return MessageRef(message_ts, thread or message_ts)

    async def _direct(self, client: AsyncWebClient, user_id: str, message: dict[str, Any]) -> MessageRef:
        opened = await client.conversations_open(users=user_id)
        return await self._post(client, opened["channel"]["id"], None, message)

    async def _keep(self, client: AsyncWebClient, conversation: Conversation, reply: Reply) -> None:
        """A copy of a private verdict in the person's DMs (the App Home lists verdicts from the database)."""
        assert reply.recipient is not None
        where = f"#{conversation.channel_name}" if conversation.channel_name else "a channel"
        heading = Notice(f"A copy of your private verdict on `{_question_id(reply)}` in {where}:")
        copy = replace(reply, blocks=(heading, *reply.blocks), visibility=Visibility.DIRECT)
        try:
            await self._direct(client, reply.recipient.user_id, render(copy))
        except SlackApiError as exc:
            log.warning(
                "could not copy a verdict to %s's DMs: %s", reply.recipient.user_id, exc.response.get("error")
            )

    async def _upload_images(
        self, client: AsyncWebClient, channel: str, thread: str | None, reply: Reply
    ) -> None:
        """Each picture as a file in the same place, by the v2 upload flow (files_upload_v2).

        slack_sdk's `files_upload_v2` calls files.getUploadURLExternal, POSTs the bytes to the URL it
        returns, then files.completeUploadExternal with the channel and thread (slack_sdk 3.48,
        web/async_client.py); it needs the `files:write` scope.
        """
        for image in (block for block in reply.blocks if isinstance(block, Image)):
            try:
                await client.files_upload_v2(
                    channel=channel,
                    thread_ts=thread,
                    file=image.data,
                    filename=image.filename,
                    title=image.alt[:250],
                    alt_txt=image.alt[:1000],
                )
            except SlackApiError as exc:
                log.warning("could not upload %s: %s", image.filename, exc.response.get("error"))

    async def _post(
        self, client: AsyncWebClient, channel: str, thread: str | None, message: dict[str, Any]
    ) -> MessageRef:
        """A top-level post is its own thread, so replies under it answer its question."""
        await self._pacer.wait(channel)
        response = await client.chat_postMessage(
            channel=channel, thread_ts=thread, unfurl_links=False, unfurl_media=False, **message
        )
        ts = response["ts"]
        return MessageRef(ts, thread or ts)


class CommandOutbox:
    """One slash command's outbox: where the bot is not a member, it answers through `response_url`.

    Slack sends a slash command without its thread (https://docs.slack.dev/interactivity/
    implementing-slash-commands: no thread_ts in the payload), so `/quiz answer` always grades against
    the channel's latest question; its verdict says which one, and how to answer an older one.
    """

    def __init__(self, outbox: SlackOutbox, respond: Respond) -> None:
        self._outbox = outbox
        self._respond = respond

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        if reply.kind in LASTING_KINDS:
            reply = replace(reply, blocks=(_graded_against(reply), *reply.blocks))
        try:
            return await self._outbox.send(conversation, reply)
        except SlackApiError as exc:
            if exc.response.get("error") not in NOT_A_MEMBER:
                raise
            if reply.visibility is Visibility.PUBLIC:
                raise NotInChannel() from None
        log.info("answering privately in %s through response_url: not a member", conversation.channel_id)
        await self._respond(response_type="ephemeral", replace_original=False, **render(reply))
        return MessageRef("", conversation.thread_id or "")


def _graded_against(reply: Reply) -> Notice:
    return Notice(
        f"Graded as an answer to `{_question_id(reply)}`, this channel's latest question. "
        "For an older one, use *Answer privately* on its card: slash commands carry no thread."
    )


def _question_id(reply: Reply) -> str:
    """The question a verdict grades (`?` for a reply without one)."""
    return str(getattr(reply.view, "question_id", "?"))
