"""Points once per question and person in a season: what an award row holds and what the others do."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class AwardKey:
    """One ledger row: a person's award on a post, in a channel, for a reason."""

    user_id: int
    channel_id: int
    post_id: int
    reason: str


@dataclass(frozen=True)
class Held:
    """What a person has for a post's question this season: on this award row, and on their other awards."""

    points: int
    score: float
    elsewhere: int


async def held_for(raw: aiosqlite.Connection, key: AwardKey, at: str) -> Held:
    """Read the award row and what other awards hold for its question since the season began, in one trip."""
    cursor = await raw.execute(
        "SELECT IFNULL(own.points, 0), IFNULL(own.score, 0.0), ("
        "  SELECT IFNULL(SUM(l.points), 0) FROM points_ledger AS l INDEXED BY ledger_by_question"
        "  WHERE l.user_id = :user AND l.question_id = p.question_id AND l.awarded_at >= IFNULL(("
        "    SELECT MAX(s.started_at) FROM seasons AS s"
        "    WHERE s.team_id = c.team_id AND s.started_at <= :at), '')"
        "  AND (l.post_id != p.id OR l.reason != :reason))"
        " FROM posts AS p JOIN channels AS c ON c.id = p.channel_id"
        " LEFT JOIN points_ledger AS own"
        "   ON own.post_id = p.id AND own.user_id = :user AND own.reason = :reason"
        " WHERE p.id = :post",
        {"user": key.user_id, "post": key.post_id, "reason": key.reason, "at": at},
    )
    row = await cursor.fetchone()
    assert row is not None, f"post {key.post_id} is gone"
    return Held(int(row[0]), float(row[1]), int(row[2]))


async def put_award(raw: aiosqlite.Connection, key: AwardKey, *, points: int, score: float, at: str) -> None:
    """Write an award's points and score, creating its row (with its question) on first use."""
    await raw.execute(
        "INSERT INTO points_ledger"
        " (user_id, channel_id, post_id, reason, points, score, awarded_at, question_id)"
        " SELECT ?, ?, ?, ?, ?, ?, ?, question_id FROM posts WHERE id = ?"
        " ON CONFLICT (post_id, user_id, reason) DO UPDATE SET"
        " points = excluded.points, score = excluded.score",
        (key.user_id, key.channel_id, key.post_id, key.reason, points, score, at, key.post_id),
    )
