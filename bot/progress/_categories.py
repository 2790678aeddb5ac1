"""Give awards stored without a category their question's, so category boards and stats see all of them.

Awards are written with their category; only those stored before that (schema 9 and older) lack one, and
the bank is what knows it, so this runs once at start-up, never on a read.
"""

from __future__ import annotations

from questions import QuestionBank
from storage import Database


async def categorise(db: Database, bank: QuestionBank) -> None:
    """Set the category of awards stored without one, for questions the bank knows."""
    found = {
        question_id: question.category.value
        for question_id in await db.ledger.uncategorised_questions()
        if (question := bank.get(question_id)) is not None
    }
    if found:
        await db.ledger.categorise(found)
