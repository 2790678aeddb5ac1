"""Domain repositories over the shared connection: each method is one meaningful operation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from storage._awards import AwardMode, AwardOffer, record_award
from storage._db import Connection, from_db_time, to_db_time
from storage._records import Award, Channel, Post, PostResult, PostSource, RecentResult, Team, User


class Teams:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def ensure(self, platform: str, external_id: str, name: str, now: datetime) -> Team:
        """Return the team, creating it on first sight."""
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO teams (platform, external_id, name, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (platform, external_id) DO NOTHING",
                (platform, external_id, name, to_db_time(now)),
            )
        row = await self._c.fetchone(
            "SELECT id, platform, external_id, name FROM teams WHERE platform = ? AND external_id = ?",
            (platform, external_id),
        )
        assert row is not None
        return Team.from_row(row)


class Channels:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def of_team(self, platform: str, team_external: str) -> list[tuple[str, str]]:
        """Every channel of a team the bot has served: (platform id, name), by name."""
        rows = await self._c.fetchall(
            "SELECT c.external_id, c.name FROM channels AS c JOIN teams AS t ON t.id = c.team_id"
            " WHERE t.platform = ? AND t.external_id = ? ORDER BY c.name, c.external_id",
            (platform, team_external),
        )
        return [(row[0], row[1]) for row in rows]

    async def ensure(self, team_id: int, external_id: str, name: str, now: datetime) -> Channel:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO channels (team_id, external_id, name, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (team_id, external_id) DO NOTHING",
                (team_id, external_id, name, to_db_time(now)),
            )
        row = await self._c.fetchone(
            "SELECT id, team_id, external_id, name, created_at FROM channels"
            " WHERE team_id = ? AND external_id = ?",
            (team_id, external_id),
        )
        assert row is not None
        return Channel.from_row(row)

    async def weights(self, channel_id: int) -> dict[str, int]:
        """Stored weights by category name; categories never set are absent."""
        rows = await self._c.fetchall(
            "SELECT category, weight FROM channel_weights WHERE channel_id = ?", (channel_id,)
        )
        return {row["category"]: row["weight"] for row in rows}

    async def set_weights(self, channel_id: int, weights: Mapping[str, int]) -> None:
        async with self._c.transaction() as raw:
            await raw.execute("DELETE FROM channel_weights WHERE channel_id = ?", (channel_id,))
            await raw.executemany(
                "INSERT INTO channel_weights (channel_id, category, weight) VALUES (?, ?, ?)",
                [(channel_id, category, weight) for category, weight in weights.items()],
            )


class Users:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def ensure(self, team_id: int, external_id: str, display_name: str, now: datetime) -> User:
        """Return the user, creating them or refreshing their display name."""
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO users (team_id, external_id, display_name, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (team_id, external_id) DO UPDATE SET display_name = excluded.display_name"
                " WHERE display_name != excluded.display_name",
                (team_id, external_id, display_name, to_db_time(now)),
            )
        row = await self._c.fetchone(
            "SELECT id, team_id, external_id, display_name FROM users WHERE team_id = ? AND external_id = ?",
            (team_id, external_id),
        )
        assert row is not None
        return User.from_row(row)


_POST_COLUMNS = (
    "id, channel_id, question_id, seed, source, message_ref, thread_ref, posted_at, revealed_at, hints_shown"
)


def _post(row) -> Post:
    values = dict(row)
    values["posted_at"] = from_db_time(values["posted_at"])
    values["revealed_at"] = values["revealed_at"] and from_db_time(values["revealed_at"])
    values["source"] = PostSource(values["source"])
    return Post(**values)


class Posts:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def create(
        self, channel_id: int, question_id: str, seed: int, source: PostSource, now: datetime
    ) -> Post:
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO posts (channel_id, question_id, seed, source, posted_at) VALUES (?, ?, ?, ?, ?)",
                (channel_id, question_id, seed, source, to_db_time(now)),
            )
            post_id = cursor.lastrowid
        assert post_id is not None
        post = await self.get(post_id)
        assert post is not None
        return post

    async def get(self, post_id: int) -> Post | None:
        row = await self._c.fetchone(f"SELECT {_POST_COLUMNS} FROM posts WHERE id = ?", (post_id,))
        return _post(row) if row else None

    async def attach_message(self, post_id: int, message_ref: str, thread_ref: str) -> None:
        """Remember where the platform put the post, so thread replies find it."""
        async with self._c.transaction() as raw:
            await raw.execute(
                "UPDATE posts SET message_ref = ?, thread_ref = ? WHERE id = ?",
                (message_ref, thread_ref, post_id),
            )

    async def by_thread(self, channel_id: int, thread_ref: str) -> Post | None:
        row = await self._c.fetchone(
            f"SELECT {_POST_COLUMNS} FROM posts WHERE channel_id = ? AND thread_ref = ?"
            " ORDER BY id DESC LIMIT 1",
            (channel_id, thread_ref),
        )
        return _post(row) if row else None

    async def latest(self, channel_id: int) -> Post | None:
        row = await self._c.fetchone(
            f"SELECT {_POST_COLUMNS} FROM posts WHERE channel_id = ? ORDER BY posted_at DESC, id DESC"
            " LIMIT 1",
            (channel_id,),
        )
        return _post(row) if row else None

    async def last_used(self, channel_id: int) -> dict[str, int]:
        """For each question posted in the channel, the id of its latest post (higher is more recent)."""
        rows = await self._c.fetchall(
            "SELECT question_id, MAX(id) AS last FROM posts WHERE channel_id = ? GROUP BY question_id",
            (channel_id,),
        )
        return {row["question_id"]: row["last"] for row in rows}

    async def next_hint(self, post_id: int) -> int:
        """Count one more hint shown and return how many have been shown now."""
        async with self._c.transaction() as raw:
            await raw.execute("UPDATE posts SET hints_shown = hints_shown + 1 WHERE id = ?", (post_id,))
            cursor = await raw.execute("SELECT hints_shown FROM posts WHERE id = ?", (post_id,))
            row = await cursor.fetchone()
        assert row is not None  # the post was updated in this same transaction
        return int(row[0])

    async def mark_revealed(self, post_id: int, now: datetime) -> bool:
        """Set the reveal time once; True only for the call that set it."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE posts SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL",
                (to_db_time(now), post_id),
            )
        return cursor.rowcount == 1


