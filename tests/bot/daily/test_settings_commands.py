"""Admins change a channel's daily settings in chat; everyone else is refused, and mistakes are explained."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.daily._views import SettingsCard
from questions import Category
from tests.support.flow import Flow, only


@pytest.fixture
def admin(flow: Flow) -> Flow:
    return flow.as_user("boss", admin=True)


async def settings(admin: Flow, command: str) -> SettingsCard:
    """The settings card a command answers with."""
    card = only(await admin.command(command), "settings").view
    assert isinstance(card, SettingsCard)
    return card


async def test_defaults_are_weekdays_at_nine_utc_private_with_default_weights(admin: Flow):
    card = (await settings(admin, "settings")).settings
    assert card.post_time == time(9, 0) and card.zone.key == "UTC"
    assert card.weekdays == {0, 1, 2, 3, 4}
    assert card.reveal_time == time(17, 0) and card.visibility == "private" and not card.paused
    assert (await settings(admin, "settings")).weights == {
        Category.MATH_STATS: 40,
        Category.ML_CODING: 30,
        Category.DEEP_LEARNING: 20,
        Category.RESUME: 10,
        Category.BEHAVIORAL: 0,
    }


async def test_schedule_sets_time_zone_and_days_and_reports_the_next_post(admin: Flow):
    card = await settings(admin, "schedule 08:30 europe/berlin mon,wed,fri")
    assert (card.settings.post_time, card.settings.zone.key) == (time(8, 30), "Europe/Berlin")
    assert card.settings.weekdays == {0, 2, 4}
    # The clock stands at Monday 2026-11-23 09:00 UTC = 10:00 in Berlin, so the next post is Wednesday.
    assert card.next_post == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
    again = await settings(admin, "settings")
    assert again.settings.zone.key == "Europe/Berlin", "settings persist"


async def test_schedule_keeps_zone_and_days_it_is_not_given(admin: Flow):
    await admin.command("schedule 07:00 Asia/Tokyo daily")
    card = (await settings(admin, "schedule 6pm")).settings
    assert (card.post_time, card.zone.key, len(card.weekdays)) == (time(18, 0), "Asia/Tokyo", 7)


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
    before = await settings(admin, "settings")
    notice = only(await admin.command(command), "notice")
    assert expected in notice.blocks[0].text
    assert await settings(admin, "settings") == before


async def test_weights_change_only_the_named_categories(admin: Flow):
    card = await settings(admin, "weights math=10 behavioral=5")
    assert card.weights[Category.MATH_STATS] == 10 and card.weights[Category.BEHAVIORAL] == 5
    assert card.weights[Category.ML_CODING] == 30


async def test_visibility_reveal_time_pause_and_resume(admin: Flow):
    assert (await settings(admin, "visibility open")).settings.visibility == "open"
    assert (await settings(admin, "reveal-at 12:15")).settings.reveal_time == time(12, 15)
    paused = await settings(admin, "pause")
    assert paused.settings.paused and paused.next_post is None
    resumed = await settings(admin, "unpause")
    assert not resumed.settings.paused and resumed.next_post is not None


@pytest.mark.parametrize(
    "command", ["schedule 08:00", "weights math=1", "reveal-at 10:00", "visibility open", "pause", "settings"]
)
async def test_only_admins_change_or_view_settings(flow: Flow, command: str):
    notice = only(await flow.as_user("mallory").command(command), "notice")
    assert "Only admins" in notice.blocks[0].text


async def test_resume_is_only_the_resume_category_and_unpause_restarts(admin: Flow):
    card = only(await admin.command("resume"), "question")
    assert card.view.category == "resume", "`/quiz resume` asks for a résumé question"
    await admin.command("pause")
    paused_admin = only(await admin.command("resume"), "question")
    assert paused_admin.view.category == "resume", "one meaning per word, even for an admin when paused"
    assert "Only admins" in only(await admin.as_user("member").command("unpause"), "notice").blocks[0].text
    assert not (await settings(admin.as_user("boss", admin=True), "unpause")).settings.paused
    assert "not paused" in only(await admin.command("unpause"), "notice").blocks[0].text
