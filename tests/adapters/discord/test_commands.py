"""`/quiz` sub-commands: each passes the console's line to the core, deferred first."""

from __future__ import annotations

from bot import Core
from storage import Database
from tests.support.discord import Starter
from tests.support.fake_discord import ADMIN, ALICE, BOB, CHANNEL_ID, GUILD_ID, FakeDiscord, custom_ids

EPHEMERAL = 64


async def test_quiz_ask_dropout_posts_an_embed_with_buttons_and_opens_a_thread(fake: FakeDiscord, bot):
    ask = await fake.slash("ask", topic="dropout")
    await fake.wait_for(lambda: ask.deleted_original)
    assert ask.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}], "deferred, privately, at once"
    [post] = fake.posts(CHANNEL_ID)
    embed = post["embeds"][0]
    assert embed["title"] == "How dropout works"
    assert "dropout works during training" in embed["description"]
    assert {f["name"]: f["value"] for f in embed["fields"]}["Question"] == "dropout"
    assert custom_ids(post) == ["quiz:answer:1", "quiz:hint:1", "quiz:reveal:1"]
    assert post["components"][0]["components"][0]["style"] == 1
    [thread] = fake.threads()
    assert (thread["parent_id"], thread["name"]) == (str(CHANNEL_ID), "How dropout works")
    paths = [c.path for c in fake.calls]
    deferred = paths.index(f"/interactions/{ask.id}/{ask.token}/callback")
    posted = paths.index(f"/channels/{CHANNEL_ID}/messages")
    threaded = paths.index(f"/channels/{CHANNEL_ID}/messages/{post['id']}/threads")
    assert deferred < posted < threaded


async def test_ask_autocompletes_categories_by_alias_and_questions_by_id(fake: FakeDiscord, bot):
    typed = await fake.autocomplete("ask", "topic", "drop")
    await fake.wait_for(lambda: typed.callbacks)
    [callback] = typed.callbacks
    assert callback["type"] == 8
    values = [c["value"] for c in callback["data"]["choices"]]
    assert values[0] == "dropout"
    assert all(len(c["name"]) <= 100 for c in callback["data"]["choices"])
    alias = await fake.autocomplete("ask", "topic", "dl")
    await fake.wait_for(lambda: alias.callbacks)
    assert alias.callbacks[0]["data"]["choices"][0] == {
        "name": "Deep learning (category)",
        "value": "deep-learning",
    }
    empty = await fake.autocomplete("ask", "topic", "")
    await fake.wait_for(lambda: empty.callbacks)
    assert len(empty.callbacks[0]["data"]["choices"]) == 25
    zone = await fake.autocomplete("schedule", "zone", "europe/ber")
    await fake.wait_for(lambda: zone.callbacks)
    assert zone.callbacks[0]["data"]["choices"] == [{"name": "Europe/Berlin", "value": "Europe/Berlin"}]


async def test_an_option_is_passed_on_typed_to_the_command(fake: FakeDiscord, bot):
    board = await fake.slash("leaderboard", period="week")
    await fake.wait_for(lambda: board.deleted_original)
    [post] = fake.posts()
    assert "last 7 days" in post["embeds"][0]["title"]


async def test_a_non_admin_is_refused_the_schedule_privately(
    core: Core, db: Database, fake: FakeDiscord, bot
):
    refused = await fake.slash("schedule", ALICE, time="08:00", zone="UTC", days="mon-sun")
    await fake.wait_for(lambda: refused.followups)
    [notice] = refused.followups
    assert notice["flags"] == EPHEMERAL
    assert "Only admins" in notice["content"]
    assert not fake.posts(), "nothing public"
    team = await db.teams.ensure("discord", str(GUILD_ID), "Study Group", core.clock())
    channel = await db.channels.ensure(team.id, str(CHANNEL_ID), "practice", core.clock())
    assert await db.settings.get(channel.id) is None


async def test_manage_server_or_screenprep_admins_make_an_admin(
    core: Core, fake: FakeDiscord, start: Starter
):
    async with start(core, admins=frozenset({str(ALICE.id)})):
        by_permission = await fake.slash(
            "schedule", ADMIN, time="08:00", zone="Europe/Berlin", days="mon-fri"
        )
        await fake.wait_for(lambda: by_permission.deleted_original)
        by_list = await fake.slash("visibility", ALICE, mode="open")
        await fake.wait_for(lambda: by_list.deleted_original)
    cards = [p["embeds"][0] for p in fake.posts()]
    assert len(cards) == 2 and not by_permission.followups and not by_list.followups
    text = str(cards[0])
    assert "Schedule updated" in text and "Europe/Berlin" in text
    assert "open" in str(cards[1]).lower()


def _options(fake: FakeDiscord) -> dict[str, dict]:
    """The synced `/quiz` sub-commands by name."""
    [quiz] = [c for commands in fake.commands.values() for c in commands if c["name"] == "quiz"]
    return {o["name"]: o for o in quiz["options"]}


async def test_options_groups_pickers_and_autocomplete_come_from_the_declarations(fake: FakeDiscord, bot):
    synced = _options(fake)
    [person] = synced["stats"]["options"]
    assert (person["name"], person["type"], person.get("required", False)) == ("person", 6, False)
    zone = next(o for o in synced["schedule"]["options"] if o["name"] == "zone")
    assert zone["autocomplete"] and zone["type"] == 3
    assert [c["value"] for c in synced["visibility"]["options"][0]["choices"]] == ["private", "open"]
    mock = synced["mock"]
    assert mock["type"] == 2, "a sub-command group"
    start = next(o for o in mock["options"] if o["name"] == "start")
    kinds = {o["name"]: o["type"] for o in start["options"]}
    assert kinds == {"pair": 5, "minutes": 4, "technical": 4, "behavioral": 4, "people": 3}
    assert "resume" not in {o["name"] for o in synced["ask"]["options"]}


async def test_a_picked_user_reaches_the_core_as_a_person(core: Core, fake: FakeDiscord, bot):
    first = await fake.slash("ask", BOB, topic="dropout")
    await fake.wait_for(lambda: first.deleted_original)
    picked = await fake.slash("stats", ALICE, person=BOB)
    await fake.wait_for(lambda: picked.deleted_original or picked.followups)
    [upload] = [c for c in fake.calls if c.files]
    assert upload.body["embeds"][0]["title"] == "Stats · Bob", "bob, picked by id, not alice who asked"


async def test_a_group_sub_command_runs_with_its_typed_options(fake: FakeDiscord, bot):
    status = await fake.slash("mock status", ALICE)
    await fake.wait_for(lambda: status.deleted_original or status.followups)
    refused = await fake.slash("mock start", ALICE, pair=True, people=f"<@{BOB.id}>")
    await fake.wait_for(lambda: refused.followups)
    assert "names two people" in refused.followups[0]["content"]
