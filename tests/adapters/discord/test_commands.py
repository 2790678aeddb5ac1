"""`/quiz` sub-commands: each passes the console's line to the core, deferred first."""

from __future__ import annotations

import pytest

from adapters.discord._commands import Parameter, parameter_for
from bot import Core
from bot.commands import Command
from storage import Database
from tests.support.discord import Starter
from tests.support.fake_discord import ADMIN, ALICE, CHANNEL_ID, GUILD_ID, FakeDiscord, custom_ids

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
    period = await fake.autocomplete("leaderboard", "options", "w")
    await fake.wait_for(lambda: period.callbacks)
    assert period.callbacks[0]["data"]["choices"] == [{"name": "week", "value": "week"}]


async def test_an_option_is_passed_on_as_the_words_after_the_command(fake: FakeDiscord, bot):
    board = await fake.slash("leaderboard", options="week")
    await fake.wait_for(lambda: board.deleted_original)
    [post] = fake.posts()
    assert "last 7 days" in post["embeds"][0]["title"]


async def test_a_non_admin_is_refused_the_schedule_privately(
    core: Core, db: Database, fake: FakeDiscord, bot
):
    refused = await fake.slash("schedule", ALICE, when="08:00 UTC mon-sun")
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
        by_permission = await fake.slash("schedule", ADMIN, when="08:00 Europe/Berlin mon-fri")
        await fake.wait_for(lambda: by_permission.deleted_original)
        by_list = await fake.slash("visibility", ALICE, mode="open")
        await fake.wait_for(lambda: by_list.deleted_original)
    cards = [p["embeds"][0] for p in fake.posts()]
    assert len(cards) == 2 and not by_permission.followups and not by_list.followups
    text = str(cards[0])
    assert "Schedule updated" in text and "Europe/Berlin" in text
    assert "open" in str(cards[1]).lower()


async def _noop(ctx, args) -> None:
    return None


@pytest.mark.parametrize(
    ("name", "usage", "expected"),
    [
        ("hint", "/quiz hint", None),
        ("", "/quiz [category | question-id]", Parameter("topic", "[category | question-id]", False)),
        (
            "board",
            "/quiz board [week|month|since DATE] [team]",
            Parameter("options", "[week|month|since DATE] [team]", False, ("week", "month")),
        ),
        (
            "visibility",
            "/quiz visibility private|open",
            Parameter("mode", "private|open", True, ("private", "open")),
        ),
        (
            "answer",
            "/quiz answer <text or ```python block```>",
            Parameter("text", "<text or ```python block```>", True),
        ),
        ("later", "/quiz later HH:MM [days]", Parameter("options", "HH:MM [days]", True)),
        ("season", "/quiz season [start NAME]", Parameter("options", "[start NAME]", False)),
        ("nudge", "/quiz nudge [nudge on|off]", Parameter("options", "[nudge on|off]", False)),
    ],
)
def test_a_sub_command_parameter_is_read_from_the_usage_line(name, usage, expected):
    assert parameter_for(Command(name, usage, "summary", _noop)) == expected
