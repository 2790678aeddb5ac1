"""Leaderboard streaks: the team's own days across time zones and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.progress._streaks import current_streaks
from bot.schedule import at_local
from bot.settings import defaults, save_settings
from bot.streaks import streaks_for
from storage import Database, Scope

START = datetime(2026, 8, 1, tzinfo=UTC)


async def _channel(db: Database, team_id: int, name: str, zone: str):
    channel = await db.channels.ensure(team_id, name, name, START)
    settings = defaults(channel.id, START).changed(zone=ZoneInfo(zone), weekdays=frozenset(range(7)))
    await save_settings(db, settings, START)
    return channel


async def _daily(
    db: Database, channel_id: int, day: date, wall: time, zone: str, answered: list[int]
) -> None:
    """A posted daily slot at a local wall time, answered by these people a few minutes later."""
    slot = at_local(day, wall, ZoneInfo(zone))
    post = await db.posts.create(channel_id, "dropout", 1, "daily", slot)
    claim = await db.daily.claim(channel_id, slot, slot + timedelta(hours=8), "t", slot, timedelta(minutes=2))
    await db.daily.attach_post(claim, post.id)
    await db.daily.mark_posted(claim, slot)
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
            now=slot + timedelta(minutes=5),
        )
        await db.ledger.award_best(
            user_id=user_id,
            channel_id=channel_id,
            post_id=post.id,
            reason="answer",
            points=9,
            score=0.9,
            now=slot + timedelta(minutes=5),
        )


async def test_auckland_days_across_the_september_change_match_the_reveal_streaks(db: Database):
    """07:30 in Auckland is the previous UTC day; DST starts there on 2026-09-27."""
    team = await db.teams.ensure("test", "T", "T", START)
    kiri = await db.users.ensure(team.id, "K", "kiri", START)
    channel = await _channel(db, team.id, "nz", "Pacific/Auckland")
    for day in range(20, 31):
        who = [] if day == 23 else [kiri.id]
        await _daily(db, channel.id, date(2026, 9, day), time(7, 30), "Pacific/Auckland", who)
    now = at_local(date(2026, 9, 30), time(12), ZoneInfo("Pacific/Auckland"))
    mine = await current_streaks(db, Scope(team.id, channel.id), [kiri.id], now)
    theirs = await streaks_for(db, channel.id, [kiri.id], ZoneInfo("Pacific/Auckland"), now)
    assert mine == theirs == {kiri.id: 10}


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
    assert in_ny == await streaks_for(db, ny.id, [ana.id, ben.id], ZoneInfo("America/New_York"), now)
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
