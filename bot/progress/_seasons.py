"""Seasons: an admin starts one by name; leaderboards count from its start, and history stays."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.progress._periods import current_season
from bot.progress._views import Placed, SeasonRow, Seasons, SeasonStarted
from bot.replies import Reply
from bot.text import clean_name
from storage import Database, Scope, Standing

MAX_SEASON_NAME = 40
SHOWN = 10


def season_name(words: list[str]) -> str:
    name = clean_name(" ".join(words))
    if not name:
        raise UserError("Usage: `/quiz season start NAME`, e.g. `/quiz season start Spring 2026`.")
    if len(name) > MAX_SEASON_NAME:
        raise UserError(f"Season names are at most {MAX_SEASON_NAME} characters.")
    return name


async def start(db: Database, team_id: int, name: str, started_by: int, now: datetime) -> Reply:
    """Start a season; the reply closes the previous one with its final top three."""
    seasons = await db.seasons.of_team(team_id)
    if any(s.name.casefold() == name.casefold() for s in seasons):
        raise UserError(f"There is already a season called *{name}*; pick another name.")
    previous = current_season(seasons, now)
    podium = await _podium(db, team_id, previous.started_at if previous else None, None)
    season = await db.seasons.start(team_id, name, started_by, now)
    closing = previous.name if previous else "all time so far"
    return Reply.of(SeasonStarted(season.name, closing, tuple(_placed(s) for s in podium)))


async def overview(db: Database, team_id: int, zone: ZoneInfo) -> Reply:
    """The team's seasons, newest first, each with its winner (or current leader)."""
    seasons = await db.seasons.of_team(team_id)
    if not seasons:
        return Reply.of(Seasons((), zone))
    ends = [s.started_at for s in seasons[1:]] + [None]
    rows = []
    for season, end in list(zip(seasons, ends, strict=True))[::-1][:SHOWN]:
        leader = await _podium(db, team_id, season.started_at, end, size=1)
        rows.append(SeasonRow(season.name, season.started_at, end, _placed(leader[0]) if leader else None))
    return Reply.of(Seasons(tuple(rows), zone))


async def _podium(
    db: Database, team_id: int, since: datetime | None, until: datetime | None, size: int = 3
) -> list[Standing]:
    board = await db.progress.leaderboard(Scope(team_id), since=since, until=until, limit=size)
    return board.top


def _placed(standing: Standing) -> Placed:
    return Placed(standing.rank, standing.display_name, standing.points)
