"""The discord.py internals the fake relies on: if these move, every Discord test would lie, so fail here."""

from __future__ import annotations

import discord
import discord.gateway
import discord.http
import discord.webhook.async_
import yarl


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
