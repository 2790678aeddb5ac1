"""Slack OAuth installations and states in the real SQLite file."""

from __future__ import annotations

from dataclasses import replace

from storage import Database
from storage._installations import InstalledBot, SlackInstallations

BOT = InstalledBot(
    enterprise_id="",
    team_id="T1",
    app_id="A1",
    team_name="One",
    bot_token="xoxb-one",
    bot_id="B1",
    bot_user_id="U0BOT1",
    bot_scopes="chat:write,commands",
    is_enterprise_install=False,
    installed_at=1_700_000_000.0,
)


async def test_an_install_is_found_by_workspace_and_a_reinstall_replaces_its_token(db: Database):
    installations = SlackInstallations(db.connection)
    assert await installations.find("T1") is None
    await installations.save(BOT)
    assert await installations.find("T1") == BOT
    await installations.save(replace(BOT, bot_token="xoxb-new", installed_at=1_700_000_100.0))
    assert (await installations.find("T1")).bot_token == "xoxb-new"
    assert await installations.count() == 1
    await installations.delete("T1")
    assert await installations.find("T1") is None and await installations.count() == 0


async def test_a_state_is_good_once_and_not_after_it_expires(db: Database):
    installations = SlackInstallations(db.connection)
    await installations.issue_state("fresh", expires_at=200.0)
    await installations.issue_state("stale", expires_at=50.0)
    assert await installations.consume_state("fresh", now=100.0) is True
    assert await installations.consume_state("fresh", now=100.0) is False, "a state is good once"
    assert await installations.consume_state("stale", now=100.0) is False
    assert await installations.consume_state("never-issued", now=100.0) is False
