"""Which question comes next: a weighted category draw, then the least recently used question."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from bot.errors import UserError
from questions import Category, Question, QuestionBank


def draw_category(weights: Mapping[Category, int], bank: QuestionBank, rng: random.Random) -> Category:
    """Draw a category by weight among those that have questions."""
    usable = {c: w for c, w in weights.items() if w > 0 and bank.in_category(c)}
    if not usable:
        raise UserError(
            "No category with a weight above 0 has questions. Ask for one by name, e.g. `/quiz math`."
        )
    categories = sorted(usable)
    return rng.choices(categories, weights=[usable[c] for c in categories], k=1)[0]


def pick_question(candidates: list[Question], last_used: Mapping[str, int], rng: random.Random) -> Question:
    """An unused question if any remain; once all are used, the least recently used one.

    `last_used` maps question ids to a recency number (the latest post id), higher meaning newer.
    """
    if not candidates:
        raise UserError("That category has no questions yet.")
    ordered = sorted(candidates, key=lambda q: q.id)
    unused = [q for q in ordered if q.id not in last_used]
    if unused:
        return rng.choice(unused)
    return min(ordered, key=lambda q: last_used[q.id])


def draw_balanced(
    weights: Mapping[Category, int], bank: QuestionBank, counts: Mapping[Category, int], rng: random.Random
) -> Category:
    """A weighted draw among the categories still at or below their share so far.

    No category ever gets ahead of its share, so counts stay within a few posts of the weights at every
    point instead of drifting as independent draws do (a spread of ±15 posts in 1000), while the next
    category stays a surprise.
    """
    usable = {c: w for c, w in weights.items() if w > 0 and bank.in_category(c)}
    if not usable:
        return draw_category(usable, bank, rng)
    total, drawn = sum(usable.values()), sum(counts.get(c, 0) for c in usable) + 1
    behind = {c: w for c, w in usable.items() if counts.get(c, 0) < w * drawn / total}
    return draw_category(behind, bank, rng)


def slot_rng(channel_id: int, slot: datetime) -> random.Random:
    """The same channel and slot always draw the same, so a restart mid-post picks the same question."""
    digest = hashlib.sha256(f"{channel_id}:{slot.isoformat()}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def plan_slot(
    bank: QuestionBank,
    weights: Mapping[Category, int],
    counts: Mapping[Category, int],
    last_used: Mapping[str, int],
    channel_id: int,
    slot: datetime,
) -> tuple[Question, int]:
    """The question and its number seed for one daily slot, a pure function of the channel's history."""
    rng = slot_rng(channel_id, slot)
    category = draw_balanced(weights, bank, counts, rng)
    return pick_question(bank.in_category(category), last_used, rng), rng.getrandbits(31)


def preview_slots(
    bank: QuestionBank, weights: Mapping[Category, int], slots: Iterable[datetime], channel_id: int = 0
) -> Iterator[tuple[datetime, Question]]:
    """What a fresh channel would be posted, slot by slot, by the same rules as the live schedule."""
    counts: dict[Category, int] = {}
    last_used: dict[str, int] = {}
    for number, slot in zip(itertools.count(1), slots, strict=False):
        question, _ = plan_slot(bank, weights, counts, last_used, channel_id, slot)
        counts[question.category] = counts.get(question.category, 0) + 1
        last_used[question.id] = number
        yield slot, question
