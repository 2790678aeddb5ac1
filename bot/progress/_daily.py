"""The daily draw's opt-in nudges: lean toward the team's weak spots, or re-ask what it has forgotten.

Both read only the database and the slot, so a retried post of the same slot picks the same question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.progress._review import SCHEDULER, recall_chance, sync
from bot.progress._weak_spots import weak_spots, weakest_category
from questions import Category, Question, QuestionBank
from storage import Database, Scope

WEAK_TAGS = 3
NOT_AGAIN_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class DailyNudge:
    """Weights for the category draw, tags to prefer within it, and a question to re-ask instead."""

    weights: dict[Category, int]
    weak_tags: frozenset[str] = field(default_factory=frozenset)
    reask: Question | None = None

    def steer(
        self, planned: Question, bank: QuestionBank, last_used: Mapping[str, int], seed: int
    ) -> Question:
        """The re-ask if any; else a not-yet-used question with a weak tag in the planned category."""
        if self.reask is not None:
            return self.reask
        if not self.weak_tags or self.weak_tags & set(planned.tags):
            return planned
        options = sorted(
            q.id
            for q in bank.in_category(planned.category)
            if self.weak_tags & set(q.tags) and q.id not in last_used
        )
        found = bank.get(options[seed % len(options)]) if options else None
        return found or planned


async def daily_nudge(
    db: Database, bank: QuestionBank, channel_id: int, weights: Mapping[Category, int], slot: datetime
) -> DailyNudge:
    """What the channel opted in to, applied to this slot; no opt-in leaves the draw as it was."""
    options = await db.options.get(channel_id)
    nudge = DailyNudge(dict(weights))
    if not (options.nudge_weak_spots or options.reask_forgotten):
        return nudge
    team_id = await db.progress.team_of(channel_id)
    if options.nudge_weak_spots:
        nudge = await _lean(db, bank, team_id, nudge)
    if options.reask_forgotten:
        reask = await forgotten(db, bank, Scope(team_id, channel_id), nudge.weights, slot)
        nudge = DailyNudge(nudge.weights, nudge.weak_tags, reask)
    return nudge


async def _lean(db: Database, bank: QuestionBank, team_id: int, nudge: DailyNudge) -> DailyNudge:
    """Double the weakest drawn category's weight and prefer the weakest tags."""
    categories, tags = weak_spots(await db.progress.question_totals(team_id), bank)
    weights = dict(nudge.weights)
    weakest = weakest_category(categories, weights)
    if weakest is not None:
        weights[weakest] *= 2
    return DailyNudge(weights, frozenset(s.name for s in tags[:WEAK_TAGS]))


async def forgotten(
    db: Database, bank: QuestionBank, scope: Scope, weights: Mapping[Category, int], slot: datetime
) -> Question | None:
    """The question the channel's people are least likely to recall at the slot, if below FSRS's target."""
    members = await db.progress.members(scope)
    await sync(db, members)
    recent = await db.progress.questions_posted(scope.channel_id, slot - NOT_AGAIN_WITHIN)
    chances: dict[str, list[float]] = {}
    for card in await db.reviews.cards(members):
        question = bank.get(card.question_id)
        if question and weights.get(question.category, 0) > 0 and question.id not in recent:
            chances.setdefault(question.id, []).append(recall_chance(card, slot))
    if not chances:
        return None
    question_id, chance = min(((q, sum(c) / len(c)) for q, c in chances.items()), key=lambda p: (p[1], p[0]))
    return bank.get(question_id) if chance < SCHEDULER.desired_retention else None
