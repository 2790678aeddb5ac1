"""Give every award its question's category, so category leaderboards and weak spots see all of them.

Awards written by code that does not know the bank (mock rounds, rows from before the upgrade) arrive
without one; the ledger triggers move their points into the right category once it is set.
"""

from __future__ import annotations

from questions import QuestionBank
from storage import Database


async def categorise(db: Database, bank: QuestionBank) -> None:
    """Set the category of awards stored without one, for questions the bank knows."""
    found = {
        ledger_id: question.category.value
        for ledger_id, question_id in await db.progress.uncategorised()
        if (question := bank.get(question_id)) is not None
    }
    if found:
        await db.progress.categorise(found)
