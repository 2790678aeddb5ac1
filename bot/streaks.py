"""Streaks: consecutive scheduled days answered, counted in the team's time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import Database

LOOKBACK = timedelta(days=400)


def streak(scheduled_days: Sequence[date], answered: set[date], today: date) -> int:
    """Answered scheduled days back from today, forgiving one missed day per ISO week.

    `scheduled_days` are the days a daily question was posted, newest first. Today's question,
    still open, never breaks a streak; a second miss in one week ends it.
    """
    count = 0
    forgiven_weeks: set[tuple[int, int]] = set()
    for day in scheduled_days:
        if day in answered:
            count += 1
        elif day < today:
            week = (day.isocalendar().year, day.isocalendar().week)
            if week in forgiven_weeks:
                break
            forgiven_weeks.add(week)
    return count


async def streaks_for(
    db: Database, channel_id: int, user_ids: Sequence[int], zone: ZoneInfo, now: datetime
) -> dict[int, int]:
    """Each user's current streak on the channel's daily questions."""
    posted = await db.daily.posted_slots(channel_id, now - LOOKBACK)
    day_of_post = {post_id: slot.astimezone(zone).date() for slot, post_id in posted}
    scheduled = sorted(set(day_of_post.values()), reverse=True)
    today = now.astimezone(zone).date()
    result = {}
    for user_id in user_ids:
        answered = await db.daily.answered_posts(user_id, list(day_of_post))
        result[user_id] = streak(scheduled, {day_of_post[p] for p in answered}, today)
    return result
