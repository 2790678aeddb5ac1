"""The discord.py client: interactions and thread messages in as core events; runs until told to stop."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
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
from adapters.discord._outbox import DiscordOutbox, InteractionOutbox, message_options, reads_thread_replies
from adapters.discord._permissions import first_postable
from adapters.discord._render import render_form, unreadable_reply_notice, welcome
from adapters.discord._settings import DiscordSettings, SettingsError
from adapters.discord._sync import SyncRecord, tree_digest
from adapters.discord._views import QuizButton, QuizModal, form_values
from adapters.inflight import InFlight
from bot import ActionInvoked, Actor, CommandInvoked, Conversation, Core, Event, FormSubmitted, MessagePosted
from bot.actions import ID_PATTERN
from bot.events import OptionValue
from bot.replies import Note, Reply, Tone, Visibility
from bot.text import MAX_MESSAGE_CHARS, fenced
from questions import Language

log = logging.getLogger(__name__)

MakeEvent = Callable[[Actor, Conversation], Event]

_NOT_HERE = "ScreenPrep runs in server channels; use `/quiz` there."
_TOLD_LIMIT = 10_000
IDENTIFY_INTERVAL = 5.0
"""Seconds between identify batches (docs/events/gateway#session-start-limit-object)."""
_TEXT_FILES: dict[str, Language | None] = {"py": Language.PYTHON, "txt": None, "md": None}
"""Attachments read as part of an answer, by suffix, with the language whose fence their text goes in."""
_ATTACHMENT_BYTES = 4 * MAX_MESSAGE_CHARS


class QuizClient(discord.AutoShardedClient):
    """A Discord client that speaks for the core; no privileged intent is needed.

    Sharded as Discord recommends (GET /gateway/bot says how many shards; a bot in 2,500 servers must).
    """

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
        self._told_unreadable: set[tuple[str, str]] = set()
        self.sync_record = SyncRecord(settings.commands_file)
        self._identify_concurrency = 1
        self.tree = app_commands.CommandTree(self)
        self.tree.error(self._command_error)
        self.tree.add_command(build_quiz_group(core.registry, self.quiz_command))

    async def setup_hook(self) -> None:
        """Before the gateway: persistent buttons, the command sync and how many shards may start at once."""
        self.add_dynamic_items(QuizButton)
        await self.sync_commands()
        limits = await self.fetch_session_start_limits()
        self._identify_concurrency = max(1, limits.max_concurrency)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Shards identify `max_concurrency` at a time, 5 s apart (discord.py waits before each one)."""
        if initial or (shard_id or 0) % self._identify_concurrency:
            return
        await asyncio.sleep(IDENTIFY_INTERVAL)

    async def on_ready(self) -> None:
        """Unprompted posts start once the guilds are known: a question's thread needs its guild."""
        self.core.attach(PLATFORM, self.outbox)
        log.info("connected to Discord as %s in %d server(s)", self.user, len(self.guilds))

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Say hello with the first three commands where the bot may post: system channel, else the first."""
        channel = first_postable(guild)
        if channel is None:
            log.info("joined server %s but may post in none of its channels; no welcome", guild.id)
            return
        try:
            await channel.send(**message_options(self.outbox.render(welcome())))
        except discord.HTTPException as exc:
            log.warning("could not welcome server %s in channel %s: %s", guild.id, channel.id, exc)

    async def close(self) -> None:
        """Stop unprompted posts through this client before it disconnects."""
        if self.core.outboxes.get(PLATFORM) is self.outbox:
            del self.core.outboxes[PLATFORM]
        await super().close()

    async def sync_commands(self) -> None:
        """Globally by default; to each of DISCORD_GUILD_IDS instead, where they show up at once.

        A scope whose command tree is what was last registered there is left alone: Discord limits how
        often commands may be created, and a restart changes nothing.
        """
        scopes: list[discord.Object | None] = [discord.Object(g) for g in self.settings.guild_ids] or [None]
        for guild in scopes:
            if guild is not None:
                self.tree.copy_global_to(guild=guild)
            where = f"in guild {guild.id}" if guild else "globally"
            key, digest = (
                f"{self.application_id}:{guild.id if guild else 'global'}",
                tree_digest(self.tree, guild),
            )
            if self.sync_record.unchanged(key, digest):
                log.info("/quiz is registered %s already, unchanged", where)
                continue
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error(
                    "Discord refused to register /quiz in guild %s: invite the bot with the "
                    "applications.commands scope there, or remove it from DISCORD_GUILD_IDS",
                    guild.id if guild else "(global)",
                )
                continue
            self.sync_record.remember(key, digest)
            log.info("registered /quiz (%d command) %s", len(synced), where)

    async def quiz_command(
        self, interaction: discord.Interaction, words: str, options: Mapping[str, OptionValue]
    ) -> None:
        """A `/quiz` sub-command: its words, and its options already typed (a picked user as a person)."""
        await self._deferred(interaction, lambda actor, where: CommandInvoked(actor, where, words, options))

    async def quiz_action(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A button: the modal it opens is the first response; anything else is deferred and handled."""
        form = self.core.form_for(custom_id)
        if form is not None:
            try:
                mention = self.user.mention if self.user else "@ScreenPrep"
                await interaction.response.send_modal(QuizModal(render_form(form, mention)))
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
        if not ID_PATTERN.match(form_id):
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
        readable = reads_thread_replies(self) or any(user.id == self.user.id for user in message.mentions)
        thread = await self._thread(message, fetch=readable)
        if thread is None or thread.owner_id != self.user.id:
            return
        where = conversation_for(message.guild, thread)
        if where is None:
            return
        actor = message_actor(message, self.settings.admins)
        if not readable:
            await self._cannot_read(actor, where)
            return
        text = await _with_attachments(_without_mention(message.content, self.user.id), message.attachments)
        if text:
            with self._in_flight.track():
                await self._handle(MessagePosted(actor, where, text), self.outbox)

    async def _cannot_read(self, actor: Actor, where: Conversation) -> None:
        """A thread reply that arrived without its text: tell its author once per thread, privately."""
        key = (actor.user_id, where.thread_id or where.channel_id)
        if key in self._told_unreadable or self.user is None:
            return
        if len(self._told_unreadable) >= _TOLD_LIMIT:
            self._told_unreadable.clear()
        self._told_unreadable.add(key)
        note = Note(unreadable_reply_notice(self.user.mention), Tone.WARNING)
        reply = Reply.of(note, Visibility.DIRECT, actor, where.thread_id)
        try:
            await self.outbox.direct(where, reply, actor.user_id)
        except discord.HTTPException as exc:
            log.info("could not tell user %s their thread reply was unreadable: %s", actor.user_id, exc)

    async def _thread(self, message: discord.Message, *, fetch: bool) -> discord.Thread | None:
        """The message's thread; an uncached one is fetched only for a message the bot can read."""
        channel = message.channel
        if isinstance(channel, discord.Thread):
            return channel
        if not fetch or not isinstance(channel, discord.PartialMessageable):
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


async def _with_attachments(text: str, attachments: list[discord.Attachment]) -> str:
    """Text files attached to an answer are part of it: code too long for a modal arrives this way."""
    parts = [text] if text else []
    for attachment in attachments:
        suffix = attachment.filename.lower().rpartition(".")[2]
        if suffix not in _TEXT_FILES or attachment.size > _ATTACHMENT_BYTES:
            continue
        try:
            body = (await attachment.read()).decode("utf-8", errors="replace").strip("\n")
        except discord.HTTPException as exc:
            log.warning("could not download attachment %s: %s", attachment.filename, exc)
            continue
        language = _TEXT_FILES[suffix]
        parts.append(fenced(body, language) if language else body)
    return "\n\n".join(parts)


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
