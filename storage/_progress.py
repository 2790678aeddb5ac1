"""Progress repositories: leaderboards over rolled-up running totals, seasons and per-channel opt-ins.

`progress_totals` holds each person's totals per scope (a channel, or channel 0 for the whole team) and
category ('*' for all); `progress_steps` holds the same totals as they stood after each award time. A
period's start (a local midnight, a season's start) gets a mark on first use: everyone's totals just
before it, read from the steps once. A period's standing is then totals minus mark, read in key order,
whatever the size of the history; the ledger's one roll-up (migration 0010) keeps totals, steps and
marks in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage._db import Connection, from_db_time, to_db_time
from storage._records import Standing, User

ALL_CATEGORIES = "*"
WHOLE_TEAM = 0
SCORE_SCALE = 1_000_000


@dataclass(frozen=True)
class Scope:
    """A channel's standings, or the whole team's when `channel_id` is WHOLE_TEAM."""

    team_id: int
    channel_id: int = WHOLE_TEAM


@dataclass(frozen=True)
class Board:
    """The top of a ranking, the caller's own row when it is further down, and how many are ranked."""

    top: list[Standing]
    caller: Standing | None
    ranked: int


@dataclass(frozen=True)
class Season:
    id: int
    team_id: int
    name: str
    started_at: datetime


@dataclass(frozen=True)
class Totals:
    """Answers and summed best scores; the average is kept exact until it is shown."""

    answers: int
    score_micros: int

    @property
    def average(self) -> float:
        return self.score_micros / self.answers / SCORE_SCALE if self.answers else 0.0


@dataclass(frozen=True)
class ChannelOptions:
    nudge_weak_spots: bool = False
    reask_forgotten: bool = False


_KEY = "team_id = :team AND channel_id = :channel AND category = :category"
_ORDER = "points DESC, CAST(score_micros AS REAL) / answers DESC, last_at ASC, user_id ASC"
_BEHIND = (
    "(-p.points, -CAST(p.score_micros AS REAL) / p.answers, p.last_at, p.user_id)"
    " < (-m.points, -CAST(m.score_micros AS REAL) / m.answers, m.last_at, m.user_id)"
)
_RANKED = (
    f", top AS (SELECT * FROM period ORDER BY {_ORDER} LIMIT :limit),"
    " mine AS (SELECT * FROM period WHERE user_id = :caller AND user_id NOT IN (SELECT user_id FROM top)),"
    f" ranked AS (SELECT *, ROW_NUMBER() OVER (ORDER BY {_ORDER}) AS rank FROM top UNION ALL"
    f" SELECT m.*, 1 + (SELECT COUNT(*) FROM period AS p WHERE {_BEHIND}) FROM mine AS m)"
    " SELECT r.rank, r.user_id, u.display_name, r.points, r.answers, r.score_micros,"
    " (SELECT COUNT(*) FROM period) AS ranked FROM ranked AS r JOIN users AS u ON u.id = r.user_id"
    " ORDER BY r.rank"
)
_MARK = (
    "LEFT JOIN progress_marks AS {alias} ON {alias}.team_id = :team AND {alias}.channel_id = :channel"
    " AND {alias}.category = :category AND {alias}.mark_at = :{bound} AND {alias}.user_id = t.user_id"
)
_MAKE_MARK = (
    "INSERT INTO progress_marks"
    " (team_id, channel_id, category, mark_at, user_id, points, answers, score_micros, last_at)"
    " SELECT t.team_id, t.channel_id, t.category, :at, t.user_id, s.points, s.answers, s.score_micros, s.at"
    " FROM progress_totals AS t JOIN progress_steps AS s ON s.team_id = t.team_id"
    " AND s.channel_id = t.channel_id AND s.category = t.category AND s.user_id = t.user_id"
    " AND s.at = (SELECT MAX(q.at) FROM progress_steps AS q WHERE q.team_id = t.team_id"
    " AND q.channel_id = t.channel_id AND q.category = t.category AND q.user_id = t.user_id AND q.at < :at)"
    " WHERE t.team_id = :team AND t.channel_id = :channel AND t.category = :category"
)
MARK_KEPT = timedelta(days=2)


