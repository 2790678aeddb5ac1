"""Streaks count scheduled days answered in each channel's time zone, forgiving one miss a week."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import at_local
from bot.settings import defaults, save_settings
from bot.streaks import channel_streaks, current_streaks, streak
from storage import AwardOffer, Database, Scope

MON = date(2026, 11, 16)
START = datetime(2026, 8, 1, tzinfo=UTC)


def days(*offsets: int) -> list[date]:
    return sorted((MON + timedelta(days=o) for o in offsets), reverse=True)


def test_consecutive_answered_days_count():
    scheduled = days(0, 1, 2, 3, 4)
    assert streak(scheduled, set(scheduled), today=MON + timedelta(days=4)) == 5


def test_todays_open_question_does_not_break_the_streak():
    scheduled = days(0, 1, 2)
    assert streak(scheduled, set(days(0, 1)), today=MON + timedelta(days=2)) == 2


def test_one_missed_day_a_week_is_forgiven_but_not_two():
    scheduled = days(0, 1, 2, 3, 4)
    assert streak(scheduled, set(days(0, 1, 3, 4)), today=MON + timedelta(days=5)) == 4
    assert streak(scheduled, set(days(0, 3, 4)), today=MON + timedelta(days=5)) == 2


def test_each_week_has_its_own_grace_day():
    scheduled = days(0, 1, 2, 3, 4, 7, 8, 9, 10, 11)
    answered = set(scheduled) - set(days(2, 9))
    assert streak(scheduled, answered, today=MON + timedelta(days=12)) == 8


def test_unscheduled_days_neither_count_nor_break():
    scheduled = days(0, 4, 7)  # Monday, Friday, next Monday
    assert streak(scheduled, set(scheduled), today=MON + timedelta(days=8)) == 3


def test_no_answers_no_streak():
    assert streak(days(0, 1, 2), set(), today=MON + timedelta(days=3)) == 0


async def _channel(db: Database, team_id: int, name: str, zone: str):
    """A channel posting every day in its own time zone."""
    channel = await db.channels.ensure(team_id, name, name, START)
    await _zone(db, channel.id, zone)
    return channel


async def _zone(db: Database, channel_id: int, zone: str) -> None:
    settings = defaults(channel_id, START).changed(zone=ZoneInfo(zone), weekdays=frozenset(range(7)))
    await save_settings(db, settings, START)


async def _daily(
    db: Database, channel_id: int, day: date, wall: time, zone: str, answered: list[int]
) -> None:
    """A posted daily slot at a local wall time, answered (and scored) by these people a few minutes later."""
    slot = at_local(day, wall, ZoneInfo(zone))
    post = await db.posts.create(channel_id, "dropout", 1, "daily", slot)
    claim = await db.daily.claim(channel_id, slot, slot + timedelta(hours=8), "t", slot, timedelta(minutes=2))
    await db.daily.attach_post(claim, post.id)
    await db.daily.mark_posted(claim, slot)
    answered_at = slot + timedelta(minutes=5)
    for user_id in answered:
        await db.attempts.record(
            post_id=post.id,
            user_id=user_id,
            answer_kind="concept",
            answer="x",
            status="graded",
            score=0.9,
            points=9,
            detail={},
            now=answered_at,
        )
        offer = AwardOffer(user_id, channel_id, post.id, "answer", "deep-learning", 9, 0.9, answered_at)
        await db.ledger.record(offer)


@pytest.mark.parametrize(("first", "missed", "expected"), [(24, 26, 6), (20, 23, 10)])
async def test_days_are_the_channels_days_across_a_daylight_saving_change(
    db: Database, first: int, missed: int, expected: int
):
    """07:30 in Auckland is the previous UTC day; DST starts there on 2026-09-27."""
    team = await db.teams.ensure("test", "T", "T", START)
    kiri = await db.users.ensure(team.id, "K", "kiri", START)
    channel = await _channel(db, team.id, "nz", "Pacific/Auckland")
    for day in range(first, 31):
        who = [] if day == missed else [kiri.id]
        await _daily(db, channel.id, date(2026, 9, day), time(7, 30), "Pacific/Auckland", who)
    now = at_local(date(2026, 9, 30), time(12), ZoneInfo("Pacific/Auckland"))
    assert await current_streaks(db, Scope(team.id, channel.id), [kiri.id], now) == {kiri.id: expected}


async def test_two_posts_on_one_local_day_are_one_scheduled_day(db: Database):
    """Kiritimati (UTC+14): 01:00 and 23:00 local on one day fall on two UTC days."""
    zone = "Pacific/Kiritimati"
    team = await db.teams.ensure("test", "T", "T", START)
    user = await db.users.ensure(team.id, "U", "kiri", START)
    channel = await _channel(db, team.id, "C", zone)
    for day, wall in ((7, time(9)), (8, time(1)), (8, time(23))):
        await _daily(db, channel.id, date(2026, 9, day), wall, zone, [user.id])
    now = at_local(date(2026, 9, 8), time(23, 30), ZoneInfo(zone))
    assert (await channel_streaks(db, channel.id, [user.id], now))[user.id] == 2
    await _zone(db, channel.id, "UTC")
    assert (await channel_streaks(db, channel.id, [user.id], now))[user.id] == 3


async def test_a_team_streak_is_the_best_in_any_channel_each_in_its_own_zone(db: Database):
    """New York falls back on 2026-11-01; a post at 00:30 local is 04:30 or 05:30 UTC around it."""
    team = await db.teams.ensure("test", "T", "T", START)
    ana = await db.users.ensure(team.id, "A", "ana", START)
    ben = await db.users.ensure(team.id, "B", "ben", START)
    ny = await _channel(db, team.id, "ny", "America/New_York")
    berlin = await _channel(db, team.id, "berlin", "Europe/Berlin")
    for offset in range(-6, 4):
        day = date(2026, 11, 1) + timedelta(days=offset)
        await _daily(
            db, ny.id, day, time(0, 30), "America/New_York", [ana.id] + ([ben.id] if offset > 0 else [])
        )
        await _daily(db, berlin.id, day, time(23, 30), "Europe/Berlin", [ben.id] if offset != 0 else [])
    now = datetime(2026, 11, 4, 12, tzinfo=UTC)
    team_wide = await current_streaks(db, Scope(team.id), [ana.id, ben.id], now)
    in_ny = await current_streaks(db, Scope(team.id, ny.id), [ana.id, ben.id], now)
    assert in_ny == {ana.id: 10, ben.id: 3}
    assert team_wide == {ana.id: 10, ben.id: 9}, "ben's Berlin streak forgives the one missed day"


async def test_streaks_longer_than_the_first_window_are_read_in_full(db: Database):
    team = await db.teams.ensure("test", "T", "T", START)
    long = await db.users.ensure(team.id, "L", "long", START)
    channel = await _channel(db, team.id, "c", "Asia/Kolkata")
    for offset in range(80):
        await _daily(
            db, channel.id, date(2026, 8, 2) + timedelta(days=offset), time(9), "Asia/Kolkata", [long.id]
        )
    now = at_local(date(2026, 8, 2) + timedelta(days=79), time(20), ZoneInfo("Asia/Kolkata"))
    assert await current_streaks(db, Scope(team.id), [long.id], now) == {long.id: 80}
