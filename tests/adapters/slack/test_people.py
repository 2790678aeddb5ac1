"""Admins are workspace admins and owners plus SCREENPREP_ADMINS; lookups are cached and fail soft."""

from __future__ import annotations

from adapters.slack import build_client
from adapters.slack._people import People
from adapters.slack._workspaces import Workspaces
from tests.support.fake_slack import TEAM, FakeSlack
from tests.support.slack import ALICE, LISTED, OWNER, settings_for


def people(fake: FakeSlack, clock=None) -> People:
    client = build_client(settings_for(fake))
    return People(Workspaces(client), frozenset({LISTED}), **({"clock": clock} if clock else {}))


async def test_owners_admins_and_listed_users_are_admins(fake: FakeSlack):
    fake.add_user("U0ADMIN", "ada", admin=True)
    directory = people(fake)
    assert [(await directory.actor(TEAM, u)).is_admin for u in (ALICE, OWNER, "U0ADMIN", LISTED)] == [
        False,
        True,
        True,
        True,
    ]
    assert (await directory.actor(TEAM, OWNER)).display_name == "olivia"


async def test_lookups_are_cached_until_they_expire(fake: FakeSlack):
    now = [0.0]
    directory = people(fake, clock=lambda: now[0])
    await directory.actor(TEAM, ALICE)
    await directory.actor(TEAM, ALICE)
    assert len(fake.calls_to("users.info")) == 1
    now[0] += 601
    await directory.actor(TEAM, ALICE)
    assert len(fake.calls_to("users.info")) == 2


async def test_a_failed_lookup_uses_the_payload_name_and_only_the_admin_list(fake: FakeSlack, caplog):
    directory = people(fake)
    stranger = await directory.actor(TEAM, "U0GHOST", "ghost")
    assert (stranger.display_name, stranger.is_admin) == ("ghost", False)
    fake.fail_next("users.info", 200, {"ok": False, "error": "missing_scope"})
    fake.users.pop(LISTED)
    listed = await directory.actor(TEAM, LISTED, "lee")
    assert listed.is_admin, "SCREENPREP_ADMINS works without users:read"
    assert "missing_scope" in caplog.text


async def test_display_names_cannot_format_a_message(fake: FakeSlack):
    fake.add_user("U0MARK", "*boss*  _of_ ~all~ `x`")
    actor = await people(fake).actor(TEAM, "U0MARK")
    assert actor.display_name == "∗boss∗ ˍofˍ ∼all∼ ʼxʼ", "lookalikes, so the name shows as written"