def leaderboard_sql(since: bool, until: bool) -> str:
    """The ranking: totals for all time, minus the marks at the period's start (and end, if it has one)."""
    if until:
        period = (
            "SELECT t.user_id, h.points - IFNULL(l.points, 0) AS points, h.answers - IFNULL(l.answers, 0)"
            " AS answers, h.score_micros - IFNULL(l.score_micros, 0) AS score_micros, h.last_at"
            f" FROM progress_totals AS t {_MARK.format(alias='h', bound='until')}"
            f" {_MARK.format(alias='l', bound='since')} WHERE t.{_KEY.replace(' AND ', ' AND t.')}"
        )
    elif since:
        period = (
            "SELECT t.user_id, t.points - IFNULL(l.points, 0) AS points, t.answers - IFNULL(l.answers, 0)"
            " AS answers, t.score_micros - IFNULL(l.score_micros, 0) AS score_micros, t.last_at"
            f" FROM progress_totals AS t {_MARK.format(alias='l', bound='since')}"
            f" WHERE t.{_KEY.replace(' AND ', ' AND t.')} AND t.last_at >= :since"
        )
    else:
        period = (
            f"SELECT user_id, points, answers, score_micros, last_at FROM progress_totals AS t WHERE {_KEY}"
        )
    return f"WITH period AS MATERIALIZED (SELECT * FROM ({period}) WHERE answers > 0)" + _RANKED


def _time(text: str) -> datetime:
    """Stored UTC text to a datetime; fromisoformat is many times faster than strptime on hot paths."""
    return datetime.fromisoformat(text)


def _standing(row) -> Standing:
    average = round(row["score_micros"] / row["answers"] / SCORE_SCALE, 6)
    return Standing(row["rank"], row["user_id"], row["display_name"], row["points"], row["answers"], average)


