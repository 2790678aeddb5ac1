"""One process serves every configured platform: Slack workspaces installed by OAuth and sharded Discord."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest
from aiohttp import ClientConnectorError

from adapters.platforms import serve_all
from bot.config import Settings
from tests.support.fake_discord import GUILD_ID, TOKEN, FakeDiscord, shard_of
from tests.support.fake_slack import CLIENT_ID, CLIENT_SECRET, SIGNING_SECRET, TEAM, FakeSlack
from tests.support.slack import ALICE, free_port, install


async def installed(slack: FakeSlack, server: str, team: str, within: float = 20.0) -> tuple[int, str]:
    """Install through OAuth once the HTTP server listens (it starts beside the Discord client)."""
    async with asyncio.timeout(within):
        while True:
            try:
                return await install(slack, server, team)
            except ClientConnectorError:
                await asyncio.sleep(0.05)


@pytest.fixture
async def discord(monkeypatch: pytest.MonkeyPatch):
    server = await FakeDiscord().start()
    server.patch(monkeypatch)
    server.shards, server.max_concurrency = 2, 2
    yield server
    await server.close()


async def test_one_run_serves_two_oauth_workspaces_and_a_sharded_discord_bot(discord: FakeDiscord, tmp_path):
    other = discord.guild_with_shard(1 - shard_of(GUILD_ID, 2))
    discord.add_guild(other, "Second Server")
    practice = discord.add_channel(other, "practice")
    port = free_port()
    async with FakeSlack() as slack:
        environ = {
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": CLIENT_SECRET,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
            "HOST": "127.0.0.1",
            "DISCORD_TOKEN": TOKEN,
            "SCREENPREP_SANDBOX": "off",
        }
        serving = asyncio.create_task(serve_all(tmp_path / "run.db", environ, Settings.from_environ(environ)))
        server = f"http://127.0.0.1:{port}"
        slack.app_url = f"{server}/slack/events"
        try:
            await discord.wait_for(lambda: len(discord.frames_with(2)) == 2, within=30)
            assert sorted(f["d"]["shard"] for f in discord.frames_with(2)) == [[0, 2], [1, 2]]
            ask = await discord.slash("ask", channel_id=practice, topic="dropout")
            await discord.wait_for(lambda: ask.deleted_original)
            assert discord.posts(practice)[0]["embeds"][0]["title"] == "How dropout works"

            for team in (TEAM, "T0SECOND"):
                status, page = await installed(slack, server, team)
                assert status == 200, page
                await slack.command("dropout", user=ALICE, team=team)
                card = await slack.wait_for("chat.postMessage", lambda c, t=team: c.ok and c.team == t)
                assert card[0].token == slack.token_of(team)
                assert "How dropout works" in card[0].all_text()
        finally:
            if not serving.done():  # serve_all stops on SIGTERM, as `screenprep run` does under systemd
                os.kill(os.getpid(), signal.SIGTERM)
            assert await asyncio.wait_for(serving, 20) == 0
