"""Admins change a channel's daily settings in chat; everyone else is refused, and mistakes are explained."""

from __future__ import annotations

import pytest

from tests.support.flow import Flow, only


@pytest.fixture
def admin(flow: Flow) -> Flow:
    return flow.as_user("boss", admin=True)


async def test_defaults_are_weekdays_at_nine_utc_private_with_default_weights(admin: Flow):
    card = only(await admin.command("settings"), "settings").data
    assert card["post_time"] == "09:00" and card["timezone"] == "UTC"
    assert card["weekdays"] == ["mon", "tue", "wed", "thu", "fri"]
    assert card["reveal_time"] == "17:00" and card["visibility"] == "private" and not card["paused"]
    assert card["weights"] == {
        "math-stats": 40,
        "ml-coding": 30,
        "deep-learning": 20,
        "resume": 10,
        "behavioral": 0,
    }


async def test_schedule_sets_time_zone_and_days_and_reports_the_next_post(admin: Flow):
    card = only(await admin.command("schedule 08:30 europe/berlin mon,wed,fri"), "settings").data
    assert (card["post_time"], card["timezone"]) == ("08:30", "Europe/Berlin")
    assert card["weekdays"] == ["mon", "wed", "fri"]
    # The clock stands at Monday 2026-11-23 09:00 UTC = 10:00 in Berlin, so the next post is Wednesday.
    assert card["next_post"] == "2026-11-25T07:30:00+00:00"
    again = only(await admin.command("settings"), "settings").data
    assert again["timezone"] == "Europe/Berlin", "settings persist"


async def test_schedule_keeps_zone_and_days_it_is_not_given(admin: Flow):
    await admin.command("schedule 07:00 Asia/Tokyo daily")
    card = only(await admin.command("schedule 6pm"), "settings").data
    assert (card["post_time"], card["timezone"], len(card["weekdays"])) == ("18:00", "Asia/Tokyo", 7)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("schedule 25:00", "hours run 00-23"),
        ("schedule 9:75", "minutes 00-59"),
        ("schedule noon", "not a time"),
        ("schedule 09:00 Europe/Berln", "Did you mean `Europe/Berlin`?"),
        ("schedule 09:00 PST", "Did you mean `America/Los_Angeles`?"),
        ("schedule 09:00 Mars/Olympus", "not a time zone"),
        ("schedule 09:00 UTC mon-fry", "`fry` is not a weekday"),
        ("schedule", "Usage"),
        ("weights math=0 coding=0 dl=0 resume=0 behavioral=0", "add up to 0"),
        ("weights astrology=10", "not `category=weight`"),
        ("weights math=-5", "whole number"),
        ("weights math=lots", "whole number"),
        ("weights", "Usage"),
        ("reveal-at 24:30", "hours run 00-23"),
        ("visibility secret", "Usage"),
    ],
)
async def test_wrong_input_gets_a_clear_message_and_changes_nothing(admin: Flow, command: str, expected: str):
    before = only(await admin.command("settings"), "settings").data
    notice = only(await admin.command(command), "notice")
    assert expected in notice.blocks[0].text
    assert only(await admin.command("settings"), "settings").data == before


async def test_weights_change_only_the_named_categories(admin: Flow):
    card = only(await admin.command("weights math=10 behavioral=5"), "settings").data
    assert card["weights"]["math-stats"] == 10 and card["weights"]["behavioral"] == 5
    assert card["weights"]["ml-coding"] == 30


async def test_visibility_reveal_time_pause_and_resume(admin: Flow):
    assert only(await admin.command("visibility open"), "settings").data["visibility"] == "open"
    assert only(await admin.command("reveal-at 12:15"), "settings").data["reveal_time"] == "12:15"
    paused = only(await admin.command("pause"), "settings").data
    assert paused["paused"] and paused["next_post"] is None
    resumed = only(await admin.command("unpause"), "settings").data
    assert not resumed["paused"] and resumed["next_post"] is not None


@pytest.mark.parametrize(
    "command", ["schedule 08:00", "weights math=1", "reveal-at 10:00", "visibility open", "pause", "settings"]
)
async def test_only_admins_change_or_view_settings(flow: Flow, command: str):
    notice = only(await flow.as_user("mallory").command(command), "notice")
    assert "Only admins" in notice.blocks[0].text


async def test_resume_is_only_the_resume_category_and_unpause_restarts(admin: Flow):
    card = only(await admin.command("resume"), "question")
    assert card.data["category"] == "resume", "`/quiz resume` asks for a résumé question"
    await admin.command("pause")
    paused_admin = only(await admin.command("resume"), "question")
    assert paused_admin.data["category"] == "resume", "one meaning per word, even for an admin when paused"
    assert "Only admins" in only(await admin.as_user("member").command("unpause"), "notice").blocks[0].text
    assert not only(await admin.as_user("boss", admin=True).command("unpause"), "settings").data["paused"]
    assert "not paused" in only(await admin.command("unpause"), "notice").blocks[0].text
