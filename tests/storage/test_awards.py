"""The one points writer: best or exact offers, the category stored with each award, millionths once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import Award, AwardMode, AwardOffer, Database, Scope
from storage._progress import SCORE_SCALE

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _world(db: Database):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    channel = await db.channels.ensure(team.id, "C1", "general", T0)
    alice = await db.users.ensure(team.id, "U1", "alice", T0)
    return team, channel, alice


def _offer(user, channel, post, points: int, score: float, minute: int, **fields) -> AwardOffer:
    values = {"reason": "answer", "category": "deep-learning", "at": T0 + timedelta(minutes=minute)} | fields
    return AwardOffer(
        user_id=user.id, channel_id=channel.id, post_id=post.id, points=points, score=score, **values
    )


async def _row(db: Database) -> list[tuple]:
    rows = await db.connection.fetchall(
        "SELECT reason, category, points, score FROM points_ledger ORDER BY id"
    )
    return [tuple(row) for row in rows]


async def test_an_exact_offer_sets_the_row_lower_or_higher(db: Database):
    team, channel, alice = await _world(db)
    post = await db.posts.create(channel.id, "dropout", 1, "mock", T0)
    exact = {"reason": "mock", "mode": AwardMode.EXACT}
    assert await db.ledger.record(_offer(alice, channel, post, 20, 1.0, 1, **exact)) == Award(20, 0)
    assert await db.ledger.record(_offer(alice, channel, post, 8, 0.4, 2, **exact)) == Award(-12, 20)
    assert await _row(db) == [("mock", "deep-learning", 8, 0.4)]
    assert await db.ledger.record(_offer(alice, channel, post, 14, 0.7, 3, **exact)) == Award(6, 8)
    board = await db.progress.leaderboard(Scope(team.id, channel.id))
    assert [(s.points, s.answers, s.average_score) for s in board.top] == [(14, 1, 0.7)]


async def test_an_exact_offer_adds_only_what_beats_the_question_elsewhere(db: Database):
    _, channel, alice = await _world(db)
    quiz = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    mock = await db.posts.create(channel.id, "dropout", 2, "mock", T0)
    await db.ledger.record(_offer(alice, channel, quiz, 12, 0.6, 1))
    exact = {"reason": "mock", "mode": AwardMode.EXACT}
    assert await db.ledger.record(_offer(alice, channel, mock, 20, 1.0, 2, **exact)) == Award(8, 12)
    assert await db.ledger.record(_offer(alice, channel, mock, 10, 0.5, 3, **exact)) == Award(-8, 20)
    assert [row[2] for row in await _row(db)] == [12, 0]


async def test_a_best_offer_keeps_the_better_points_and_score(db: Database):
    _, channel, alice = await _world(db)
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await db.ledger.record(_offer(alice, channel, post, 12, 0.6, 1))
    assert await db.ledger.record(_offer(alice, channel, post, 4, 0.2, 2)) == Award(0, 12)
    assert await _row(db) == [("answer", "deep-learning", 12, 0.6)]


async def test_the_category_written_with_the_award_fills_category_boards_at_once(db: Database):
    team, channel, alice = await _world(db)
    post = await db.posts.create(channel.id, "bayes", 1, "quiz", T0)
    await db.ledger.record(_offer(alice, channel, post, 10, 0.5, 1, category="math-stats"))
    assert await db.ledger.uncategorised_questions() == set()
    board = await db.progress.leaderboard(Scope(team.id), category="math-stats")
    assert [(s.display_name, s.points) for s in board.top] == [("alice", 10)]
    totals = await db.progress.category_totals(Scope(team.id), alice.id)
    assert set(totals) == {"*", "math-stats"}


async def test_awards_stored_without_a_category_join_its_totals_when_given_one(db: Database):
    team, channel, alice = await _world(db)
    post = await db.posts.create(channel.id, "bayes", 1, "quiz", T0)
    await db.ledger.record(_offer(alice, channel, post, 10, 0.5, 1, category=""))
    assert await db.ledger.uncategorised_questions() == {"bayes"}
    assert (await db.progress.leaderboard(Scope(team.id), category="math-stats")).top == []
    await db.ledger.categorise({"bayes": "math-stats"})
    board = await db.progress.leaderboard(Scope(team.id), category="math-stats")
    assert [(s.display_name, s.points) for s in board.top] == [("alice", 10)]
    all_time = await db.progress.leaderboard(Scope(team.id))
    assert [(s.points, s.answers) for s in all_time.top] == [(10, 1)], "the '*' totals count it once"


async def test_the_roll_up_scales_scores_as_the_readers_do(db: Database):
    """The one SQL place that turns a score into millionths agrees with SCORE_SCALE, which reads them back."""
    team, channel, alice = await _world(db)
    post = await db.posts.create(channel.id, "bayes", 1, "quiz", T0)
    await db.ledger.record(_offer(alice, channel, post, 7, 1 / 3, 1))
    totals = await db.progress.question_totals(team.id)
    assert totals["bayes"].score_micros == round(SCORE_SCALE / 3)
    assert totals["bayes"].average == round(SCORE_SCALE / 3) / SCORE_SCALE
