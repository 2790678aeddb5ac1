"""One process, many workspaces: Bolt's OAuth flow stores each install in SQLite, and each workspace's
events and posts use its own bot token."""

from __future__ import annotations

import pytest
from aiohttp import ClientSession

from adapters.slack import SlackSettings, build, http_server
from bot import Core
from storage import Database
from storage._installations import SlackInstallations
from tests.support.fake_slack import (
    BOT_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    SIGNING_SECRET,
    TEAM,
    FakeSlack,
    event_callback,
)
from tests.support.slack import ALICE, eventually, install

OTHER = "T0OTHER"


@pytest.fixture
async def many(fake: FakeSlack, core: Core, db: Database):
    """The bot in OAuth mode over HTTP, with no workspace installed yet."""
    settings = SlackSettings(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        signing_secret=SIGNING_SECRET,
        api_url=fake.api_url,
    )
    bot = build(settings, core, post_interval=0, installations=SlackInstallations(db.connection))
    core.attach("slack", bot.outbox)
    async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
        fake.app_url = f"http://127.0.0.1:{port}/slack/events"
        yield f"http://127.0.0.1:{port}"
        await bot.bridge.drain(2.0)


async def test_two_workspaces_installed_by_oauth_each_get_answers_with_their_own_token(
    fake: FakeSlack, many: str, db: Database
):
    for team in (TEAM, OTHER):
        status, page = await install(fake, many, team)
        assert status == 200, page
    assert await SlackInstallations(db.connection).count() == 2

    for team in (TEAM, OTHER):
        await fake.command("dropout", user=ALICE, team=team)
        cards = await fake.wait_for("chat.postMessage", lambda c, t=team: c.ok and c.team == t)
        assert cards[0].token == fake.token_of(team) != BOT_TOKEN
    assert fake.token_of(TEAM) != fake.token_of(OTHER)


async def test_an_install_with_a_forged_state_is_refused(fake: FakeSlack, many: str, db: Database):
    status, _ = await install(fake, many, TEAM)
    assert status == 200
    async with ClientSession() as browser:
        forged = f"{many}/slack/oauth_redirect?code={fake.authorize(OTHER)}&state=made-up"
        async with browser.get(forged, headers={"Cookie": "slack-app-oauth-state=made-up"}) as done:
            assert done.status in (400, 401)
    assert await SlackInstallations(db.connection).count() == 1


async def test_an_uninstall_forgets_the_workspace(fake: FakeSlack, many: str, db: Database):
    await install(fake, many, OTHER)
    installations = SlackInstallations(db.connection)
    assert await installations.find(OTHER) is not None
    uninstalled = event_callback({"type": "app_uninstalled", "event_ts": "1.1"}, team=OTHER)
    assert (await fake.deliver("events_api", uninstalled)).status == 200
    await eventually(lambda: installations.find(OTHER), equals=None)
