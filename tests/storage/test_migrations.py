"""Schema versions: fresh files, upgrades from older files, refusal of newer ones, and PRAGMAs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import (
    Award,
    AwardOffer,
    DatabaseUnavailable,
    Scope,
    available_migrations,
    open_database,
    schema_version,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 3, 2, 9, 5, tzinfo=UTC)
T2 = datetime(2026, 3, 2, 9, 10, tzinfo=UTC)


async def _tables(db) -> set[str]:
    rows = await db.connection.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row["name"] for row in rows}


async def _seed_v1(path: Path) -> dict[str, int]:
    """A version-1 file with one post and three attempts by one user (two graded, one practice)."""
    db = await open_database(path, target_version=1)
    try:
        assert await schema_version(db.connection) == 1
        team = await db.teams.ensure("slack", "T1", "Team", T0)
        channel = await db.channels.ensure(team.id, "C1", "general", T0)
        user = await db.users.ensure(team.id, "U1", "alice", T0)
        post = await db.posts.create(channel.id, "dropout", 7, "quiz", T0)
        common = {"post_id": post.id, "user_id": user.id, "answer_kind": "text", "detail": {}}
        await db.attempts.record(**common, answer="weak", status="graded", score=0.4, points=4, now=T1)
        await db.attempts.record(**common, answer="strong", status="graded", score=0.9, points=9, now=T2)
        await db.attempts.record(**common, answer="late", status="practice", score=1.0, points=0, now=T2)
        return {"team": team.id, "channel": channel.id, "user": user.id, "post": post.id}
    finally:
        await db.close()


async def test_fresh_file_reaches_latest_version(db):
    assert len(available_migrations()) >= 2
    assert await schema_version(db.connection) == len(available_migrations())
    assert {"teams", "channels", "users", "posts", "attempts", "points_ledger"} <= await _tables(db)


async def test_available_migrations_are_numbered_from_one():
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert available_migrations()[1].name == "0002_points_ledger.sql"


async def test_connection_pragmas(db):
    journal = await db.connection.fetchone("PRAGMA journal_mode")
    foreign_keys = await db.connection.fetchone("PRAGMA foreign_keys")
    busy = await db.connection.fetchone("PRAGMA busy_timeout")
    assert journal[0].lower() == "wal"
    assert foreign_keys[0] == 1
    assert busy[0] > 0


async def test_target_version_stops_early(tmp_path):
    db = await open_database(tmp_path / "old.db", target_version=1)
    try:
        assert await schema_version(db.connection) == 1
        tables = await _tables(db)
        assert "attempts" in tables
        assert "points_ledger" not in tables
    finally:
        await db.close()


async def test_upgrade_from_v1_keeps_data_and_backfills_ledger(tmp_path):
    path = tmp_path / "old.db"
    ids = await _seed_v1(path)

    db = await open_database(path)
    try:
        assert await schema_version(db.connection) == len(available_migrations())
        assert (await db.posts.get(ids["post"])).question_id == "dropout"
        assert await db.attempts.count() == 3
        user = await db.users.ensure(ids["team"], "U1", "alice", T2)
        assert user.id == ids["user"]

        rows = await db.connection.fetchall(
            "SELECT user_id, channel_id, post_id, reason, points, score, awarded_at FROM points_ledger"
        )
        assert [tuple(row) for row in rows] == [
            (ids["user"], ids["channel"], ids["post"], "answer", 9, 0.9, "2026-03-02T09:05:00.000000Z")
        ]
        board = (await db.progress.leaderboard(Scope(ids["team"], ids["channel"]))).top
        assert [(s.display_name, s.points, s.answers, s.average_score) for s in board] == [
            ("alice", 9, 1, 0.9)
        ]
    finally:
        await db.close()


async def test_upgrade_from_v2_backfills_channel_standings(tmp_path):
    path = tmp_path / "v2.db"
    db = await open_database(path, target_version=2)
    try:
        team = await db.teams.ensure("slack", "T1", "Team", T0)
        channel = await db.channels.ensure(team.id, "C1", "general", T0)
        alice = await db.users.ensure(team.id, "U1", "alice", T0)
        bob = await db.users.ensure(team.id, "U2", "bob", T0)
        first = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
        second = await db.posts.create(channel.id, "q2", 2, "quiz", T0)
        async with db.connection.transaction() as raw:
            await raw.executemany(
                "INSERT INTO points_ledger (user_id, channel_id, post_id, reason, points, score, awarded_at)"
                " VALUES (?, ?, ?, 'answer', ?, ?, ?)",
                [
                    (alice.id, channel.id, first.id, 4, 0.4, "2026-03-02T09:05:00.000000Z"),
                    (alice.id, channel.id, second.id, 8, 0.8, "2026-03-02T09:10:00.000000Z"),
                    (bob.id, channel.id, first.id, 10, 1.0, "2026-03-02T09:07:00.000000Z"),
                ],
            )
    finally:
        await db.close()

    db = await open_database(path)
    try:
        assert await schema_version(db.connection) == len(available_migrations())
        board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id))).top
        assert [(s.display_name, s.points, s.answers) for s in board] == [("alice", 12, 2), ("bob", 10, 1)]
        assert board[0].average_score == pytest.approx(0.6)
        assert board == (await db.progress.leaderboard(Scope(channel.team_id, channel.id), since=T0)).top
    finally:
        await db.close()


async def test_backfilled_ledger_keeps_best_when_a_worse_attempt_is_offered(tmp_path):
    path = tmp_path / "old.db"
    ids = await _seed_v1(path)
    db = await open_database(path)
    try:
        offer = AwardOffer(ids["user"], ids["channel"], ids["post"], "answer", "deep-learning", 5, 0.5, T2)
        award = await db.ledger.record(offer)
        assert award == Award(gained=0, earned_before=9)
    finally:
        await db.close()


async def test_reopening_a_migrated_file_is_a_no_op(tmp_path):
    path = tmp_path / "old.db"
    ids = await _seed_v1(path)
    first = await open_database(path)
    await first.close()

    again = await open_database(path)
    try:
        assert await schema_version(again.connection) == len(available_migrations())
        ledger = await again.connection.fetchone("SELECT COUNT(*) FROM points_ledger")
        assert ledger[0] == 1
        assert await again.attempts.count() == 3
        board = (await again.progress.leaderboard(Scope(ids["team"], ids["channel"]))).top
        assert [(s.display_name, s.points, s.answers) for s in board] == [("alice", 9, 1)]
    finally:
        await again.close()


async def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    newer = len(available_migrations()) + 1
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {newer}")
    with pytest.raises(DatabaseUnavailable, match=rf"version {newer} is newer"):
        await open_database(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == newer


async def test_foreign_keys_are_enforced(db):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    user = await db.users.ensure(team.id, "U1", "alice", T0)
    with pytest.raises(sqlite3.IntegrityError):
        await db.attempts.record(
            post_id=12345,
            user_id=user.id,
            answer_kind="text",
            answer="x",
            status="graded",
            score=1.0,
            points=1,
            detail={},
            now=T0,
        )
    assert await db.attempts.count() == 0


async def test_failed_transaction_leaves_connection_usable(db):
    with pytest.raises(sqlite3.IntegrityError):
        await db.channels.ensure(999, "C1", "general", T0)
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    channel = await db.channels.ensure(team.id, "C1", "general", T0)
    assert channel.team_id == team.id


async def test_upgrade_to_v9_recounts_repeated_questions_per_season(tmp_path):
    """Awards made before points counted once per question keep only what beat the best before them."""
    path = tmp_path / "v8.db"
    season_start = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    db = await open_database(path, target_version=8)
    try:
        team = await db.teams.ensure("slack", "T1", "Team", T0)
        channel = await db.channels.ensure(team.id, "C1", "general", T0)
        alice = await db.users.ensure(team.id, "U1", "alice", T0)
        bob = await db.users.ensure(team.id, "U2", "bob", T0)
        posts = [await db.posts.create(channel.id, q, 1, "quiz", T0) for q in ("dropout",) * 3 + ("kmeans",)]
        await db.seasons.start(team.id, "Spring", alice.id, season_start)
        awards = [
            (alice, posts[0], 12, "09:05"),
            (alice, posts[1], 20, "09:20"),
            (bob, posts[0], 20, "09:06"),
            (bob, posts[1], 20, "09:21"),
            (alice, posts[2], 20, "10:05"),
            (alice, posts[3], 30, "10:10"),
        ]
        async with db.connection.transaction() as raw:
            await raw.executemany(
                "INSERT INTO points_ledger (user_id, channel_id, post_id, reason, points, score, awarded_at,"
                " category) VALUES (?, ?, ?, 'answer', ?, ?, ?, ?)",
                [
                    (u.id, channel.id, p.id, pts, pts / 30, f"2026-03-02T{hm}:00.000000Z", category)
                    for (u, p, pts, hm), category in zip(awards, ["dl"] * 5 + ["coding"], strict=True)
                ],
            )
        scope = Scope(team.id, channel.id)
        before = (await db.progress.leaderboard(scope)).top
        assert [(s.display_name, s.points) for s in before] == [("alice", 82), ("bob", 40)]
    finally:
        await db.close()

    db = await open_database(path)
    try:
        rows = await db.connection.fetchall("SELECT question_id, points FROM points_ledger ORDER BY id")
        assert [tuple(row) for row in rows] == [
            ("dropout", 12),
            ("dropout", 8),
            ("dropout", 20),
            ("dropout", 0),
            ("dropout", 20),
            ("kmeans", 30),
        ]
        board = (await db.progress.leaderboard(scope)).top
        assert [(s.display_name, s.points, s.answers) for s in board] == [("alice", 70, 4), ("bob", 20, 2)]
        season = (await db.progress.leaderboard(scope, since=season_start)).top
        assert [(s.display_name, s.points) for s in season] == [("alice", 50)]
        deep = (await db.progress.leaderboard(scope, since=season_start, category="dl")).top
        assert [(s.display_name, s.points) for s in deep] == [("alice", 20)], (
            "category history is rebuilt too"
        )
        team = (await db.progress.leaderboard(Scope(team.id, 0), since=T0 + timedelta(minutes=10))).top
        assert [(s.display_name, s.points) for s in team] == [("alice", 58), ("bob", 0)]
        offer = AwardOffer(
            bob.id, channel.id, posts[2].id, "answer", "dl", 20, 1.0, season_start + timedelta(hours=1)
        )
        award = await db.ledger.record(offer)
        assert award == Award(gained=20, earned_before=0), "a new season lets bob earn dropout again"
    finally:
        await db.close()
