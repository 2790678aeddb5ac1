"""Schema versions: fresh files, upgrades from older files, refusal of newer ones, and PRAGMAs."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import (
    Award,
    AwardMode,
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


async def _history(db, offers: list[tuple], people: dict, posts: dict, channels: dict) -> None:
    """Write (person, post, channel, category, points, score, minute, mode) offers through the writer."""
    for name, post, channel, category, points, score, minute, mode in offers:
        at = T0 + timedelta(minutes=minute)
        offer = AwardOffer(
            people[name].id, channels[channel].id, posts[post].id, "answer", category, points, score, at
        )
        await db.ledger.record(replace(offer, mode=mode))


async def _world(db) -> tuple[int, dict, dict, dict]:
    """One team: two channels, three people, and posts of three questions (one posted twice)."""
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    channels = {name: await db.channels.ensure(team.id, name, name, T0) for name in ("C1", "C2")}
    people = {name: await db.users.ensure(team.id, name, name, T0) for name in ("alice", "bob", "carol")}
    questions = {
        "p1": ("C1", "dropout"),
        "p2": ("C2", "dropout"),
        "p3": ("C1", "kmeans"),
        "p4": ("C2", "bayes"),
    }
    posts = {
        key: await db.posts.create(channels[channel].id, question, 1, "quiz", T0)
        for key, (channel, question) in questions.items()
    }
    return team.id, people, posts, channels


async def _everything(db, team_id: int, channels: dict, people: dict) -> list:
    """Every board (each scope, period and category) and every stats total, as the bot reads them."""
    found: list = [await db.progress.question_totals(team_id)]
    scopes = [Scope(team_id)] + [Scope(team_id, c.id) for c in channels.values()]
    bounds = [
        (None, None),
        (T0 + timedelta(minutes=30), None),
        (T0 + timedelta(minutes=10), T0 + timedelta(minutes=50)),
    ]
    for scope in scopes:
        for category in ("*", "deep-learning", "ml-coding", "math-stats"):
            for since, until in bounds:
                found.append(
                    await db.progress.leaderboard(
                        scope, since=since, until=until, category=category, limit=99
                    )
                )
        found += [await db.progress.category_totals(scope, person.id) for person in people.values()]
    return found


BEST, EXACT = AwardMode.BEST, AwardMode.EXACT
BEFORE = [
    ("alice", "p1", "C1", "deep-learning", 12, 0.6, 5, BEST),
    ("bob", "p1", "C1", "", 20, 1.0, 6, BEST),  # stored without a category, as mock rounds did
    ("alice", "p2", "C2", "deep-learning", 20, 1.0, 20, BEST),
    ("carol", "p3", "C1", "", 9, 0.45, 25, EXACT),
    ("alice", "p1", "C1", "deep-learning", 18, 0.9, 40, BEST),
    ("carol", "p3", "C1", "", 4, 0.2, 45, EXACT),
    ("bob", "p4", "C2", "math-stats", 7, 1 / 3, 55, BEST),
]
AFTER = [
    ("bob", "p3", "C1", "ml-coding", 16, 0.8, 60, BEST),
    ("carol", "p3", "C1", "", 12, 0.6, 61, EXACT),
    ("alice", "p4", "C2", "math-stats", 20, 1.0, 62, BEST),
    ("bob", "p4", "C2", "math-stats", 2, 0.1, 63, EXACT),
]


async def test_upgrade_to_v10_keeps_every_board_and_stat_and_stays_in_step(tmp_path):
    """A v9 file with history (uncategorised awards, exact marks, marks made for periods) reads the same
    once the one roll-up replaces its triggers, and after more awards it agrees with a fresh file."""
    old, fresh = tmp_path / "v9.db", tmp_path / "fresh.db"
    db = await open_database(old, target_version=9)
    try:
        team_id, people, posts, channels = await _world(db)
        await _history(db, BEFORE, people, posts, channels)
        before = await _everything(db, team_id, channels, people)
    finally:
        await db.close()
    db = await open_database(old)
    try:
        assert await schema_version(db.connection) >= 10, "upgraded past the roll-up migration"
        assert await _everything(db, team_id, channels, people) == before
        points = [(s.display_name, s.points) for s in before[1].top]
        assert points == [("bob", 27), ("alice", 20), ("carol", 4)], "dropout counts once, a mark is exact"
        await _history(db, AFTER, people, posts, channels)
        await db.ledger.categorise({"dropout": "deep-learning", "kmeans": "ml-coding"})
        migrated = await _everything(db, team_id, channels, people)
    finally:
        await db.close()
    db = await open_database(fresh)
    try:
        team_id, people, posts, channels = await _world(db)
        await _history(db, BEFORE + AFTER, people, posts, channels)
        await db.ledger.categorise({"dropout": "deep-learning", "kmeans": "ml-coding"})
        assert await _everything(db, team_id, channels, people) == migrated
    finally:
        await db.close()