class Attempts:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def record(
        self,
        *,
        post_id: int,
        user_id: int,
        answer_kind: str,
        answer: str,
        status: str,
        score: float | None,
        points: int,
        detail: Mapping[str, object],
        now: datetime,
    ) -> int:
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "INSERT INTO attempts (post_id, user_id, submitted_at, answer_kind, answer, status,"
                " score, points, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    post_id,
                    user_id,
                    to_db_time(now),
                    answer_kind,
                    answer,
                    status,
                    score,
                    points,
                    json.dumps(detail, ensure_ascii=False),
                ),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def regrade(
        self,
        attempt_id: int,
        *,
        score: float,
        points: int,
        detail: Mapping[str, object],
        reason: str | None,
        now: datetime,
    ) -> int | None:
        """Change an attempt's grade after a later review (the model grader) without awarding twice.

        With a ledger `reason`, the person's award row for the post becomes what their best graded
        attempt on it adds beyond their other awards for the question this season, as the best offer
        would have made it; returns how much that row changed (None without a reason or without a row).
        """
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "UPDATE attempts SET score = ?, points = ?, detail = ? WHERE id = ?"
                " RETURNING post_id, user_id",
                (score, points, json.dumps(detail, ensure_ascii=False), attempt_id),
            )
            ((post_id, user_id),) = await cursor.fetchall()
            if reason is None:
                return None
            cursor = await raw.execute(
                "SELECT IFNULL(MAX(a.points), 0), IFNULL(MAX(a.score), 0.0), l.channel_id, l.category"
                " FROM points_ledger AS l LEFT JOIN attempts AS a ON a.post_id = l.post_id"
                " AND a.user_id = l.user_id AND a.status = 'graded'"
                " WHERE l.post_id = ? AND l.user_id = ? AND l.reason = ?",
                (post_id, user_id, reason),
            )
            row = await cursor.fetchone()
            if row is None or row[2] is None:
                return None
            best_points, best_score, channel_id, category = row
            offer = AwardOffer(
                user_id=user_id,
                channel_id=channel_id,
                post_id=post_id,
                reason=reason,
                category=category,
                points=int(best_points),
                score=float(best_score),
                at=now,
                mode=AwardMode.EXACT,
            )
            award = await record_award(raw, offer)
        return award.gained

    async def results(self, post_id: int) -> list[PostResult]:
        """Each person's best result on a post before its reveal, best first, then earliest."""
        rows = await self._c.fetchall(
            "SELECT u.id, u.display_name, MAX(a.score) AS best, MIN(a.submitted_at) AS first"
            " FROM attempts AS a JOIN users AS u ON u.id = a.user_id"
            " WHERE a.post_id = ? AND a.status != 'practice'"
            " GROUP BY u.id ORDER BY best IS NULL, best DESC, first ASC, u.id ASC",
            (post_id,),
        )
        return [PostResult(row[0], row[1], row[2]) for row in rows]

    async def recent_of(
        self, platform: str, team_external: str, user_external: str, limit: int
    ) -> list[RecentResult]:
        """A person's latest graded answers across the team's channels, newest first."""
        rows = await self._c.fetchall(
            "SELECT p.question_id, c.name, a.score FROM attempts AS a"
            " JOIN users AS u ON u.id = a.user_id JOIN teams AS t ON t.id = u.team_id"
            " JOIN posts AS p ON p.id = a.post_id JOIN channels AS c ON c.id = p.channel_id"
            " WHERE t.platform = ? AND t.external_id = ? AND u.external_id = ? AND a.score IS NOT NULL"
            " ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?",
            (platform, team_external, user_external, limit),
        )
        return [RecentResult(row[0], row[1], float(row[2])) for row in rows]

    async def count(self) -> int:
        row = await self._c.fetchone("SELECT COUNT(*) FROM attempts")
        return int(row[0]) if row else 0


class Ledger:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def record(self, offer: AwardOffer) -> Award:
        """Offer points for an answer: the only way points are written (see AwardMode for best or exact)."""
        async with self._c.transaction() as raw:
            return await record_award(raw, offer)

    async def uncategorised_questions(self) -> set[str]:
        """Questions of awards stored without a category (before categories were written with them)."""
        rows = await self._c.fetchall(
            "SELECT DISTINCT question_id FROM points_ledger INDEXED BY ledger_uncategorised"
            " WHERE category = ''"
        )
        return {row[0] for row in rows}

    async def categorise(self, categories: Mapping[str, str]) -> None:
        """Give uncategorised awards their question's category; the roll-up moves them into its totals."""
        async with self._c.transaction() as raw:
            await raw.executemany(
                "UPDATE points_ledger SET category = ? WHERE question_id = ? AND category = ''",
                [(category, question_id) for question_id, category in categories.items()],
            )
