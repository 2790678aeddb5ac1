"""Streaks count scheduled days answered in the team's time zone, forgiving one miss a week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.streaks import streak, streaks_for
from storage import Database

MON = date(2026, 11, 16)


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


async def _post_daily(db: Database, channel_id: int, slot: datetime, user_id: int | None) -> None:
    post = await db.posts.create(channel_id, "dropout", 1, "daily", slot)
    claim = await db.daily.claim(channel_id, slot, slot + timedelta(hours=8), "t", slot, timedelta(minutes=2))
    await db.daily.attach_post(claim, post.id)
    await db.daily.mark_posted(claim, slot)
    if user_id is not None:
        await db.attempts.record(
            post_id=post.id,
            user_id=user_id,
            answer_kind="concept",
            answer="x",
            status="graded",
            score=1.0,
            points=10,
            detail={},
            now=slot + timedelta(minutes=5),
        )


async def test_days_are_the_teams_days_across_a_daylight_saving_change(db: Database):
    """Auckland posts at 07:30 local, which is the previous UTC day; DST starts there on 2026-09-27."""
    zone = ZoneInfo("Pacific/Auckland")
    team = await db.teams.ensure("test", "T", "T", datetime(2026, 9, 1, tzinfo=UTC))
    channel = await db.channels.ensure(team.id, "C", "c", datetime(2026, 9, 1, tzinfo=UTC))
    user = await db.users.ensure(team.id, "U", "kiri", datetime(2026, 9, 1, tzinfo=UTC))
    for day in range(24, 31):
        local = datetime(2026, 9, day, 7, 30, tzinfo=zone)
        await _post_daily(db, channel.id, local.astimezone(UTC), None if day == 26 else user.id)
    now = datetime(2026, 9, 30, 12, 0, tzinfo=zone).astimezone(UTC)
    assert (await streaks_for(db, channel.id, [user.id], zone, now))[user.id] == 6


async def test_two_posts_on_one_local_day_are_one_scheduled_day(db: Database):
    """Kiritimati (UTC+14): 01:00 and 23:00 local on one day fall on two UTC days."""
    zone = ZoneInfo("Pacific/Kiritimati")
    team = await db.teams.ensure("test", "T", "T", datetime(2026, 9, 1, tzinfo=UTC))
    channel = await db.channels.ensure(team.id, "C", "c", datetime(2026, 9, 1, tzinfo=UTC))
    user = await db.users.ensure(team.id, "U", "kiri", datetime(2026, 9, 1, tzinfo=UTC))
    await _post_daily(db, channel.id, datetime(2026, 9, 7, 9, 0, tzinfo=zone).astimezone(UTC), user.id)
    await _post_daily(db, channel.id, datetime(2026, 9, 8, 1, 0, tzinfo=zone).astimezone(UTC), user.id)
    await _post_daily(db, channel.id, datetime(2026, 9, 8, 23, 0, tzinfo=zone).astimezone(UTC), user.id)
    now = datetime(2026, 9, 8, 23, 30, tzinfo=zone).astimezone(UTC)
    assert (await streaks_for(db, channel.id, [user.id], zone, now))[user.id] == 2
    assert (await streaks_for(db, channel.id, [user.id], ZoneInfo("UTC"), now))[user.id] == 3
