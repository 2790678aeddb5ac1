"""The seam between listeners and the core: run each event once, after the ack, and track it to the end."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import replace

from slack_sdk.errors import SlackApiError

from adapters.inflight import InFlight
from adapters.slack._outbox import SlackOutbox
from adapters.slack._payloads import form_metadata
from adapters.slack._people import People
from adapters.slack._render import render_form
from adapters.slack._workspaces import Workspaces
from bot import Core, Event, Outbox
from bot.events import ActionInvoked, Actor, CommandInvoked, Conversation, MessagePosted
from bot.replies import Form, Note, Tone, private_notice

log = logging.getLogger(__name__)

SEEN_EVENTS = 10_000
POSTING_WAIT_SECONDS = 3.0


class Bridge:
    """Holds what listeners share: the core, the outbox, the people directory and the work in flight."""

    def __init__(self, core: Core, workspaces: Workspaces, outbox: SlackOutbox, people: People) -> None:
        self.core = core
        self.workspaces = workspaces
        self.outbox = outbox
        self.people = people
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._in_flight = InFlight()
        self._posting: dict[asyncio.Task[object], str] = {}
        self._channels: dict[str, dict[str, str]] = {}
        self.closing = False

    def first_delivery(self, event_id: str | None) -> bool:
        """False for an event id already handled: Slack re-sends events it thinks were missed."""
        if not event_id:
            return True
        if event_id in self._seen:
            self._seen.move_to_end(event_id)
            return False
        self._seen[event_id] = None
        if len(self._seen) > SEEN_EVENTS:
            self._seen.popitem(last=False)
        return True

    async def run(self, event: Event, outbox: Outbox | None = None) -> None:
        """Hand one event to the core; called after the ack, so slow work (code checks) is fine here."""
        if self.closing:
            log.info("not starting %s: shutting down", type(event).__name__)
            return
        event = self._named(event)
        if isinstance(event, MessagePosted):
            await self._after_posts_in(event.conversation.channel_id)
        task = asyncio.current_task()
        if task is not None and isinstance(event, CommandInvoked | ActionInvoked):
            self._posting[task] = event.conversation.channel_id
        try:
            with self._in_flight.track():
                await self.core.handle(event, outbox or self.outbox)
        finally:
            if task is not None:
                self._posting.pop(task, None)

    async def _after_posts_in(self, channel_id: str) -> None:
        """Let commands and buttons already running in the channel finish (for a few seconds at most).

        A question card's thread is recorded just after Slack accepts the post, so a reply that
        arrives in between would find no question; it waits for the post's recording instead.
        """
        earlier = [t for t, channel in self._posting.items() if channel == channel_id and not t.done()]
        if earlier:
            await asyncio.wait(earlier, timeout=POSTING_WAIT_SECONDS)

    def _named(self, event: Event) -> Event:
        """Remember each channel's name, and fill it in for events that carry none (thread replies)."""
        where = event.conversation
        if where.direct:
            return event
        known = self._channels.setdefault(where.team_id, {})
        if where.channel_name:
            known[where.channel_id] = where.channel_name
            return event
        known.setdefault(where.channel_id, "")
        name = known[where.channel_id]
        return replace(event, conversation=replace(where, channel_name=name)) if name else event

    async def open_form(self, trigger_id: str, form: Form, where: Conversation, who: Actor) -> None:
        """Open the modal at once: a trigger id expires three seconds after the click."""
        try:
            client = await self.workspaces.client(where.team_id)
            await client.views_open(trigger_id=trigger_id, view=render_form(form, form_metadata(where)))
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc.response.get("error", "unknown error"))
            note = Note("That form did not open in time. Please press the button again.", Tone.WARNING)
            notice = private_notice(note, who, where.thread_id)
            try:
                await self.outbox.send(where, notice)
            except SlackApiError as again:
                log.warning("could not tell %s the form failed: %s", who.user_id, again.response.get("error"))

    async def drain(self, grace: float) -> None:
        """Let events in flight finish for up to `grace` seconds, then cancel what is left."""
        self.closing = True
        cancelled = await self._in_flight.drain(grace)
        if cancelled:
            log.warning("cancelled %d unfinished Slack event(s) at shutdown", cancelled)
