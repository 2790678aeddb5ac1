"""Seasons: an admin starts one by name; leaderboards count from its start, and history stays."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.progress._periods import current_season
from bot.replies import Heading, Notice, Reply, ReplyKind, Table, Text, Tone
from bot.text import clean_name
from storage import Database, Scope, Season, Standing

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
    blocks: list = [
        Notice(f"Season *{season.name}* has started. Leaderboards now count from here.", Tone.SUCCESS),
        Text("Nothing was deleted: `/quiz leaderboard all` still shows all time."),
    ]
    if podium:
        lines = "\n".join(f"{s.rank}. {s.display_name} · {s.points} points" for s in podium)
        blocks.append(Text(f"*Final top three of {closing}*\n{lines}"))
    return Reply(
        ReplyKind.SEASON_STARTED, tuple(blocks), data={"season": season.name, "podium": _names(podium)}
    )


async def overview(db: Database, team_id: int, zone: ZoneInfo) -> Reply:
    """The team's seasons, newest first, each with its winner (or current leader)."""
    seasons = await db.seasons.of_team(team_id)
    if not seasons:
        text = Text(
            "No seasons yet, so leaderboards count all time. An admin can start one with "
            "`/quiz season start NAME`; nothing is deleted."
        )
        return Reply(ReplyKind.SEASONS, (Heading("Seasons"), text), data={"seasons": []})
    ends = [s.started_at for s in seasons[1:]] + [None]
    rows, data = [], []
    for season, end in list(zip(seasons, ends, strict=True))[::-1][:SHOWN]:
        leader = await _podium(db, team_id, season.started_at, end, size=1)
        rows.append(_season_row(season, end, leader, zone))
        data.append(
            {"name": season.name, "started_at": season.started_at.isoformat(), "leader": _names(leader)}
        )
    table = Table(("Season", "Started", "Ended", "Top"), tuple(rows))
    return Reply(ReplyKind.SEASONS, (Heading("Seasons"), table), data={"seasons": data})


def _season_row(season: Season, end: datetime | None, leader: list[Standing], zone: ZoneInfo) -> tuple:
    top = f"{leader[0].display_name} ({leader[0].points})" if leader else "–"
    return (season.name, _day(season.started_at, zone), _day(end, zone) if end else "running", top)


def _day(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local:%b %Y}"


async def _podium(
    db: Database, team_id: int, since: datetime | None, until: datetime | None, size: int = 3
) -> list[Standing]:
    board = await db.progress.leaderboard(Scope(team_id), since=since, until=until, limit=size)
    return board.top


def _names(standings: list[Standing]) -> list[str]:
    return [s.display_name for s in standings]
