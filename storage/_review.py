"""Spaced-review storage: one FSRS card per person and question, and how far answers have been fed in.

Cards are written with a compare-and-set on the person's sync position, so two processes feeding the
same new answers to the same cards cannot both apply them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage._db import Connection, from_db_time, to_db_time

_CARD_COLUMNS = "user_id, question_id, state, step, stability, difficulty, due, last_review, reviews"


@dataclass(frozen=True)
class StoredCard:
    user_id: int
    question_id: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int


@dataclass(frozen=True)
class Recall:
    """A person's first scored answer to a post: one recall of that question."""

    attempt_id: int
    question_id: str
    score: float
    at: datetime


@dataclass(frozen=True)
class PendingReview:
    question_id: str
    seed: int
    since: datetime


def _card(row) -> StoredCard:
    values = dict(row)
    values["due"] = from_db_time(values["due"])
    values["last_review"] = values["last_review"] and from_db_time(values["last_review"])
    return StoredCard(**values)


def _card_values(card: StoredCard) -> tuple:
    last = to_db_time(card.last_review) if card.last_review else None
    return (
        card.user_id,
        card.question_id,
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        to_db_time(card.due),
        last,
        card.reviews,
    )


_UPSERT = (
    f"INSERT INTO review_cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (user_id, question_id) DO UPDATE SET state = excluded.state, step = excluded.step,"
    " stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,"
    " last_review = excluded.last_review, reviews = excluded.reviews"
)


class Reviews:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def cards(self, user_ids: Sequence[int]) -> list[StoredCard]:
        """These people's cards, soonest due first (ties by question id)."""
        if not user_ids:
            return []
        rows = await self._c.fetchall(
            f"SELECT {_CARD_COLUMNS} FROM review_cards WHERE user_id IN ({', '.join('?' for _ in user_ids)})"
            " ORDER BY due, question_id, user_id",
            tuple(user_ids),
        )
        return [_card(row) for row in rows]

    async def synced(self, user_id: int) -> int:
        row = await self._c.fetchone("SELECT synced_attempt FROM review_state WHERE user_id = ?", (user_id,))
        return int(row[0]) if row else 0

    async def recalls(self, user_id: int, after_attempt: int) -> list[Recall]:
        """The person's first scored answer to each post, recorded after `after_attempt`, oldest first."""
        rows = await self._c.fetchall(
            "SELECT a.id, p.question_id, a.score, a.submitted_at FROM attempts AS a"
            " JOIN posts AS p ON p.id = a.post_id"
            " WHERE a.user_id = ? AND a.id > ? AND a.score IS NOT NULL AND NOT EXISTS ("
            " SELECT 1 FROM attempts AS b WHERE b.post_id = a.post_id AND b.user_id = a.user_id"
            " AND b.score IS NOT NULL AND b.id < a.id) ORDER BY a.id",
            (user_id, after_attempt),
        )
        return [Recall(row[0], row[1], row[2], from_db_time(row[3])) for row in rows]

    async def feed(self, user_id: int, cards: Sequence[StoredCard], *, synced: int, upto: int) -> bool:
        """Store cards updated from answers `synced`..`upto`; False if another process got there first."""
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO review_state (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING", (user_id,)
            )
            cursor = await raw.execute(
                "UPDATE review_state SET synced_attempt = ? WHERE user_id = ? AND synced_attempt = ?",
                (upto, user_id, synced),
            )
            if cursor.rowcount != 1:
                return False
            await raw.executemany(_UPSERT, [_card_values(card) for card in cards])
        return True

    async def answer(self, card: StoredCard) -> None:
        """Store a card rated by a review answer and clear the pending review."""
        async with self._c.transaction() as raw:
            await raw.execute(_UPSERT, _card_values(card))
            await raw.execute(
                "UPDATE review_state SET pending_question = NULL, pending_seed = NULL, pending_since = NULL"
                " WHERE user_id = ?",
                (card.user_id,),
            )

    async def pending(self, user_id: int) -> PendingReview | None:
        row = await self._c.fetchone(
            "SELECT pending_question, pending_seed, pending_since FROM review_state"
            " WHERE user_id = ? AND pending_question IS NOT NULL",
            (user_id,),
        )
        return PendingReview(row[0], row[1], from_db_time(row[2])) if row else None

    async def set_pending(self, user_id: int, question_id: str, seed: int, now: datetime) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO review_state (user_id, pending_question, pending_seed, pending_since)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                " pending_question = excluded.pending_question, pending_seed = excluded.pending_seed,"
                " pending_since = excluded.pending_since",
                (user_id, question_id, seed, to_db_time(now)),
            )
