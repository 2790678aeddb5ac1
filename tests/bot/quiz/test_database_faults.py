"""A write the database refuses is reported as not saved, with the reason, and the bot carries on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.replies import Notice
from storage import Database
from tests.support.answers import GOOD_DROPOUT
from tests.support.flow import Flow


def notice_text(replies) -> str:
    return " ".join(b.text for r in replies for b in r.blocks if isinstance(b, Notice))


async def test_an_answer_the_locked_database_refuses_says_it_was_not_saved(
    flow: Flow, db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    await flow.command("dropout")
    await db.connection.raw.execute("PRAGMA busy_timeout = 10")
    other = sqlite3.connect(tmp_path / "screenprep.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        told = notice_text(await flow.say(GOOD_DROPOUT))
    finally:
        other.execute("ROLLBACK")
        other.close()
    for record in caplog.records:
        record.expected_in_test = record.name == "bot.core" and "database fault" in record.getMessage()
    assert "not saved" in told and "locked by another process" in told
    assert "lost" not in told
    assert (await db.connection.fetchone("SELECT count(*) FROM attempts"))[0] == 0
    verdict = await flow.say(GOOD_DROPOUT)
    assert "not saved" not in notice_text(verdict)
    assert (await db.connection.fetchone("SELECT count(*) FROM attempts"))[0] == 1