class Progress:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def leaderboard(
        self,
        scope: Scope,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        category: str = ALL_CATEGORIES,
        caller: int | None = None,
        limit: int = 10,
    ) -> Board:
        """Rank by points, then average score, then who reached their total first, then id."""
        params = {
            "team": scope.team_id,
            "channel": scope.channel_id,
            "category": category,
            "since": to_db_time(since) if since else None,
            "until": to_db_time(until) if until else None,
            "limit": limit,
            "caller": caller,
        }
        for bound in (since, until):
            if bound is not None:
                await self._mark(params, to_db_time(bound))
        rows = await self._c.fetchall(leaderboard_sql(since is not None, until is not None), params)
        standings = [_standing(row) for row in rows]
        top = [s for s in standings if s.rank <= limit]
        mine = next((s for s in standings if s.user_id == caller and s.rank > limit), None)
        return Board(top, mine, rows[0]["ranked"] if rows else 0)

    async def prepare_mark(self, scope: Scope, at: datetime) -> None:
        """Make a period's mark (all categories) ahead of the first board that needs it."""
        key = {"team": scope.team_id, "channel": scope.channel_id, "category": ALL_CATEGORIES}
        await self._mark(key, to_db_time(at))

    async def zoned_channels(self) -> list[tuple[int, int, str]]:
        """(team, channel, time zone) of every channel with daily settings."""
        rows = await self._c.fetchall(
            "SELECT c.team_id, s.channel_id, s.timezone FROM channel_settings AS s"
            " JOIN channels AS c ON c.id = s.channel_id ORDER BY c.team_id, s.channel_id"
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def _mark(self, params: dict, at: str) -> None:
        """Record everyone's totals before `at` once; the ledger's roll-up keeps them right afterwards."""
        key = (params["team"], params["channel"], params["category"], at)
        exists = (
            "SELECT 1 FROM progress_mark_sets"
            " WHERE team_id = ? AND channel_id = ? AND category = ? AND mark_at = ?"
        )
        if await self._c.fetchone(exists, key):
            return
        made = to_db_time(datetime.now(UTC))
        async with self._c.transaction() as raw:
            cursor = await raw.execute(exists, key)
            if await cursor.fetchone():
                return
            await raw.execute(_MAKE_MARK, {**params, "at": at})
            await raw.execute("INSERT INTO progress_mark_sets VALUES (?, ?, ?, ?, ?)", (*key, made))
            stale = to_db_time(datetime.now(UTC) - MARK_KEPT)
            await raw.execute(
                "DELETE FROM progress_marks WHERE (team_id, channel_id, category, mark_at) IN"
                " (SELECT team_id, channel_id, category, mark_at FROM progress_mark_sets WHERE made_at < ?)",
                (stale,),
            )
            await raw.execute("DELETE FROM progress_mark_sets WHERE made_at < ?", (stale,))

    async def explain(self, scope: Scope, *, since: bool, until: bool) -> list[str]:
        """The query plan of a ranking, to show that it reads indexes in key order."""
        params = {"team": scope.team_id, "channel": scope.channel_id, "category": ALL_CATEGORIES}
        params |= {"since": "", "until": "", "limit": 10, "caller": None}
        rows = await self._c.fetchall("EXPLAIN QUERY PLAN " + leaderboard_sql(since, until), params)
        return [row["detail"] for row in rows]

    async def category_totals(self, scope: Scope, user_id: int) -> dict[str, Totals]:
        rows = await self._c.fetchall(
            "SELECT category, answers, score_micros FROM progress_totals INDEXED BY progress_totals_by_user"
            " WHERE user_id = ? AND team_id = ? AND channel_id = ? AND answers > 0",
            (user_id, scope.team_id, scope.channel_id),
        )
        return {row[0]: Totals(row[1], row[2]) for row in rows}

    async def question_totals(self, team_id: int) -> dict[str, Totals]:
        """The team's answers and summed best scores per question."""
        rows = await self._c.fetchall(
            "SELECT question_id, answers, score_micros FROM question_totals"
            " WHERE team_id = ? AND answers > 0",
            (team_id,),
        )
        return {row[0]: Totals(row[1], row[2]) for row in rows}

    async def award_times(self, user_id: int, since: datetime) -> list[datetime]:
        """When each of the person's answers that count was first awarded, from `since` on."""
        rows = await self._c.fetchall(
            "SELECT awarded_at FROM points_ledger WHERE user_id = ? AND awarded_at >= ? ORDER BY awarded_at",
            (user_id, to_db_time(since)),
        )
        return [from_db_time(row[0]) for row in rows]

    async def channels_of(self, team_id: int, user_ids: Sequence[int]) -> dict[int, set[int]]:
        """The channels each person has points in."""
        marks = ", ".join("?" for _ in user_ids)
        rows = await self._c.fetchall(
            "SELECT user_id, channel_id FROM progress_totals INDEXED BY progress_totals_by_user"
            f" WHERE user_id IN ({marks}) AND team_id = ? AND category = '*' AND channel_id != 0",
            (*user_ids, team_id),
        )
        found: dict[int, set[int]] = {}
        for user_id, channel_id in rows:
            found.setdefault(user_id, set()).add(channel_id)
        return found

    async def daily_history(
        self, members: Mapping[int, Sequence[int]], since: datetime, limit: int
    ) -> dict[int, list[tuple[datetime, set[int]]]]:
        """Each channel's latest posted daily slots, newest first (at most `limit`), with who of its
        `members` answered each."""
        if not members:
            return {}
        one = (
            "SELECT s.channel_id, s.slot_at, a.user_id FROM (SELECT channel_id, slot_at, post_id"
            " FROM daily_slots WHERE channel_id = ? AND slot_at >= ? AND post_id IS NOT NULL"
            " ORDER BY slot_at DESC LIMIT ?) AS s LEFT JOIN attempts AS a INDEXED BY attempts_by_user"
            " ON a.user_id IN ({marks}) AND a.post_id = s.post_id"
        )
        sql = " UNION ALL ".join(one.format(marks=", ".join("?" * len(users))) for users in members.values())
        params = [
            v for channel, users in members.items() for v in (channel, to_db_time(since), limit, *users)
        ]
        found: dict[int, dict[str, set[int]]] = {channel: {} for channel in members}
        for channel_id, slot_at, user_id in await self._c.fetchall(sql, tuple(params)):
            answered = found[channel_id].setdefault(slot_at, set())
            if user_id is not None:
                answered.add(user_id)
        return {
            channel: [(_time(slot), users) for slot, users in sorted(slots.items(), reverse=True)]
            for channel, slots in found.items()
        }

    async def find_user(self, team_id: int, wanted: str) -> User | None:
        """A team member by platform id, else by display name ignoring case (the oldest if several)."""
        row = await self._c.fetchone(
            "SELECT id, team_id, external_id, display_name FROM users WHERE team_id = ?"
            " AND (external_id = ? OR display_name = ? COLLATE NOCASE) ORDER BY external_id = ? DESC, id"
            " LIMIT 1",
            (team_id, wanted, wanted, wanted),
        )
        return User.from_row(row) if row else None

    async def team_of(self, channel_id: int) -> int:
        row = await self._c.fetchone("SELECT team_id FROM channels WHERE id = ?", (channel_id,))
        assert row is not None
        return int(row[0])

    async def members(self, scope: Scope) -> list[int]:
        """People with at least one scored answer in the scope."""
        rows = await self._c.fetchall(
            "SELECT user_id FROM progress_totals WHERE team_id = ? AND channel_id = ? AND category = '*'"
            " AND answers > 0 ORDER BY user_id",
            (scope.team_id, scope.channel_id),
        )
        return [row[0] for row in rows]

    async def questions_posted(self, channel_id: int, since: datetime) -> set[str]:
        rows = await self._c.fetchall(
            "SELECT DISTINCT question_id FROM posts WHERE channel_id = ? AND posted_at >= ?",
            (channel_id, to_db_time(since)),
        )
        return {row[0] for row in rows}

    async def streak_inputs_version(self) -> int:
        """Moves whenever answers, daily posts, points or channel zones change (kept by triggers)."""
        row = await self._c.fetchone("SELECT value FROM change_counts WHERE name = 'streak_inputs'")
        assert row is not None  # seeded by the migration that created the table
        return int(row[0])

    async def zones(self, channel_ids: Sequence[int]) -> dict[int, str]:
        """The time zone of each channel that has daily settings."""
        rows = await self._c.fetchall(
            "SELECT channel_id, timezone FROM channel_settings"
            f" WHERE channel_id IN ({', '.join('?' for _ in channel_ids)})",
            tuple(channel_ids),
        )
        return {row[0]: row[1] for row in rows}


class Seasons:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def start(self, team_id: int, name: str, started_by: int, now: datetime) -> Season:
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO seasons (team_id, name, started_at, started_by) VALUES (?, ?, ?, ?)",
                (team_id, name, to_db_time(now), started_by),
            )
        assert cursor.lastrowid is not None
        return Season(cursor.lastrowid, team_id, name, now)

    async def of_team(self, team_id: int) -> list[Season]:
        """Every season of the team, oldest first."""
        rows = await self._c.fetchall(
            "SELECT id, team_id, name, started_at FROM seasons WHERE team_id = ? ORDER BY started_at, id",
            (team_id,),
        )
        return [Season(row[0], row[1], row[2], from_db_time(row[3])) for row in rows]


class Options:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def get(self, channel_id: int) -> ChannelOptions:
        row = await self._c.fetchone(
            "SELECT nudge_weak_spots, reask_forgotten FROM progress_options WHERE channel_id = ?",
            (channel_id,),
        )
        return ChannelOptions(bool(row[0]), bool(row[1])) if row else ChannelOptions()

    async def save(self, channel_id: int, options: ChannelOptions, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO progress_options (channel_id, nudge_weak_spots, reask_forgotten, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET"
                " nudge_weak_spots = excluded.nudge_weak_spots, reask_forgotten = excluded.reask_forgotten,"
                " updated_at = excluded.updated_at",
                (channel_id, int(options.nudge_weak_spots), int(options.reask_forgotten), to_db_time(now)),
            )
