"""Awards stored without a category (before schema 10) get their question's at start-up, not on a read."""

from __future__ import annotations

from bot import Core
from storage import Database, Scope
from tests.support.flow import Flow


async def _math_board(db: Database, team_id: int) -> list[str]:
    board = await db.progress.leaderboard(Scope(team_id), category="math-stats")
    return [s.display_name for s in board.top]


async def test_old_awards_join_their_category_at_start_up_and_reads_change_nothing(core: Core, db: Database):
    flow = Flow(core)
    await flow.command("test-two-heads")
    await flow.say("0.25")
    (team_id,) = [row[0] for row in await db.connection.fetchall("SELECT id FROM teams")]
    assert await _math_board(db, team_id) == ["alice"], "an answer's award carries its category"
    async with db.connection.transaction() as raw:
        await raw.execute("UPDATE points_ledger SET category = ''")
    assert await _math_board(db, team_id) == []
    await flow.command("leaderboard math team")
    await flow.command("stats")
    assert await db.ledger.uncategorised_questions() == {"test-two-heads"}, "a read writes nothing"
    await core.progress.categorise_old_awards()
    assert await _math_board(db, team_id) == ["alice"]
    assert await db.ledger.uncategorised_questions() == set()
