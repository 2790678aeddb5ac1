"""Bolt listeners: ack first, then turn the payload into a core event and run it through the bridge."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.errors import SlackApiError

from adapters.slack import _payloads as payloads
from adapters.slack._bridge import Bridge
from adapters.slack._files import Unreadable, answer_text, shared_files
from adapters.slack._home import build_home, welcome
from adapters.slack._outbox import CommandOutbox
from adapters.slack._render import form_values
from bot.actions import ID_PATTERN
from bot.events import ActionInvoked, Actor, CommandInvoked, Conversation, FormSubmitted, MessagePosted
from bot.replies import Note, Tone, private_notice

log = logging.getLogger(__name__)

COMMAND = "/quiz"


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Every listener the adapter needs; each group can also be registered on its own."""
    register_commands(app, bridge)
    register_messages(app, bridge)
    register_interactions(app, bridge)
    register_home(app, bridge)


def register_commands(app: AsyncApp, bridge: Bridge) -> None:
    """The one slash command, `/quiz`; the core's registry parses what follows it."""

    @app.command(COMMAND)
    async def quiz_command(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """`/quiz ...`: the text after the command goes to the core's command parser."""
        await ack()
        where = payloads.command_conversation(command)
        actor = await bridge.people.actor(
            where.team_id, command.get("user_id", ""), command.get("user_name", "")
        )
        event = CommandInvoked(actor, where, payloads.command_text(command))
        await bridge.run(event, CommandOutbox(bridge.outbox, respond))


def register_messages(app: AsyncApp, bridge: Bridge) -> None:
    """Thread replies (message.channels, message.groups), each Slack event id handled once."""

    @app.event("message")
    async def thread_reply(body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext) -> None:
        """A reply in a question's thread is an answer; everything else in the channel is ignored."""
        if not payloads.is_answer(event, context.bot_user_id):
            return
        if not bridge.first_delivery(body.get("event_id")):
            log.info("ignoring a repeated delivery of event %s", body.get("event_id"))
            return
        conversation = payloads.message_conversation(body, event)
        actor = await bridge.people.actor(conversation.team_id, event["user"])
        text = payloads.message_text(event)
        if files := shared_files(event):
            try:
                text = await answer_text(text, files, context.bot_token or "")
            except Unreadable as exc:
                await _tell(bridge, conversation, actor, exc.message)
                return
        await bridge.run(MessagePosted(actor, conversation, text))


async def _tell(bridge: Bridge, where: Conversation, who: Actor, text: str) -> None:
    """A private note in the thread, for what never reaches the core."""
    reply = private_notice(Note(text, Tone.WARNING), who, where.thread_id)
    try:
        await bridge.outbox.send(where, reply)
    except SlackApiError as exc:
        log.warning("could not tell %s: %s", who.user_id, exc.response.get("error"))


def register_interactions(app: AsyncApp, bridge: Bridge) -> None:
    """Buttons with the core's namespaced ids (`quiz:<verb>:<post>`, ...) and the modals they open."""

    @app.action(ID_PATTERN)
    async def button(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """A button: a form opens at once, any other button acts through the core."""
        await ack()
        action_id = action.get("action_id", "")
        where = payloads.action_conversation(body)
        user_id, user_name = payloads.user_of(body)
        form = bridge.core.form_for(action_id)
        if form is not None and body.get("trigger_id"):
            await bridge.open_form(
                body["trigger_id"], form, where, Actor(payloads.PLATFORM, user_id, user_name)
            )
            return
        actor = await bridge.people.actor(where.team_id, user_id, user_name)
        await bridge.run(ActionInvoked(actor, where, action_id))

    @app.view(ID_PATTERN)
    async def form_submitted(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        """A modal's answer: ack closes it, then the core grades the answer and replies privately."""
        await ack()
        where = payloads.form_conversation(body)
        if where is None:
            log.warning("a submitted form had no usable private_metadata; ignoring it")
            return
        user_id, user_name = payloads.user_of(body)
        actor = await bridge.people.actor(where.team_id, user_id, user_name)
        await bridge.run(FormSubmitted(actor, where, view.get("callback_id", ""), form_values(view)))


def register_home(app: AsyncApp, bridge: Bridge) -> None:
    """The App Home tab (app_home_opened) and a welcome when the bot joins a channel."""

    @app.event("app_home_opened")
    async def home_opened(body: dict[str, Any], event: dict[str, Any]) -> None:
        """Publish the person's Home: views.publish replaces it each time they open the tab."""
        if event.get("tab") != "home" or not event.get("user"):
            return
        team_id = body.get("team_id") or ""
        view = await build_home(bridge, team_id, event["user"], event.get("channel") or "")
        client = await bridge.workspaces.client(team_id)
        try:
            await client.views_publish(user_id=event["user"], view=view)
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", exc.response.get("error", "unknown error"))

    @app.event("member_joined_channel")
    async def joined(body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext) -> None:
        """Say hello with the first three commands when the bot itself is added; ignore everyone else."""
        if event.get("user") != context.bot_user_id or not bridge.first_delivery(body.get("event_id")):
            return
        where = payloads.conversation(
            event.get("team") or body.get("team_id") or "", event.get("channel", "")
        )
        try:
            await bridge.outbox.send(where, welcome())
        except SlackApiError as exc:
            log.warning("could not welcome %s: %s", where.channel_id, exc.response.get("error"))
