"""Replies to Slack: public posts paced per channel, ephemeral verdicts, direct messages."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack._render import render
from bot.errors import UserError
from bot.events import Conversation
from bot.replies import MessageRef, Reply, Visibility

log = logging.getLogger(__name__)

NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})
POST_INTERVAL = 1.0

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
    """The core's outbox for Slack: the unprompted one (daily posts) and the base of every event's."""

    def __init__(self, client: AsyncWebClient, pacer: Pacer) -> None:
        self._client = client
        self._pacer = pacer

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        message = render(reply)
        thread = reply.thread_id or conversation.thread_id
        if reply.visibility is Visibility.PUBLIC:
            return await self._post(conversation.channel_id, thread, message)
        if reply.recipient is None:
            raise ValueError(f"a {reply.visibility.value} reply needs a recipient ({reply.kind})")
        if reply.visibility is Visibility.DIRECT:
            opened = await self._client.conversations_open(users=reply.recipient.user_id)
            return await self._post(opened["channel"]["id"], None, message)
        response = await self._client.chat_postEphemeral(
            channel=conversation.channel_id,
            user=reply.recipient.user_id,
            thread_ts=thread,
            **message,
        )
        message_ts = response.get("message_ts") or ""
        return MessageRef(message_ts, thread or message_ts)

    async def _post(self, channel: str, thread: str | None, message: dict[str, Any]) -> MessageRef:
        """A top-level post is its own thread, so replies under it answer its question."""
        await self._pacer.wait(channel)
        response = await self._client.chat_postMessage(
            channel=channel, thread_ts=thread, unfurl_links=False, unfurl_media=False, **message
        )
        ts = response["ts"]
        return MessageRef(ts, thread or ts)


class CommandOutbox:
    """One slash command's outbox: where the bot is not a member, it answers through `response_url`."""

    def __init__(self, outbox: SlackOutbox, respond: Respond) -> None:
        self._outbox = outbox
        self._respond = respond

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
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
