"""The real slack-bolt app wired to the core, against the fake Slack, over HTTP or Socket Mode."""

from __future__ import annotations

import pytest

from adapters.slack import build, http_server, socket_mode
from bot import Core
from tests.support.fake_slack import FakeSlack
from tests.support.slack import add_people, settings_for


@pytest.fixture
async def fake():
    async with FakeSlack() as slack:
        add_people(slack)
        yield slack


@pytest.fixture
async def slack(fake: FakeSlack, core: Core):
    """The bot in HTTP mode on 127.0.0.1, attached to the core as the scheduler would find it."""
    bot = build(settings_for(fake), core, post_interval=0)
    core.attach("slack", bot.outbox)
    async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
        fake.app_url = f"http://127.0.0.1:{port}/slack/events"
        yield bot
        await bot.bridge.drain(2.0)


@pytest.fixture
async def socket_slack(fake: FakeSlack, core: Core):
    """The bot in Socket Mode, connected to the fake's websocket."""
    bot = build(settings_for(fake, socket=True), core, post_interval=0)
    core.attach("slack", bot.outbox)
    fake.transport = "socket"
    async with socket_mode(bot):
        await fake.wait_until(lambda: fake.socket_open)
        yield bot
        await bot.bridge.drain(2.0)
