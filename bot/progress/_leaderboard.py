"""`/quiz leaderboard`: a channel's or the team's ranking for a period and category, with streaks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.progress._periods import Request, Window, window_for
from bot.progress._views import BoardRow, Leaderboard
from bot.replies import Reply
from bot.streaks import StreakCache
from storage import ALL_CATEGORIES, Board, Database, Scope, Standing

TOP = 10


async def leaderboard(
    db: Database,
    streaks: StreakCache,
    scope: Scope,
    request: Request,
    *,
    where: str,
    zone: ZoneInfo,
    caller: int,
    now: datetime,
) -> Reply:
    """The ranking the request names; the caller's own row is added when it is below the top."""
    window = window_for(request, await db.seasons.of_team(scope.team_id), zone, now)
    board = await db.progress.leaderboard(
        scope,
        since=window.since,
        until=window.until,
        category=request.category.value if request.category else ALL_CATEGORIES,
        caller=caller,
        limit=TOP,
    )
    shown = [*board.top, *([board.caller] if board.caller else [])]
    current = await streaks.current(scope, [s.user_id for s in shown], now) if shown else {}
    return render(_title(request, window, where), board, current, caller, request, window, scope)


def _title(request: Request, window: Window, where: str) -> str:
    parts = ["Leaderboard", window.label, where]
    if request.category:
        parts.append(request.category.label)
    return " · ".join(parts)


def render(
    title: str,
    board: Board,
    streaks: dict[int, int],
    caller: int,
    request: Request,
    window: Window,
    scope: Scope,
) -> Reply:
    """The top ten, and the caller's row below them when they rank lower."""
    view = Leaderboard(
        title,
        request.period,
        window.since,
        request.category,
        "channel" if scope.channel_id else "team",
        tuple(_row(s, streaks, caller) for s in board.top),
        _row(board.caller, streaks, caller) if board.caller else None,
        board.ranked,
    )
    return Reply.of(view)


def _row(standing: Standing, streaks: dict[int, int], caller: int) -> BoardRow:
    return BoardRow(
        rank=standing.rank,
        name=standing.display_name,
        points=standing.points,
        answers=standing.answers,
        average_score=standing.average_score,
        streak=streaks.get(standing.user_id, 0),
        you=standing.user_id == caller,
    )
