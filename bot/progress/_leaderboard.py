"""`/quiz leaderboard`: a channel's or the team's ranking for a period and category, with streaks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.progress._periods import Request, Window, window_for
from bot.replies import Heading, Reply, Table, Text
from bot.streaks import StreakCache, streak_label
from storage import ALL_CATEGORIES, Board, Database, Scope, Standing

TOP = 10
COLUMNS = ("#", "Name", "Points", "Answers", "Avg score", "Streak")


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
    return render(_title(request, window, where), board, current, caller, _data(request, window, scope))


def _title(request: Request, window: Window, where: str) -> str:
    parts = ["Leaderboard", window.label, where]
    if request.category:
        parts.append(request.category.label)
    return " · ".join(parts)


def _data(request: Request, window: Window, scope: Scope) -> dict:
    return {
        "period": request.period,
        "since": window.since.isoformat() if window.since else None,
        "category": request.category.value if request.category else None,
        "scope": "channel" if scope.channel_id else "team",
    }


def _row(standing: Standing, streaks: dict[int, int]) -> tuple[str, ...]:
    return (
        str(standing.rank),
        standing.display_name,
        str(standing.points),
        str(standing.answers),
        f"{standing.average_score:.2f}",
        streak_label(streaks.get(standing.user_id, 0)),
    )


def _json(standing: Standing, streaks: dict[int, int], caller: int) -> dict:
    return {
        "rank": standing.rank,
        "name": standing.display_name,
        "points": standing.points,
        "answers": standing.answers,
        "average_score": standing.average_score,
        "streak": streaks.get(standing.user_id, 0),
        "you": standing.user_id == caller,
    }


def render(title: str, board: Board, streaks: dict[int, int], caller: int, data: dict) -> Reply:
    """The table, then where the caller stands, even far below the top ten."""
    data = {**data, "rows": [_json(s, streaks, caller) for s in board.top], "ranked": board.ranked}
    data["you"] = _json(board.caller, streaks, caller) if board.caller else None
    if not board.top:
        empty = Text("No graded answers in this period yet. Start with `/quiz`.")
        return Reply("leaderboard", (Heading(title), empty), data=data)
    rows = [_row(s, streaks) for s in board.top]
    if board.caller:
        rows += [("⋯", "", "", "", "", ""), _row(board.caller, streaks)]
    blocks: list = [Heading(title), Table(COLUMNS, tuple(rows))]
    mine = board.caller or next((s for s in board.top if s.user_id == caller), None)
    blocks.append(Text(_footer(mine, board.ranked)))
    if data["you"] is None and mine is not None:
        data["you"] = _json(mine, streaks, caller)
    return Reply("leaderboard", tuple(blocks), data=data)


def _footer(mine: Standing | None, ranked: int) -> str:
    if mine is None:
        return f"Ranked: {ranked}. You have no graded answers in this period yet."
    return f"You are *#{mine.rank}* of {ranked} with {mine.points} points."
