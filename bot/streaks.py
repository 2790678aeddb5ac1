"""Streaks: consecutive scheduled days answered, each channel's days counted in its own time zone.

One implementation for reveals and boards. Each channel's daily history is read newest first in growing
windows, and only as far back as some streak still runs, so a board's people cost a few queries however
many channels they span; a team-wide streak is a person's best current streak in any of the team's channels.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import Database, Scope

LOOKBACK = timedelta(days=400)
WINDOWS = (32, 128, 512)


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


def _runs_past(scheduled: list[date], answered: set[date], today: date, count: int) -> bool:
    """Whether older days could lengthen the streak: it still runs at the oldest day read."""
    if not scheduled:
        return False
    older = [scheduled[-1] - timedelta(days=d) for d in range(1, 8)]
    return streak(scheduled + older, answered | set(older), today) > count


async def _best_streaks(
    db: Database, members: Mapping[int, set[int]], user_ids: Sequence[int], now: datetime
) -> dict[int, int]:
    """Each person's best current streak over the channels they are listed in."""
    zones = await db.progress.zones(list(members))
    best = dict.fromkeys(user_ids, 0)
    pending = sorted(members)
    for limit in WINDOWS:
        history = await db.progress.daily_history(
            {c: sorted(members[c]) for c in pending}, now - LOOKBACK, limit
        )
        again = []
        for channel_id in pending:
            zone = ZoneInfo(zones.get(channel_id, "UTC"))
            days = [(slot.astimezone(zone).date(), users) for slot, users in history[channel_id]]
            scheduled = sorted({day for day, _ in days}, reverse=True)
            today = now.astimezone(zone).date()
            for user_id in members[channel_id]:
                answered = {day for day, users in days if user_id in users}
                count = streak(scheduled, answered, today)
                best[user_id] = max(best[user_id], count)
                if len(days) == limit and _runs_past(scheduled, answered, today, count):
                    again.append(channel_id)
        pending = sorted(set(again))
        if not pending:
            break
    return best


async def channel_streaks(
    db: Database, channel_id: int, user_ids: Sequence[int], now: datetime
) -> dict[int, int]:
    """Each person's current streak on the channel's daily questions."""
    return await _best_streaks(db, {channel_id: set(user_ids)}, user_ids, now)


async def current_streaks(
    db: Database, scope: Scope, user_ids: Sequence[int], now: datetime
) -> dict[int, int]:
    """Each person's current streak in the scope's channel, or their best in any of the team's."""
    if scope.channel_id:
        return await channel_streaks(db, scope.channel_id, user_ids, now)
    members: dict[int, set[int]] = {}
    for user_id, channel_ids in (await db.progress.channels_of(scope.team_id, user_ids)).items():
        for channel_id in channel_ids:
            members.setdefault(channel_id, set()).add(user_id)
    return await _best_streaks(db, members, user_ids, now)


class StreakCache:
    """Current streaks, reused until their inputs change (a trigger-kept version) or the minute turns.

    Boards ask for the same people's streaks again and again between answers; each person is
    computed once per version and minute, per scope.
    """

    def __init__(self, db: Database, size: int = 8192) -> None:
        self._db = db
        self._size = size
        self._known: OrderedDict[tuple, int] = OrderedDict()

    async def current(self, scope: Scope, user_ids: Sequence[int], now: datetime) -> dict[int, int]:
        version = (await self._db.progress.streak_inputs_version(), now.replace(second=0, microsecond=0))
        found: dict[int, int] = {}
        for user_id in user_ids:
            key = (scope, user_id, version)
            if key in self._known:
                self._known.move_to_end(key)
                found[user_id] = self._known[key]
        missing = [user_id for user_id in user_ids if user_id not in found]
        if missing:
            computed = await current_streaks(self._db, scope, missing, now)
            for user_id, days in computed.items():
                self._known[(scope, user_id, version)] = days
            while len(self._known) > self._size:
                self._known.popitem(last=False)
            found |= computed
        return found


def streak_label(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}" if days else "–"
