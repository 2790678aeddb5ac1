"""Regrading a stored attempt (after a model review): the ledger keeps the best attempt, up or down."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from storage import AwardOffer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _setup(db):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    channel = await db.channels.ensure(team.id, "C1", "c1", T0)
    user = await db.users.ensure(team.id, "U1", "alice", T0)
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    return channel, user, post


async def _attempt(db, channel, user, post, score: float, points: int) -> int:
    attempt = await db.attempts.record(
        post_id=post.id,
        user_id=user.id,
        answer_kind="concept",
        answer="text",
        status="graded",
        score=score,
        points=points,
        detail={},
        now=T0,
    )
    await db.ledger.record(
        AwardOffer(user.id, channel.id, post.id, "answer", "deep-learning", points, score, T0)
    )
    return attempt


async def _ledger(db, post) -> tuple:
    row = await db.connection.fetchone(
        "SELECT points, score FROM points_ledger WHERE post_id = ?", (post.id,)
    )
    return tuple(row)


async def regrade(db, attempt: int, *, reason: str | None = "answer", **grade) -> int | None:
    return await db.attempts.regrade(attempt, reason=reason, now=T0, **grade)


async def test_a_regrade_adds_only_what_beats_the_persons_best_for_the_question_elsewhere(db):
    channel, user, post = await _setup(db)
    await _attempt(db, channel, user, post, 0.5, 10)
    again = await db.posts.create(channel.id, "dropout", 2, "quiz", T0)
    attempt = await _attempt(db, channel, user, again, 0.3, 6)
    assert await _ledger(db, again) == (0, 0.3), "a repeat adds nothing"
    assert await regrade(db, attempt, score=0.9, points=18, detail={}) == 8
    assert await _ledger(db, again) == (8, 0.9), "only the difference over the first post's 10"


async def test_a_regrade_raises_or_lowers_the_ledger_to_the_best_attempt(db):
    channel, user, post = await _setup(db)
    first = await _attempt(db, channel, user, post, 0.4, 8)
    second = await _attempt(db, channel, user, post, 0.6, 12)
    assert await regrade(db, second, score=0.9, points=18, detail={"m": 1}) == 6
    assert await _ledger(db, post) == (18, 0.9)
    assert await regrade(db, second, score=0.2, points=4, detail={}) == -10
    assert await _ledger(db, post) == (8, 0.4), "the earlier, better attempt counts again"
    assert await regrade(db, first, score=0.0, points=0, detail={}) == -4
    rows = await db.connection.fetchall("SELECT score, points, detail FROM attempts ORDER BY id")
    assert [tuple(r) for r in rows] == [(0.0, 0, "{}"), (0.2, 4, "{}")]
    standings = await db.connection.fetchone(
        "SELECT points, answers FROM progress_totals WHERE channel_id = ? AND category = '*'", (channel.id,)
    )
    assert tuple(standings) == (4, 1), "running totals follow the ledger, one answer"


async def test_a_practice_regrade_touches_no_ledger(db):
    channel, user, post = await _setup(db)
    attempt = await _attempt(db, channel, user, post, 0.5, 10)
    assert await regrade(db, attempt, score=1.0, points=0, detail={"x": "y"}, reason=None) is None
    assert await _ledger(db, post) == (10, 0.5)
    row = await db.connection.fetchone("SELECT detail FROM attempts WHERE id = ?", (attempt,))
    assert json.loads(row[0]) == {"x": "y"}
