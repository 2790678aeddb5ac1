"""The client's life: login, command sync, resume after a dropped gateway, and a clean stop."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import pytest

from adapters.discord import DiscordSettings, QuizClient, SettingsError, configured, run_client, serve
from adapters.runtime import Runtime
from bot import Core
from bot.commands import Command, Kind
from bot.daily import DailyScheduler
from tests.support.discord import Starter
from tests.support.fake_discord import (
    APP_ID,
    CHANNEL_ID,
    GUILD_ID,
    SEND_MESSAGES,
    TOKEN,
    FakeDiscord,
    shard_of,
)

PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15)


def runtime_for(core: Core, db, bank) -> Runtime:
    """The composition root's bundle around this core (its scheduler built but not started)."""
    parts = {"db": db, "bank": bank, "checker": None, "core": core}
    parts["scheduler"] = DailyScheduler(core.daily, core.clock)
    return Runtime(**{f.name: parts.get(f.name) for f in dataclasses.fields(Runtime)})


def quiz_command(fake: FakeDiscord, scope: int | None = None) -> dict:
    return next(c for c in fake.commands[scope] if c["name"] == "quiz")


async def test_login_syncs_the_quiz_group_without_privileged_intents(core: Core, fake: FakeDiscord, bot):
    assert fake.calls_to("PUT", rf"/applications/{APP_ID}/commands")
    quiz = quiz_command(fake)
    assert quiz["dm_permission"] is False
    subcommands = {option["name"]: option for option in quiz["options"]}
    assert set(subcommands) == {command.name or "ask" for command in core.registry}
    assert {"ask", "hint", "reveal", "answer", "leaderboard", "help"} <= set(subcommands)
    for command in core.registry:
        synced = subcommands[command.name or "ask"]
        assert synced["type"] == (2 if command.subcommands else 1) and 0 < len(synced["description"]) <= 100
        if command.subcommands:
            assert [o["name"] for o in synced["options"]] == [c.name for c in command.subcommands]
            continue
        options = {o["name"]: o for o in synced.get("options", [])}
        assert set(options) == {p.name for p in command.params}, "one option per declared parameter"
        for param in command.params:
            flag = param.kind is Kind.FLAG
            assert options[param.name].get("required", False) == (not param.optional and not flag)
    topic = subcommands["ask"]["options"][0]
    assert (topic["name"], topic["required"], topic["autocomplete"]) == ("topic", False, True)
    intents = fake.frames_with(2)[0]["d"]["intents"]
    assert intents & PRIVILEGED == 0 and not fake.message_content_intent


async def test_guild_ids_sync_to_those_guilds_and_commands_run_there(
    core: Core, fake: FakeDiscord, start: Starter
):
    async with start(core, guild_ids=(GUILD_ID,)):
        assert fake.calls_to("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
        assert not fake.calls_to("PUT", rf"/applications/{APP_ID}/commands")
        assert quiz_command(fake, GUILD_ID)["guild_id"] == str(GUILD_ID)
        ask = await fake.slash("ask", topic="dropout")
        await fake.wait_for(lambda: ask.deleted_original)
        assert fake.posts()[0]["embeds"][0]["title"] == "How dropout works"


async def test_a_dropped_gateway_resumes_the_session_and_replays_missed_events(
    core: Core, fake: FakeDiscord, bot
):
    session, seq = fake.sessions[-1], fake.sequence
    await fake.drop(hold=True)
    missed = await fake.slash("ask", topic="dropout")
    fake.reopen()
    resume = await fake.wait_for(lambda: fake.frames_with(6))
    assert resume[0]["d"]["session_id"] == session
    assert resume[0]["d"]["seq"] == seq
    assert resume[0]["d"]["token"] == TOKEN
    await fake.wait_for(lambda: missed.callbacks and fake.posts())
    assert len(fake.frames_with(2)) == 1, "resumed, not identified again"


async def test_serve_returns_promptly_once_stopping_is_set_and_never_logs_the_token(
    core: Core, db, test_bank, fake: FakeDiscord, caplog: pytest.LogCaptureFixture, tmp_path
):
    caplog.set_level(logging.DEBUG)
    environ = {"DISCORD_TOKEN": TOKEN}
    assert configured(environ) and not configured({"DISCORD_TOKEN": "  "})
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(runtime_for(core, db, test_bank), environ, stopping))
    await fake.wait_for(lambda: fake.identified)
    await fake.slash("ask", topic="dropout")
    await fake.wait_for(lambda: fake.posts(CHANNEL_ID))
    started = asyncio.get_running_loop().time()
    stopping.set()
    await asyncio.wait_for(task, 5)
    assert asyncio.get_running_loop().time() - started < 2
    await fake.wait_for(lambda: fake.closes)
    assert not fake.connected
    assert "discord" not in core.outboxes, "no unprompted posts through a closed client"
    assert (tmp_path / "screenprep.db.discord-commands.json").exists(), "the sync is recorded by the database"
    logged = [r.getMessage() for r in caplog.records]
    assert any("logging in using static token" in m for m in logged)
    assert not [m for m in logged if TOKEN in m or TOKEN.split(".")[0] in m]


