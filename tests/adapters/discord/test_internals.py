"""The discord.py internals the fake relies on: if these move, every Discord test would lie, so fail here."""

from __future__ import annotations

import aiohttp
import discord
import discord.gateway
import discord.http
import discord.webhook.async_
import pytest
import yarl

from tests.support.fake_discord import (
    ALICE,
    APP_ID,
    CHANNEL_ID,
    INITIAL_RESPONSE_SECONDS,
    TOKEN,
    TOKEN_LIFETIME_SECONDS,
)


def test_discord_py_is_the_pinned_minor_version():
    assert discord.__version__.startswith("2.7."), "re-check the fake against this discord.py version"


def test_the_rest_base_and_gateway_url_the_fake_patches_still_exist():
    base = discord.http.Route.__dict__.get("BASE")
    assert isinstance(base, str) and base.startswith("https://discord.com/api/v"), "Route.BASE moved"
    assert discord.http.Route("GET", "/users/@me").url == base + "/users/@me"
    gateway = discord.gateway.DiscordWebSocket.__dict__.get("DEFAULT_GATEWAY")
    assert isinstance(gateway, yarl.URL) and gateway.scheme == "wss", "DiscordWebSocket.DEFAULT_GATEWAY moved"


def test_interaction_responses_and_follow_ups_use_the_same_route():
    assert discord.webhook.async_.Route is discord.http.Route, "webhooks would bypass the fake"


async def test_the_fake_answers_late_repeated_and_expired_interaction_responses_as_discord_does(fake):
    interaction = fake.new_interaction(2, ALICE, CHANNEL_ID, {"name": "quiz"})
    async with aiohttp.ClientSession() as http:
        callback = f"{fake.base}/interactions/{interaction.id}/{interaction.token}/callback"
        followup = f"{fake.base}/webhooks/{APP_ID}/{interaction.token}"
        fake.clock_offset = INITIAL_RESPONSE_SECONDS + 1
        assert await status(http, callback, {"type": 5}) == (404, 10062)
        fake.clock_offset = 0
        assert await status(http, callback, {"type": 5}) == (200, None)
        assert await status(http, callback, {"type": 5}) == (400, 40060)
        assert await status(http, followup, {"content": "in time"}) == (200, None)
        fake.clock_offset = TOKEN_LIFETIME_SECONDS + 1
        assert await status(http, followup, {"content": "too late"}) == (401, 50027)


@pytest.mark.parametrize(
    "body",
    [
        {"content": "x" * 2001},
        {"embeds": [{"description": "x" * 4097}]},
        {"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v"}] * 26}]},
        {"embeds": [{"description": "x" * 4000, "fields": [{"name": "n" * 200, "value": "v" * 1000}] * 2}]},
        {"components": [{"type": 1, "components": []}] * 6},
        {"components": [{"type": 1, "components": [{"type": 2, "custom_id": "a", "label": "b"}] * 6}]},
        {"components": [{"type": 1, "components": [{"type": 2, "custom_id": "a" * 101, "label": "b"}]}]},
    ],
)
async def test_the_fake_refuses_messages_over_discords_limits(fake, body):
    async with aiohttp.ClientSession() as http:
        assert await status(http, f"{fake.base}/channels/{CHANNEL_ID}/messages", body) == (400, 50035)
        assert await status(http, f"{fake.base}/channels/{CHANNEL_ID}/messages", {"content": "ok"}) == (
            200,
            None,
        )


async def status(http: aiohttp.ClientSession, url: str, body: dict) -> tuple[int, int | None]:
    async with http.post(url, json=body, headers={"Authorization": f"Bot {TOKEN}"}) as response:
        data = await response.json() if response.content_type == "application/json" else {}
        return response.status, data.get("code") if response.status >= 400 else None
