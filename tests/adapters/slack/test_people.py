"""Admins are workspace admins and owners plus SCREENPREP_ADMINS; lookups are cached and fail soft."""

from __future__ import annotations

from adapters.slack import build_client
from adapters.slack._people import People
from tests.support.fake_slack import FakeSlack
from tests.support.slack import ALICE, LISTED, OWNER, settings_for


def people(fake: FakeSlack, clock=None) -> People:
    client = build_client(settings_for(fake))
    return People(client, frozenset({LISTED}), **({"clock": clock} if clock else {}))


async def test_owners_admins_and_listed_users_are_admins(fake: FakeSlack):
    fake.add_user("U0ADMIN", "ada", admin=True)
    directory = people(fake)
    assert [(await directory.actor(u)).is_admin for u in (ALICE, OWNER, "U0ADMIN", LISTED)] == [
        False,
        True,
        True,
        True,
    ]
    assert (await directory.actor(OWNER)).display_name == "olivia"


async def test_lookups_are_cached_until_they_expire(fake: FakeSlack):
    now = [0.0]
    directory = people(fake, clock=lambda: now[0])
    await directory.actor(ALICE)
    await directory.actor(ALICE)
    assert len(fake.calls_to("users.info")) == 1
    now[0] += 601
    await directory.actor(ALICE)
    assert len(fake.calls_to("users.info")) == 2


async def test_a_failed_lookup_uses_the_payload_name_and_only_the_admin_list(fake: FakeSlack, caplog):
    directory = people(fake)
    stranger = await directory.actor("U0GHOST", "ghost")
    assert (stranger.display_name, stranger.is_admin) == ("ghost", False)
    fake.fail_next("users.info", 200, {"ok": False, "error": "missing_scope"})
    fake.users.pop(LISTED)
    listed = await directory.actor(LISTED, "lee")
    assert listed.is_admin, "SCREENPREP_ADMINS works without users:read"
    assert "missing_scope" in caplog.text
