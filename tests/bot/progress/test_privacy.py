"""Privacy tools: forget-me erases a person from every table; export and backup from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bot import Core
from storage import Database
from tests.support.answers import GOOD_DROPOUT
from tests.support.cli import screenprep
from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import scored


async def _user_columns(db: Database) -> dict[str, set[str]]:
    """Per table, the columns that hold a person's id: foreign keys to users, or named like one."""
    tables = [
        r[0] for r in await db.connection.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    found = {}
    for table in tables:
        links = await db.connection.fetchall(f'PRAGMA foreign_key_list("{table}")')
        columns = [r["name"] for r in await db.connection.fetchall(f'PRAGMA table_info("{table}")')]
        found[table] = {link["from"] for link in links if link["table"] == "users"} | {
            c for c in columns if c in ("user_id", "started_by", "host_id")
        }
    return found


async def _mentions(db: Database, user_id: int, words: tuple[str, ...]) -> list[str]:
    """Every place in the database that still holds the person's id or name."""
    hits = []
    for table, id_columns in (await _user_columns(db)).items():
        for row in await db.connection.fetchall(f'SELECT * FROM "{table}"'):
            values = dict(row)
            hits += [f"{table}.{c}" for c in id_columns if values[c] == user_id]
            hits += [
                f"{table}.{c}" for c, v in values.items() if isinstance(v, str) and any(w in v for w in words)
            ]
    return hits


async def _everything_about_alice(core: Core, clock: ManualClock) -> tuple[Flow, int]:
    here, there = Flow(core, channel="C1"), Flow(core, channel="C2")
    await scored(here, "alice", "test-two-heads", "0.5")
    await scored(here, "bob", "test-two-heads", "0.25")
    await scored(there, "alice", "dropout", GOOD_DROPOUT)
    await here.as_user("alice", admin=True).command("season start Spring")
    clock.advance(days=3)
    only(await here.as_user("alice").command("review"), "review-question")
    await here.command("stats")
    user = await core._db.progress.find_user(1, "u-alice")
    return here, user.id


async def test_forget_me_removes_the_person_from_every_table(core: Core, db: Database, clock: ManualClock):
    flow, alice = await _everything_about_alice(core, clock)
    assert await _mentions(db, alice, ("alice",)), "the check must see alice before she is forgotten"
    asked = only(await flow.as_user("alice").command("forget-me"), "forget-me")
    assert asked.view.counts == {"answers": 2, "scored posts": 2, "review cards": 2}
    assert "confirm" in asked.blocks[0].text
    only(await flow.command("forget-me confirm"), "forgotten")
    assert await _mentions(db, alice, ("alice",)) == []
    board = only(await flow.as_user("bob").command("leaderboard team all"), "leaderboard").view.rows
    assert [r.name for r in board] == ["bob"]


async def test_team_figures_drop_the_forgotten_share_and_others_keep_theirs(
    core: Core, db: Database, clock: ManualClock
):
    flow, alice = await _everything_about_alice(core, clock)
    await flow.as_user("alice").command("forget-me")
    await flow.command("forget-me confirm")
    totals = await db.connection.fetchall("SELECT question_id, answers, score_micros FROM question_totals")
    assert {r[0]: (r[1], r[2]) for r in totals if r[1]} == {"test-two-heads": (1, 1_000_000)}
    rows = only(await flow.as_user("bob").command("leaderboard team all"), "leaderboard").view.rows
    assert [(r.name, r.answers) for r in rows] == [("bob", 1)]
    await scored(flow, "alice", "test-two-heads", "0.25")
    rows = only(await flow.command("leaderboard"), "leaderboard").view.rows
    assert [(r.name, r.answers) for r in rows] == [("bob", 1), ("alice", 1)], "a fresh start, no error"
    assert (await db.progress.find_user(1, "u-alice")).id != alice


async def test_forget_me_needs_a_recent_request(flow: Flow, clock: ManualClock):
    await scored(flow, "alice", "test-two-heads", "0.25")
    assert "First send" in only(await flow.command("forget-me confirm"), "notice").blocks[0].text
    await flow.command("forget-me")
    clock.advance(minutes=11)
    assert "First send" in only(await flow.command("forget-me confirm"), "notice").blocks[0].text
    assert "Usage" in only(await flow.command("forget-me now"), "notice").blocks[0].text
    assert only(await flow.command("leaderboard"), "leaderboard").view.rows[0].name == "alice"


async def test_export_writes_one_teams_rows_as_json(core: Core, tmp_path: Path, clock: ManualClock):
    await _everything_about_alice(core, clock)
    await scored(Flow(core, team="T2", channel="X"), "zoe", "test-two-heads", "0.25")
    path = tmp_path / "screenprep.db"
    refused = screenprep("--db", str(path), "db", "export", cwd=tmp_path)
    assert refused.returncode == 2 and "test:T1" in refused.stderr and "test:T2" in refused.stderr
    out = tmp_path / "team.json"
    result = screenprep("--db", str(path), "db", "export", "--team", "T1", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text())
    tables = exported["tables"]
    assert exported["team"]["external_id"] == "T1" and exported["format"] == "screenprep-export"
    assert {u["display_name"] for u in tables["users"]} == {"alice", "bob"}
    assert len(tables["attempts"]) == 3 and len(tables["points_ledger"]) == 3
    assert {s["name"] for s in tables["seasons"]} == {"Spring"} and tables["review_cards"]
    assert "progress_steps" not in tables, "figures derived from the ledger are left out"
    assert "zoe" not in out.read_text()


async def test_backup_copies_the_live_database(core: Core, tmp_path: Path, clock: ManualClock):
    await _everything_about_alice(core, clock)
    source, copy = tmp_path / "screenprep.db", tmp_path / "backup.db"
    made = screenprep("--db", str(source), "db", "backup", str(copy), cwd=tmp_path)
    assert made.returncode == 0 and "integrity check ok" in made.stdout
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 3
        assert raw.execute("SELECT COUNT(*) FROM progress_steps").fetchone()[0] > 0
    again = screenprep("--db", str(source), "db", "backup", str(copy), cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    assert screenprep("--db", str(source), "db", "backup", str(copy), "--force", cwd=tmp_path).returncode == 0
    missing = screenprep("--db", str(tmp_path / "nope.db"), "db", "backup", str(copy), cwd=tmp_path)
    assert missing.returncode == 2 and "no database" in missing.stderr
