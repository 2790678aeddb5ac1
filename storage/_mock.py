"""Mock-interview repositories: rounds with their clock, members, answers and marks; weekly pairs.

Every state change is a guarded UPDATE or an insert on a unique key, so a timer, an answer and a
second process racing for the same step take it once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from storage._db import Connection, from_db_time, to_db_time
from storage._records import (
    MockAnswer,
    MockAttempt,
    MockMember,
    MockQuestion,
    MockRound,
    Role,
    RoundMode,
    RoundState,
    ScheduledChannel,
    User,
)

_ROUND_COLUMNS = (
    "id, channel_id, host_id, mode, state, minutes, position, recommendation, started_at, ended_at"
)
_QUESTION_COLUMNS = (
    "round_id, position, question_id, weight, seconds, post_id, opened_at, closed_at, used,"
    " resumed_at, warned"
)
_CHANNEL_COLUMNS = "c.id, t.platform, t.external_id, t.name, c.external_id, c.name, c.created_at"


def _time(text: str | None) -> datetime | None:
    return from_db_time(text) if text else None


def _round(row) -> MockRound:
    values = dict(row)
    values["started_at"] = from_db_time(values["started_at"])
    values["ended_at"] = _time(values["ended_at"])
    values["mode"], values["state"] = RoundMode(values["mode"]), RoundState(values["state"])
    return MockRound(**values)


def _question(row) -> MockQuestion:
    values = dict(row)
    for key in ("opened_at", "closed_at", "resumed_at"):
        values[key] = _time(values[key])
    values["warned"] = bool(values["warned"])
    return MockQuestion(**values)


class MockRounds:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def start(
        self,
        *,
        channel_id: int,
        host_id: int,
        mode: RoundMode,
        minutes: int,
        agenda: Sequence[tuple[str, float]],
        members: Sequence[tuple[int, Role]],
        now: datetime,
    ) -> MockRound | None:
        """Create a round with its agenda and members; None when the channel already has a live one."""
        at = to_db_time(now)
        try:
            async with self._c.transaction() as raw:
                cursor = await raw.execute(
                    "INSERT INTO mock_rounds (channel_id, host_id, mode, state, minutes, started_at)"
                    " VALUES (?, ?, ?, 'running', ?, ?)",
                    (channel_id, host_id, mode, minutes, at),
                )
                round_id = cursor.lastrowid
                assert round_id is not None
                await raw.executemany(
                    "INSERT INTO mock_questions (round_id, position, question_id, weight)"
                    " VALUES (?, ?, ?, ?)",
                    [(round_id, i, qid, weight) for i, (qid, weight) in enumerate(agenda)],
                )
                await raw.executemany(
                    "INSERT INTO mock_members (round_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
                    [(round_id, user_id, role, at) for user_id, role in members],
                )
        except sqlite3.IntegrityError:
            return None
        return await self.get(round_id)

    async def get(self, round_id: int) -> MockRound | None:
        row = await self._c.fetchone(f"SELECT {_ROUND_COLUMNS} FROM mock_rounds WHERE id = ?", (round_id,))
        return _round(row) if row else None

    async def live(self, channel_id: int) -> MockRound | None:
        row = await self._c.fetchone(
            f"SELECT {_ROUND_COLUMNS} FROM mock_rounds WHERE channel_id = ? AND state != 'ended'",
            (channel_id,),
        )
        return _round(row) if row else None

    async def running(self, platforms: tuple[str, ...]) -> list[tuple[MockRound, ScheduledChannel]]:
        """Rounds whose clock runs, on these platforms, with where to post for them."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self._c.fetchall(
            f"SELECT r.id FROM mock_rounds AS r JOIN channels AS c ON c.id = r.channel_id"
            f" JOIN teams AS t ON t.id = c.team_id WHERE r.state = 'running' AND t.platform IN ({marks})"
            " ORDER BY r.id",
            platforms,
        )
        found = []
        for row in rows:
            mock_round = await self.get(row[0])
            channel = await self.channel(mock_round.channel_id) if mock_round else None
            if mock_round and channel:
                found.append((mock_round, channel))
        return found

    async def channel(self, channel_id: int) -> ScheduledChannel | None:
        row = await self._c.fetchone(
            f"SELECT {_CHANNEL_COLUMNS} FROM channels AS c JOIN teams AS t ON t.id = c.team_id"
            " WHERE c.id = ?",
            (channel_id,),
        )
        return ScheduledChannel.from_row(row) if row else None

    async def questions(self, round_id: int) -> list[MockQuestion]:
        rows = await self._c.fetchall(
            f"SELECT {_QUESTION_COLUMNS} FROM mock_questions WHERE round_id = ? ORDER BY position",
            (round_id,),
        )
        return [_question(row) for row in rows]

    async def by_post(self, post_id: int) -> tuple[MockRound, MockQuestion] | None:
        """The round and agenda item a post belongs to, if it is a round question."""
        row = await self._c.fetchone(
            f"SELECT {_QUESTION_COLUMNS} FROM mock_questions WHERE post_id = ?", (post_id,)
        )
        if row is None:
            return None
        question = _question(row)
        mock_round = await self.get(question.round_id)
        return (mock_round, question) if mock_round else None

    async def open(self, round_id: int, position: int, seconds: int, running: bool, now: datetime) -> bool:
        """Put a question on the clock; True only for the caller that opened it."""
        at = to_db_time(now)
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE mock_questions SET opened_at = ?, seconds = ?, resumed_at = ?"
                " WHERE round_id = ? AND position = ? AND opened_at IS NULL",
                (at, seconds, at if running else None, round_id, position),
            )
            if cursor.rowcount == 1:
                await raw.execute(
                    "UPDATE mock_rounds SET position = ?, state = CASE WHEN state = 'ended' THEN state"
                    " ELSE ? END WHERE id = ?",
                    (position, "running" if running else "paused", round_id),
                )
        return cursor.rowcount == 1

    async def attach_post(self, round_id: int, position: int, post_id: int) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "UPDATE mock_questions SET post_id = ? WHERE round_id = ? AND position = ?",
                (post_id, round_id, position),
            )

    async def close(self, round_id: int, position: int, now: datetime) -> bool:
        """Stop a question's clock for good; True only for the caller that closed it."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "SELECT used, resumed_at FROM mock_questions WHERE round_id = ? AND position = ?"
                " AND opened_at IS NOT NULL AND closed_at IS NULL",
                (round_id, position),
            )
            row = await cursor.fetchone()
            if row is None:
                return False
            await raw.execute(
                "UPDATE mock_questions SET closed_at = ?, used = ?, resumed_at = NULL"
                " WHERE round_id = ? AND position = ?",
                (to_db_time(now), _banked(row[0], row[1], now), round_id, position),
            )
        return True

    async def pause(self, round_id: int, now: datetime) -> bool:
        """Stop the clock, banking the time used so far; True only if the round was running."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE mock_rounds SET state = 'paused' WHERE id = ? AND state = 'running'", (round_id,)
            )
            if cursor.rowcount != 1:
                return False
            cursor = await raw.execute(
                "SELECT position, used, resumed_at FROM mock_questions"
                " WHERE round_id = ? AND resumed_at IS NOT NULL",
                (round_id,),
            )
            await raw.executemany(
                "UPDATE mock_questions SET used = ?, resumed_at = NULL WHERE round_id = ? AND position = ?",
                [
                    (_banked(used, resumed, now), round_id, pos)
                    for pos, used, resumed in await cursor.fetchall()
                ],
            )
        return True

    async def resume(self, round_id: int, now: datetime) -> bool:
        """Restart the clock of the open question; True only if the round was paused."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE mock_rounds SET state = 'running' WHERE id = ? AND state = 'paused'", (round_id,)
            )
            if cursor.rowcount == 1:
                await raw.execute(
                    "UPDATE mock_questions SET resumed_at = ? WHERE round_id = ?"
                    " AND opened_at IS NOT NULL AND closed_at IS NULL",
                    (to_db_time(now), round_id),
                )
        return cursor.rowcount == 1

    async def end(self, round_id: int, now: datetime) -> bool:
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE mock_rounds SET state = 'ended', ended_at = ? WHERE id = ? AND state != 'ended'",
                (to_db_time(now), round_id),
            )
        return cursor.rowcount == 1

    async def warn(self, round_id: int, position: int) -> bool:
        """Claim the one time-warning of a question."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE mock_questions SET warned = 1 WHERE round_id = ? AND position = ? AND warned = 0",
                (round_id, position),
            )
        return cursor.rowcount == 1

    async def join(self, round_id: int, user_id: int, role: Role, now: datetime) -> bool:
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO mock_members (round_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (round_id, user_id) DO NOTHING",
                (round_id, user_id, role, to_db_time(now)),
            )
        return cursor.rowcount == 1

    async def members(self, round_id: int) -> list[MockMember]:
        rows = await self._c.fetchall(
            "SELECT u.id, u.external_id, u.display_name, m.role, m.joined_at"
            " FROM mock_members AS m JOIN users AS u ON u.id = m.user_id"
            " WHERE m.round_id = ? ORDER BY m.joined_at, m.rowid",
            (round_id,),
        )
        return [MockMember(row[0], row[1], row[2], Role(row[3]), from_db_time(row[4])) for row in rows]

    async def record_answer(
        self, round_id: int, position: int, user_id: int, used: float, late: bool, now: datetime
    ) -> bool:
        """Remember someone's first answer to a round question; later attempts keep the first time."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO mock_answers (round_id, position, user_id, answered_at, used, late)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, position, user_id) DO NOTHING",
                (round_id, position, user_id, to_db_time(now), used, int(late)),
            )
        return cursor.rowcount == 1

    async def answers(self, round_id: int) -> list[MockAnswer]:
        rows = await self._c.fetchall(
            "SELECT position, user_id, answered_at, used, late FROM mock_answers WHERE round_id = ?"
            " ORDER BY position, answered_at",
            (round_id,),
        )
        return [MockAnswer(row[0], row[1], from_db_time(row[2]), row[3], bool(row[4])) for row in rows]

    async def attempts(self, round_id: int) -> list[MockAttempt]:
        """Every attempt on the round's questions, oldest first."""
        rows = await self._c.fetchall(
            "SELECT q.position, a.user_id, a.answer, a.status, a.score, a.detail, a.submitted_at"
            " FROM attempts AS a JOIN mock_questions AS q ON q.post_id = a.post_id"
            " WHERE q.round_id = ? ORDER BY a.submitted_at, a.id",
            (round_id,),
        )
        return [
            MockAttempt(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), from_db_time(row[6]))
            for row in rows
        ]

    async def awarded(self, round_id: int) -> dict[tuple[int, int], int]:
        """The 'mock' points each person's answers added, by (question position, user id)."""
        rows = await self._c.fetchall(
            "SELECT q.position, l.user_id, l.points FROM mock_questions AS q"
            " JOIN points_ledger AS l ON l.post_id = q.post_id AND l.reason = 'mock' WHERE q.round_id = ?",
            (round_id,),
        )
        return {(row[0], row[1]): row[2] for row in rows}

    async def mark(self, round_id: int, position: int, point: int, covered: bool, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO mock_marks (round_id, position, point, covered, marked_at)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (round_id, position, point) DO UPDATE SET covered = excluded.covered,"
                " marked_at = excluded.marked_at",
                (round_id, position, point, int(covered), to_db_time(now)),
            )

    async def marks(self, round_id: int) -> dict[tuple[int, int], bool]:
        """The interviewer's marks by (question position, key point index)."""
        rows = await self._c.fetchall(
            "SELECT position, point, covered FROM mock_marks WHERE round_id = ?", (round_id,)
        )
        return {(row[0], row[1]): bool(row[2]) for row in rows}

    async def recommend(self, round_id: int, value: str) -> None:
        async with self._c.transaction() as raw:
            await raw.execute("UPDATE mock_rounds SET recommendation = ? WHERE id = ?", (value, round_id))

    async def toggle_tick(self, round_id: int, user_id: int, item: str) -> bool:
        """Flip a self-ticked checklist item; returns whether it is ticked now."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "DELETE FROM mock_ticks WHERE round_id = ? AND user_id = ? AND item = ?",
                (round_id, user_id, item),
            )
            if cursor.rowcount == 1:
                return False
            await raw.execute(
                "INSERT INTO mock_ticks (round_id, user_id, item) VALUES (?, ?, ?)", (round_id, user_id, item)
            )
        return True

    async def ticks(self, round_id: int, user_id: int) -> set[str]:
        rows = await self._c.fetchall(
            "SELECT item FROM mock_ticks WHERE round_id = ? AND user_id = ?", (round_id, user_id)
        )
        return {row[0] for row in rows}

    async def user(self, user_id: int) -> User | None:
        row = await self._c.fetchone(
            "SELECT id, team_id, external_id, display_name FROM users WHERE id = ?", (user_id,)
        )
        return User.from_row(row) if row else None

    async def user_by_external_id(self, team_id: int, external_id: str) -> User | None:
        row = await self._c.fetchone(
            "SELECT id, team_id, external_id, display_name FROM users WHERE team_id = ? AND external_id = ?",
            (team_id, external_id),
        )
        return User.from_row(row) if row else None

    async def users_named(self, team_id: int, name: str) -> list[User]:
        """Users of a team with this display name, ignoring case."""
        rows = await self._c.fetchall(
            "SELECT id, team_id, external_id, display_name FROM users"
            " WHERE team_id = ? AND display_name = ? COLLATE NOCASE ORDER BY id",
            (team_id, name),
        )
        return [User.from_row(row) for row in rows]


class MockPairs:
    """Weekly pairing: who opted in per channel, and the groups posted each week."""

    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def set_enabled(self, channel_id: int, enabled: bool, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO mock_pairing (channel_id, enabled, since) VALUES (?, ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET enabled = excluded.enabled, since = excluded.since",
                (channel_id, int(enabled), to_db_time(now)),
            )

    async def enabled_since(self, channel_id: int) -> datetime | None:
        """When pairing was turned on in the channel; None while it is off."""
        row = await self._c.fetchone(
            "SELECT since FROM mock_pairing WHERE channel_id = ? AND enabled = 1", (channel_id,)
        )
        return from_db_time(row[0]) if row else None

    async def channels(self, platforms: tuple[str, ...]) -> list[tuple[ScheduledChannel, datetime]]:
        """Channels on these platforms with pairing on, and since when."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self._c.fetchall(
            f"SELECT {_CHANNEL_COLUMNS}, p.since FROM mock_pairing AS p"
            " JOIN channels AS c ON c.id = p.channel_id JOIN teams AS t ON t.id = c.team_id"
            f" WHERE p.enabled = 1 AND t.platform IN ({marks}) ORDER BY c.id",
            platforms,
        )
        return [(ScheduledChannel.from_row(row), from_db_time(row[7])) for row in rows]

    async def opt(self, channel_id: int, user_id: int, now: datetime, *, join: bool) -> bool:
        """Opt a member in or out; True when that changed anything."""
        async with self._c.transaction() as raw:
            if join:
                cursor = await raw.execute(
                    "INSERT INTO mock_optins (channel_id, user_id, opted_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (channel_id, user_id) DO NOTHING",
                    (channel_id, user_id, to_db_time(now)),
                )
            else:
                cursor = await raw.execute(
                    "DELETE FROM mock_optins WHERE channel_id = ? AND user_id = ?", (channel_id, user_id)
                )
        return cursor.rowcount == 1

    async def members(self, channel_id: int) -> list[User]:
        rows = await self._c.fetchall(
            "SELECT u.id, u.team_id, u.external_id, u.display_name FROM mock_optins AS o"
            " JOIN users AS u ON u.id = o.user_id WHERE o.channel_id = ? ORDER BY u.id",
            (channel_id,),
        )
        return [User.from_row(row) for row in rows]

    async def history(self, channel_id: int, weeks: int) -> list[list[frozenset[int]]]:
        """The groups of the channel's latest `weeks` pairings, most recent week first."""
        rows = await self._c.fetchall(
            "SELECT p.week, p.grp, p.user_id FROM mock_pairs AS p WHERE p.channel_id = ? AND p.week IN"
            " (SELECT week FROM mock_pair_weeks WHERE channel_id = ? ORDER BY week DESC LIMIT ?)"
            " ORDER BY p.week DESC, p.grp",
            (channel_id, channel_id, weeks),
        )
        by_week: dict[str, dict[int, set[int]]] = {}
        for week, group, user_id in rows:
            by_week.setdefault(week, {}).setdefault(group, set()).add(user_id)
        return [[frozenset(members) for members in groups.values()] for groups in by_week.values()]

    async def claim_week(
        self, channel_id: int, week: date, groups: Sequence[Sequence[int]], now: datetime
    ) -> bool:
        """Store a week's groups once; False when that week was already paired."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO mock_pair_weeks (channel_id, week, posted_at) VALUES (?, ?, ?)"
                " ON CONFLICT (channel_id, week) DO NOTHING",
                (channel_id, week.isoformat(), to_db_time(now)),
            )
            if cursor.rowcount != 1:
                return False
            await raw.executemany(
                "INSERT INTO mock_pairs (channel_id, week, grp, user_id) VALUES (?, ?, ?, ?)",
                [
                    (channel_id, week.isoformat(), number, user_id)
                    for number, group in enumerate(groups)
                    for user_id in group
                ],
            )
        return True

    async def is_claimed(self, channel_id: int, week: date) -> bool:
        row = await self._c.fetchone(
            "SELECT 1 FROM mock_pair_weeks WHERE channel_id = ? AND week = ?", (channel_id, week.isoformat())
        )
        return row is not None


def _banked(used: float, resumed_at: str | None, now: datetime) -> float:
    """Seconds on a question's clock at `now`: what was banked plus the stretch running since resume."""
    return used + ((now - from_db_time(resumed_at)).total_seconds() if resumed_at else 0.0)
