"""Bolt listeners: ack first, then turn the payload into a core event and run it through the bridge."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from adapters.slack import _payloads as payloads
from adapters.slack._bridge import Bridge
from adapters.slack._outbox import CommandOutbox
from adapters.slack._render import form_values
from bot.actions import ID_PATTERN
from bot.events import ActionInvoked, Actor, CommandInvoked, FormSubmitted, MessagePosted

log = logging.getLogger(__name__)

COMMAND = "/quiz"


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Every listener the adapter needs; each group can also be registered on its own."""
    register_commands(app, bridge)
    register_messages(app, bridge)
    register_interactions(app, bridge)


def register_commands(app: AsyncApp, bridge: Bridge) -> None:
    """The one slash command, `/quiz`; the core's registry parses what follows it."""

    @app.command(COMMAND)
    async def quiz_command(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """`/quiz ...`: the text after the command goes to the core's command parser."""
        await ack()
        actor = await bridge.people.actor(command.get("user_id", ""), command.get("user_name", ""))
        event = CommandInvoked(actor, payloads.command_conversation(command), payloads.command_text(command))
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
        actor = await bridge.people.actor(event["user"])
        conversation = payloads.message_conversation(body, event)
        await bridge.run(MessagePosted(actor, conversation, payloads.message_text(event)))


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
        actor = await bridge.people.actor(user_id, user_name)
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
        actor = await bridge.people.actor(user_id, user_name)
        await bridge.run(FormSubmitted(actor, where, view.get("callback_id", ""), form_values(view)))
