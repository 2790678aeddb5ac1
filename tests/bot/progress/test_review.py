"""Spaced review: FSRS cards from answers, served soonest-due first, privately; daily re-asks."""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler

from bot.progress import daily_nudge
from bot.replies import Visibility
from storage import Database, Scope
from tests.support.answers import GOOD_DROPOUT
from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import scored

FSRS = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating(score: float) -> Rating:
    """The rule the issue names: the rating comes from the grade's bands."""
    return (
        Rating.Again
        if score < 0.4
        else Rating.Hard
        if score < 0.8
        else Rating.Good
        if score < 0.95
        else Rating.Easy
    )


def due_after(score: float, at: datetime) -> datetime:
    return FSRS.review_card(Card(card_id=0, due=at), rating(score), at)[0].due


async def test_review_serves_cards_in_fsrs_due_order_privately(flow: Flow, clock: ManualClock):
    answers = [("test-two-heads", "0.5"), ("test-sparse-choice", "B"), ("dropout", GOOD_DROPOUT)]
    due = {}
    for question, text in answers:
        due[question] = due_after(await scored(flow, "alice", question, text), clock.now)
        clock.advance(hours=5)
    assert len(set(due.values())) == 3, "three different ratings give three different due dates"
    clock.now = max(due.values()) + timedelta(days=1)
    served = []
    for _ in answers:
        card = only(await flow.as_user("alice").command("review"), "review-question")
        assert card.visibility is Visibility.EPHEMERAL and card.recipient.display_name == "alice"
        served.append(card.view.question_id)
        again = only(await flow.command("review"), "review-question")
        assert again.view.question_id == served[-1], "the pending question stays until answered"
        wrong = {"test-two-heads": "0.9", "test-sparse-choice": "A", "dropout": "no idea"}
        only(await flow.command(f"review answer {wrong[served[-1]]}"), "review-verdict")
    assert served == sorted(due, key=lambda q: (due[q], q))


async def test_only_the_first_scored_answer_to_a_post_is_a_recall(
    flow: Flow, db: Database, clock: ManualClock
):
    await scored(flow, "alice", "test-two-heads", "0.5")
    await flow.say("0.25")
    await flow.command("review")
    cards = await db.reviews.cards([(await db.progress.members(await _scope(db)))[0]])
    assert [(c.question_id, c.reviews, c.due) for c in cards] == [
        ("test-two-heads", 1, due_after(0.0, clock.now))
    ]


async def test_a_review_answer_rates_the_card_and_says_when_it_returns(flow: Flow, clock: ManualClock):
    await scored(flow, "alice", "test-two-heads", "0.5")
    clock.advance(days=3)
    only(await flow.command("review"), "review-question")
    verdict = only(await flow.command("review answer 1/4"), "review-verdict")
    assert verdict.view.rating == "Easy" and verdict.view.score == 1.0
    assert verdict.view.due > clock.now + timedelta(days=3)
    nothing = only(await flow.command("review"), "review-empty")
    assert nothing.view.next == "test-two-heads"


async def test_review_explains_itself_when_there_is_nothing_to_do(flow: Flow):
    empty = only(await flow.command("review"), "review-empty")
    assert "answer a few questions first" in empty.blocks[0].text
    assert "No review question" in only(await flow.command("review answer 42"), "notice").blocks[0].text
    assert "Usage" in only(await flow.command("review sideways"), "notice").blocks[0].text
    assert "Only admins" in only(await flow.command("review daily on"), "notice").blocks[0].text


async def test_the_daily_draw_re_asks_what_the_channel_forgot(flow: Flow, db: Database, clock: ManualClock):
    await scored(flow, "alice", "test-two-heads", "0.5")
    await scored(flow, "bob", "test-two-heads", "0.5")
    await scored(flow, "alice", "test-sparse-choice", "B")
    await scored(flow, "bob", "dropout", GOOD_DROPOUT)
    scope = await _scope(db)
    clock.advance(days=9)
    plain = await daily_nudge(
        db, flow.core.quiz.bank, scope.channel_id, await flow.core.quiz.weights(1), clock.now
    )
    assert plain.reask is None
    assert only(
        await flow.as_user("boss", admin=True).command("review daily on"), "review-daily"
    ).view.reask_forgotten
    nudge = await daily_nudge(db, flow.core.quiz.bank, scope.channel_id, plain.weights, clock.now)
    assert nudge.reask is not None and nudge.reask.id == "test-two-heads"
    assert nudge.steer(flow.core.quiz.bank.get("dropout"), flow.core.quiz.bank, {}, 7).id == "test-two-heads"
    await flow.command("schedule 10:00 UTC daily")
    flow.core.attach(flow.where.platform, flow.outbox)
    clock.now = clock.now.replace(hour=10, minute=1) + timedelta(days=1)
    posted = await flow.core.daily.tick(clock.now)
    assert [p.question_id for p in posted] == ["test-two-heads"]


async def _scope(db: Database) -> Scope:
    row = await db.connection.fetchone("SELECT team_id, id FROM channels ORDER BY id LIMIT 1")
    return Scope(row[0], row[1])
