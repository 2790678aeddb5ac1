"""Spaced review with FSRS: one card per person and question, rated from how well they answered.

Every first scored answer to a post is a recall, fed to the person's card in answer order before the
cards are read; `/quiz review` then serves the cards that are due, soonest due first, privately.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

from bot.errors import UserError
from bot.grading import Ungradable, grade_within
from bot.progress._views import NextDue, NothingDue, ReviewQuestion, ReviewVerdict
from bot.replies import Reply, View, Visibility
from questions import Kind, Question, QuestionBank, instantiate
from storage import Database, StoredCard, User

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(score: float) -> Rating:
    """The grade's verdict bands (not yet / partial / passed), with a near-perfect answer as Easy."""
    if score < 0.4:
        return Rating.Again
    if score < 0.8:
        return Rating.Hard
    return Rating.Good if score < 0.95 else Rating.Easy


def reviewed(
    stored: StoredCard | None, user_id: int, question_id: str, score: float, at: datetime
) -> StoredCard:
    """The card after one recall at `at`; a first recall creates it."""
    card = _fsrs(stored) if stored else Card(card_id=0, due=at)
    card, _ = SCHEDULER.review_card(card, rating_for(score), at)
    return StoredCard(
        user_id,
        question_id,
        card.state.value,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
        (stored.reviews if stored else 0) + 1,
    )


def _fsrs(stored: StoredCard) -> Card:
    return Card(
        card_id=0,
        state=State(stored.state),
        step=stored.step,
        stability=stored.stability,
        difficulty=stored.difficulty,
        due=stored.due,
        last_review=stored.last_review,
    )


def recall_chance(stored: StoredCard, at: datetime) -> float:
    """FSRS's estimate that the person still remembers the answer at `at`."""
    return SCHEDULER.get_card_retrievability(_fsrs(stored), at)


async def sync(db: Database, user_ids: Sequence[int]) -> None:
    """Feed each person's new answers to their cards, in the order they were given."""
    for user_id in user_ids:
        synced = await db.reviews.synced(user_id)
        recalls = await db.reviews.recalls(user_id, synced)
        if not recalls:
            continue
        cards = {c.question_id: c for c in await db.reviews.cards([user_id])}
        changed = set()
        for recall in recalls:
            card = cards.get(recall.question_id)
            cards[recall.question_id] = reviewed(card, user_id, recall.question_id, recall.score, recall.at)
            changed.add(recall.question_id)
        await db.reviews.feed(
            user_id, [cards[q] for q in sorted(changed)], synced=synced, upto=recalls[-1].attempt_id
        )


def _servable(card: StoredCard, bank: QuestionBank) -> Question | None:
    question = bank.get(card.question_id)
    return question if question is not None and question.kind is not Kind.CODE else None


async def next_review(db: Database, bank: QuestionBank, user: User, now: datetime) -> Reply:
    """The pending review question, else the card due soonest, shown only to its owner."""
    await sync(db, [user.id])
    cards = await db.reviews.cards([user.id])
    due = [c for c in cards if c.due <= now and _servable(c, bank)]
    pending = await db.reviews.pending(user.id)
    if pending is not None and any(c.question_id == pending.question_id for c in due):
        return _card_reply(bank, pending.question_id, pending.seed, len(due))
    if not due:
        return _nothing_due(bank, cards, now)
    card = due[0]
    seed = random.Random(f"{user.id}:{card.question_id}:{card.reviews}").getrandbits(31)
    await db.reviews.set_pending(user.id, card.question_id, seed, now)
    return _card_reply(bank, card.question_id, seed, len(due))


def _card_reply(bank: QuestionBank, question_id: str, seed: int, due: int) -> Reply:
    question = bank.get(question_id)
    assert question is not None
    return _private(ReviewQuestion(instantiate(question, seed), due))


def _nothing_due(bank: QuestionBank, cards: list[StoredCard], now: datetime) -> Reply:
    code = tuple(c.question_id for c in cards if c.due <= now and not _servable(c, bank))
    upcoming = next((c for c in cards if c.due > now and _servable(c, bank)), None)
    shown = None
    if upcoming is not None:
        title = question.title if (question := bank.get(upcoming.question_id)) else upcoming.question_id
        shown = NextDue(upcoming.question_id, title, upcoming.due)
    return _private(NothingDue(bool(cards), shown, code))


async def answer_review(db: Database, bank: QuestionBank, user: User, text: str, now: datetime) -> Reply:
    """Grade the pending review question, rate the card from the grade, and say when it comes back."""
    pending = await db.reviews.pending(user.id)
    if pending is None:
        raise UserError("No review question is waiting for you. Get one with `/quiz review`.")
    question = bank.get(pending.question_id)
    if question is None:
        raise UserError("That review question has left the bank. Get another with `/quiz review`.")
    try:
        result = await grade_within(question, text, instantiate(question, pending.seed).expected)
    except Ungradable as exc:
        raise UserError(str(exc)) from exc
    await sync(db, [user.id])
    stored = next((c for c in await db.reviews.cards([user.id]) if c.question_id == question.id), None)
    card = reviewed(stored, user.id, question.id, result.score, now)
    await db.reviews.answer(card)
    remaining = sum(1 for c in await db.reviews.cards([user.id]) if c.due <= now and _servable(c, bank))
    days = max(0, (card.due - now).days)
    rating = rating_for(result.score).name
    return _private(ReviewVerdict(question.id, result, rating, card.due, days, remaining))


def _private(view: View) -> Reply:
    """Only the asker sees reviews; the service addresses the reply to them."""
    return Reply.of(view, Visibility.EPHEMERAL)