async def test_a_rejected_token_stops_serve_with_a_clear_error(core: Core, db, test_bank, fake: FakeDiscord):
    stopping = asyncio.Event()
    runtime = runtime_for(core, db, test_bank)
    with pytest.raises(SettingsError, match="rejected DISCORD_TOKEN") as failure:
        await asyncio.wait_for(serve(runtime, {"DISCORD_TOKEN": "wrong-token"}, stopping), 5)
    assert "wrong-token" not in str(failure.value)
    assert not fake.identified


async def test_asking_for_message_content_without_the_portal_switch_is_a_clear_error(
    core: Core, db, test_bank, fake: FakeDiscord
):
    fake.content_intent_enabled = False
    environ = {"DISCORD_TOKEN": TOKEN, "DISCORD_MESSAGE_CONTENT": "1"}
    with pytest.raises(SettingsError, match="Message Content intent"):
        await asyncio.wait_for(serve(runtime_for(core, db, test_bank), environ, asyncio.Event()), 5)
    assert fake.frames_with(2)[0]["d"]["intents"] & (1 << 15)


async def test_stopping_lets_work_in_progress_finish_before_disconnecting(
    core: Core, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
):
    stopping = asyncio.Event()
    handle = core.handle

    async def stop_while_handling(event, outbox) -> None:
        stopping.set()
        await handle(event, outbox)

    monkeypatch.setattr(core, "handle", stop_while_handling)
    client = QuizClient(core, DiscordSettings(token=TOKEN), guild_ready_timeout=0.01)
    task = asyncio.create_task(run_client(client, TOKEN, stopping))
    await fake.wait_for(lambda: fake.identified)
    await asyncio.wait_for(client.wait_until_ready(), 5)
    ask = await fake.slash("ask", topic="dropout")
    await asyncio.wait_for(task, 5)
    assert fake.threads() and ask.deleted_original
    assert client.is_closed()


async def test_joining_a_server_posts_a_welcome_in_its_system_channel(fake: FakeDiscord, bot):
    guild = fake.add_guild(name="New Team", system_channel=True)
    lobby = fake.add_channel(guild, "lobby", position=1)
    fake.add_channel(guild, "general", position=0)
    await fake.join(guild)
    [welcome] = await fake.wait_for(lambda: fake.posts(lobby))
    text = welcome["embeds"][0]["description"]
    assert [c for c in ("/quiz ask", "/quiz schedule", "/quiz help") if c in text] == [
        "/quiz ask",
        "/quiz schedule",
        "/quiz help",
    ]


async def test_without_a_system_channel_the_welcome_goes_to_the_first_channel_it_may_post_in(
    fake: FakeDiscord, bot
):
    guild = fake.add_guild(name="New Team")
    closed = fake.add_channel(guild, "announcements", position=0)
    general = fake.add_channel(guild, "general", position=1)
    fake.deny(closed, SEND_MESSAGES)
    await fake.join(guild)
    await fake.wait_for(lambda: fake.posts(general))
    assert not fake.posts(closed) and not fake.refusals()


async def test_the_client_shards_as_discord_says_and_serves_each_servers_events_on_its_shard(
    core: Core, fake: FakeDiscord, start: Starter
):
    fake.shards, fake.max_concurrency = 2, 2
    other = fake.guild_with_shard(1 - shard_of(GUILD_ID, 2))
    fake.add_guild(other, "Second Server")
    practice = fake.add_channel(other, "practice")
    async with start(core) as client:
        await fake.wait_for(lambda: len(fake.frames_with(2)) == 2)
        assert sorted(f["d"]["shard"] for f in fake.frames_with(2)) == [[0, 2], [1, 2]]
        assert client.shard_count == 2 and {g.id for g in client.guilds} == {GUILD_ID, other}
        ask = await fake.slash("ask", channel_id=practice, topic="dropout")
        await fake.wait_for(lambda: ask.deleted_original)
    assert fake.posts(practice)[0]["embeds"][0]["title"] == "How dropout works"
    assert fake.calls_to("GET", r"/gateway/bot")


async def test_commands_are_registered_again_only_when_the_tree_changed(
    core: Core, fake: FakeDiscord, start: Starter, tmp_path
):
    record = tmp_path / "commands.json"
    puts = lambda: len(fake.calls_to("PUT", rf"/applications/{APP_ID}/commands"))  # noqa: E731
    async with start(core, commands_file=record):
        assert puts() == 1
    async with start(core, commands_file=record):
        assert puts() == 1, "a restart with the same commands registers nothing"

    async def extra(ctx) -> None:
        """Nothing: only its declaration matters here."""

    core.registry.add(Command("extra", "A new sub-command.", extra))
    async with start(core, commands_file=record):
        assert puts() == 2
    assert "extra" in {o["name"] for o in quiz_command(fake)["options"]}
