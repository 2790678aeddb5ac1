"""The discord.py client: interactions and thread messages in as core events; runs until told to stop."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from adapters.discord._commands import build_quiz_group
from adapters.discord._identity import (
    PLATFORM,
    conversation_for,
    interaction_actor,
    message_actor,
)
from adapters.discord._outbox import DiscordOutbox, InteractionOutbox
from adapters.discord._render import render_form
from adapters.discord._settings import DiscordSettings, SettingsError
from adapters.discord._views import ACTION_PATTERN, QuizButton, QuizModal, form_values
from adapters.inflight import InFlight
from bot import ActionInvoked, Actor, CommandInvoked, Conversation, Core, Event, FormSubmitted, MessagePosted

log = logging.getLogger(__name__)

MakeEvent = Callable[[Actor, Conversation], Event]

_NOT_HERE = "ScreenPrep runs in server channels; use `/quiz` there."


class QuizClient(discord.Client):
    """A Discord client that speaks for the core; no privileged intent is needed."""

    def __init__(self, core: Core, settings: DiscordSettings, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.message_content = settings.message_content
        super().__init__(
            intents=intents, allowed_mentions=discord.AllowedMentions.none(), max_messages=None, **options
        )
        self.core = core
        self.settings = settings
        self.outbox = DiscordOutbox(self)
        self._in_flight = InFlight()
        self.tree = app_commands.CommandTree(self)
        self.tree.error(self._command_error)
        self.tree.add_command(build_quiz_group(core.registry, core.quiz.bank, self.quiz_command))

    async def setup_hook(self) -> None:
        """Before the gateway: persistent buttons and the command sync."""
        self.add_dynamic_items(QuizButton)
        await self.sync_commands()

    async def on_ready(self) -> None:
        """Unprompted posts start once the guilds are known: a question's thread needs its guild."""
        self.core.attach(PLATFORM, self.outbox)
        log.info("connected to Discord as %s in %d server(s)", self.user, len(self.guilds))

    async def close(self) -> None:
        """Stop unprompted posts through this client before it disconnects."""
        if self.core.outboxes.get(PLATFORM) is self.outbox:
            del self.core.outboxes[PLATFORM]
        await super().close()

    async def sync_commands(self) -> None:
        """Globally by default; to each of DISCORD_GUILD_IDS instead, where they show up at once."""
        scopes: list[discord.Object | None] = [discord.Object(g) for g in self.settings.guild_ids] or [None]
        for guild in scopes:
            if guild is not None:
                self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error(
                    "Discord refused to register /quiz in guild %s: invite the bot with the "
                    "applications.commands scope there, or remove it from DISCORD_GUILD_IDS",
                    guild.id if guild else "(global)",
                )
                continue
            log.info(
                "registered /quiz (%d command) %s",
                len(synced),
                f"in guild {guild.id}" if guild else "globally",
            )

    async def quiz_command(self, interaction: discord.Interaction, text: str) -> None:
        """A `/quiz` sub-command, as the line the console would read."""
        await self._deferred(interaction, lambda actor, where: CommandInvoked(actor, where, text))

    async def quiz_action(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A button: the modal it opens is the first response; anything else is deferred and handled."""
        form = self.core.form_for(custom_id)
        if form is not None:
            try:
                await interaction.response.send_modal(QuizModal(render_form(form)))
            except discord.HTTPException as exc:
                log.warning("could not open the %s form: %s", custom_id, exc)
            return
        await self._deferred(
            interaction, lambda actor, where: ActionInvoked(actor, where, custom_id), thinking=False
        )

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Modal submits are read from the raw payload, so forms opened before a restart still count."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        form_id = str(data.get("custom_id", ""))
        if not ACTION_PATTERN.fullmatch(form_id):
            return
        values = form_values(data.get("components", []))
        await self._deferred(interaction, lambda actor, where: FormSubmitted(actor, where, form_id, values))

    async def _deferred(
        self, interaction: discord.Interaction, make: MakeEvent, *, thinking: bool = True
    ) -> None:
        """Acknowledge within Discord's 3 seconds, then let the core take its time."""
        where = conversation_for(interaction.guild, interaction.channel)
        try:
            if where is None:
                await interaction.response.send_message(_NOT_HERE, ephemeral=True)
                return
            if thinking:
                await interaction.response.defer(ephemeral=True, thinking=True)
            else:
                await interaction.response.defer()
        except discord.HTTPException as exc:
            log.warning("could not acknowledge interaction %s in time: %s", interaction.id, exc)
            return
        outbox = InteractionOutbox(self.outbox, interaction, thinking=thinking)
        event: Event = make(interaction_actor(interaction, self.settings.admins), where)
        with self._in_flight.track():
            await self._handle(event, outbox)
            await outbox.finish()

    async def on_message(self, message: discord.Message) -> None:
        """A message in a question's thread is an answer; without the content intent, only a mention."""
        if message.author.bot or message.guild is None or self.user is None:
            return
        mentioned = any(user.id == self.user.id for user in message.mentions)
        if not (self.settings.message_content or mentioned):
            return
        thread = await self._thread(message)
        if thread is None or thread.owner_id != self.user.id:
            return
        text = _without_mention(message.content, self.user.id)
        if not text:
            return
        where = conversation_for(message.guild, thread)
        if where is not None:
            with self._in_flight.track():
                actor = message_actor(message, self.settings.admins)
                await self._handle(MessagePosted(actor, where, text), self.outbox)

    async def _thread(self, message: discord.Message) -> discord.Thread | None:
        channel = message.channel
        if isinstance(channel, discord.Thread):
            return channel
        if not isinstance(channel, discord.PartialMessageable):
            return None
        try:
            fetched = await self.fetch_channel(channel.id)
        except discord.HTTPException:
            return None
        return fetched if isinstance(fetched, discord.Thread) else None

    async def _handle(self, event: Event, outbox: Any) -> None:
        try:
            await self.core.handle(event, outbox)
        except Exception:
            log.exception("the core raised while handling a Discord %s", type(event).__name__)

    async def drain(self, within: float) -> None:
        """Let events being handled finish (a code check, a post) before the connection closes."""
        busy = self._in_flight.running()
        if busy:
            log.info("waiting for %d event(s) in progress", len(busy))
        cancelled = await self._in_flight.drain(within)
        if cancelled:
            log.warning("cancelled %d unfinished Discord event(s) at shutdown", cancelled)

    async def _command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """A command the tree could not run (usually commands out of sync); tell the user briefly."""
        log.warning("app command failed: %s", error)
        if interaction.response.is_done():
            return
        try:
            await interaction.response.send_message(
                "That command is out of date; try again in a minute.", ephemeral=True
            )
        except discord.HTTPException as exc:
            log.info("could not answer interaction %s: %s", interaction.id, exc)


def _without_mention(text: str, user_id: int) -> str:
    return re.sub(rf"<@!?{user_id}>", "", text).strip()


async def run_client(client: QuizClient, token: str, stopping: asyncio.Event, *, grace: float = 5.0) -> None:
    """Run the client until `stopping` is set; then let work in progress finish and close, within `grace`."""
    async with client:
        runner = asyncio.create_task(client.start(token), name="discord-client")
        waiter = asyncio.create_task(stopping.wait(), name="discord-stopping")
        try:
            await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
            if not runner.done():
                try:
                    await client.drain(grace)
                    await asyncio.wait_for(client.close(), grace)
                    await asyncio.wait_for(runner, grace)
                except TimeoutError:
                    log.warning("the Discord client did not stop within %.0f s", grace)
                    runner.cancel()
        _raise_startup_failure(runner)


def _raise_startup_failure(runner: asyncio.Task[None]) -> None:
    """A rejected token or a missing portal switch is a settings error with a message to act on."""
    if not runner.done() or runner.cancelled() or runner.exception() is None:
        return
    error = runner.exception()
    if isinstance(error, discord.LoginFailure):
        raise SettingsError(
            "Discord rejected DISCORD_TOKEN; copy the bot token again from the portal"
        ) from None
    if isinstance(error, discord.PrivilegedIntentsRequired):
        raise SettingsError(
            "DISCORD_MESSAGE_CONTENT=1 needs the Message Content intent enabled in the developer portal "
            "(Bot → Privileged Gateway Intents), or unset it"
        ) from None
    raise error  # type: ignore[misc]
