"""The one points writer: an award row per post, person and reason, counted once per question in a season.

Every figure derived from the ledger (totals, steps, marks, question totals) is kept by the one roll-up of
migration 0010, whichever way a row changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from storage._db import to_db_time
from storage._records import Award


class AwardMode(StrEnum):
    """How an offer meets what its award row already holds."""

    BEST = "best"
    """Keep the higher: an answer adds only what beats the person's best for the question."""
    EXACT = "exact"
    """Set: the row holds what the offer adds, lower or higher (a pair round follows the marks)."""


@dataclass(frozen=True)
class AwardOffer:
    """Points offered for a person's answer on a post, with the question's category known when written."""

    user_id: int
    channel_id: int
    post_id: int
    reason: str
    category: str
    points: int
    score: float
    at: datetime
    mode: AwardMode = AwardMode.BEST


@dataclass(frozen=True)
class Held:
    """What a person has for a post's question this season: on this award row, and on their other awards."""

    points: int
    score: float
    elsewhere: int


async def held_for(raw: aiosqlite.Connection, offer: AwardOffer) -> Held:
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
        {"user": offer.user_id, "post": offer.post_id, "reason": offer.reason, "at": to_db_time(offer.at)},
    )
    row = await cursor.fetchone()
    assert row is not None, f"post {offer.post_id} is gone"
    return Held(int(row[0]), float(row[1]), int(row[2]))


def settled(offer: AwardOffer, held: Held) -> tuple[int, float]:
    """The row's new points and score: what the offer adds beyond the question's other awards, by mode."""
    adds = max(0, offer.points - held.elsewhere)
    if offer.mode is AwardMode.BEST:
        return max(held.points, adds), max(held.score, offer.score)
    return adds, offer.score


async def record_award(raw: aiosqlite.Connection, offer: AwardOffer) -> Award:
    """Write an offer in the caller's transaction; `gained` is how far the row moved (exact may lower it)."""
    held = await held_for(raw, offer)
    points, score = settled(offer, held)
    await raw.execute(
        "INSERT INTO points_ledger"
        " (user_id, channel_id, post_id, reason, points, score, awarded_at, question_id, category)"
        " SELECT ?, ?, ?, ?, ?, ?, ?, question_id, ? FROM posts WHERE id = ?"
        " ON CONFLICT (post_id, user_id, reason) DO UPDATE SET"
        " points = excluded.points, score = excluded.score",
        (
            offer.user_id,
            offer.channel_id,
            offer.post_id,
            offer.reason,
            points,
            score,
            to_db_time(offer.at),
            offer.category,
            offer.post_id,
        ),
    )
    return Award(gained=points - held.points, earned_before=held.points + held.elsewhere)
