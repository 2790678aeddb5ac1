"""Which question comes next: a weighted category draw, then the least recently used question."""

from __future__ import annotations

import random
from collections.abc import Mapping

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
