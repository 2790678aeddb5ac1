"""Repositories over a real SQLite file: idempotent ensure, posts, the best-result ledger, leaderboards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from storage import Award, AwardOffer, PostSource, RecentResult, Scope, Standing, open_database

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


async def _channel(db, external_id: str = "C1"):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    return await db.channels.ensure(team.id, external_id, external_id.lower(), T0)


async def _user(db, name: str):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    return await db.users.ensure(team.id, f"U-{name}", name, T0)


# --- teams, channels, users ---------------------------------------------------------------------


async def test_team_ensure_is_idempotent(db):
    first = await db.teams.ensure("slack", "T1", "Team", T0)
    again = await db.teams.ensure("slack", "T1", "Renamed", at(5))
    assert again == first
    assert (first.platform, first.external_id, first.name) == ("slack", "T1", "Team")
    count = await db.connection.fetchone("SELECT COUNT(*) FROM teams")
    assert count[0] == 1


async def test_same_external_id_on_another_platform_is_another_team(db):
    slack = await db.teams.ensure("slack", "T1", "Team", T0)
    discord = await db.teams.ensure("discord", "T1", "Team", T0)
    assert slack.id != discord.id


async def test_channel_ensure_is_idempotent_per_team(db):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    other = await db.teams.ensure("slack", "T2", "Other", T0)
    first = await db.channels.ensure(team.id, "C1", "general", T0)
    again = await db.channels.ensure(team.id, "C1", "general", at(1))
    elsewhere = await db.channels.ensure(other.id, "C1", "general", T0)
    assert again == first
    assert first.team_id == team.id
    assert elsewhere.id != first.id


async def test_user_ensure_is_idempotent_and_refreshes_display_name(db):
    team = await db.teams.ensure("slack", "T1", "Team", T0)
    first = await db.users.ensure(team.id, "U1", "alice", T0)
    same = await db.users.ensure(team.id, "U1", "alice", at(1))
    renamed = await db.users.ensure(team.id, "U1", "Alice Smith", at(2))
    assert same == first
    assert renamed.id == first.id
    assert renamed.display_name == "Alice Smith"
    count = await db.connection.fetchone("SELECT COUNT(*) FROM users")
    assert count[0] == 1


# --- posts -------------------------------------------------------------------------------------


async def test_post_create_and_get_round_trip(db):
    channel = await _channel(db)
    moment = datetime(2026, 3, 2, 9, 0, 1, 123456, tzinfo=UTC)
    post = await db.posts.create(channel.id, "dropout", 42, "daily", moment)
    assert post.channel_id == channel.id
    assert (post.question_id, post.seed, post.source) == ("dropout", 42, "daily")
    assert post.posted_at == moment
    assert post.posted_at.tzinfo is UTC
    assert (post.message_ref, post.thread_ref, post.revealed_at, post.hints_shown) == (None, None, None, 0)
    assert await db.posts.get(post.id) == post


async def test_post_time_in_another_zone_is_stored_as_utc(db):
    channel = await _channel(db)
    local = datetime(2026, 3, 2, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", local)
    assert post.posted_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert post.posted_at.tzinfo is UTC


async def test_get_missing_post_is_none(db):
    assert await db.posts.get(999) is None


async def test_attach_message_and_find_by_thread(db):
    channel = await _channel(db)
    other = await _channel(db, "C2")
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await db.posts.attach_message(post.id, "msg-1", "thread-1")
    found = await db.posts.by_thread(channel.id, "thread-1")
    assert found is not None
    assert (found.id, found.message_ref, found.thread_ref) == (post.id, "msg-1", "thread-1")
    assert await db.posts.by_thread(channel.id, "thread-2") is None
    assert await db.posts.by_thread(other.id, "thread-1") is None


async def test_latest_is_by_posted_time_not_insertion_order(db):
    channel = await _channel(db)
    later = await db.posts.create(channel.id, "dropout", 1, "quiz", at(10))
    await db.posts.create(channel.id, "kmeans", 2, "quiz", at(5))
    latest = await db.posts.latest(channel.id)
    assert latest is not None
    assert latest.id == later.id


async def test_latest_in_empty_channel_is_none(db):
    channel = await _channel(db)
    assert await db.posts.latest(channel.id) is None


async def test_last_used_gives_latest_post_id_per_question(db):
    channel = await _channel(db)
    other = await _channel(db, "C2")
    await db.posts.create(channel.id, "dropout", 1, "quiz", at(0))
    kmeans = await db.posts.create(channel.id, "kmeans", 2, "daily", at(10))
    dropout = await db.posts.create(channel.id, "dropout", 3, "quiz", at(30))
    await db.posts.create(other.id, "dropout", 4, "quiz", at(60))
    assert await db.posts.last_used(channel.id) == {"dropout": dropout.id, "kmeans": kmeans.id}
    assert await db.posts.last_used(other.id) == {"dropout": dropout.id + 1}


async def test_last_used_of_empty_channel_is_empty(db):
    channel = await _channel(db)
    assert await db.posts.last_used(channel.id) == {}


async def test_next_hint_counts_up(db):
    channel = await _channel(db)
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    assert await db.posts.next_hint(post.id) == 1
    assert await db.posts.next_hint(post.id) == 2
    assert (await db.posts.get(post.id)).hints_shown == 2


async def test_mark_revealed_only_once(db):
    channel = await _channel(db)
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    assert await db.posts.mark_revealed(post.id, at(5)) is True
    assert await db.posts.mark_revealed(post.id, at(9)) is False
    assert (await db.posts.get(post.id)).revealed_at == at(5)


# --- ledger ------------------------------------------------------------------------------------


async def _award(db, user, channel, post, points, score, minutes, reason="answer") -> Award:
    offer = AwardOffer(user.id, channel.id, post.id, reason, "deep-learning", points, score, at(minutes))
    return await db.ledger.record(offer)


async def _ledger_rows(db) -> list[tuple]:
    rows = await db.connection.fetchall(
        "SELECT post_id, user_id, reason, points, score FROM points_ledger ORDER BY id"
    )
    return [tuple(row) for row in rows]


async def test_first_award_gains_its_points(db):
    channel = await _channel(db)
    user = await _user(db, "alice")
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    assert await _award(db, user, channel, post, 6, 0.6, 1) == Award(gained=6, earned_before=0)


async def test_lower_later_score_does_not_reduce_points(db):
    channel = await _channel(db)
    user = await _user(db, "alice")
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await _award(db, user, channel, post, 6, 0.6, 1)
    award = await _award(db, user, channel, post, 3, 0.3, 2)
    assert award == Award(gained=0, earned_before=6)
    assert await _ledger_rows(db) == [(post.id, user.id, "answer", 6, 0.6)]


async def test_equal_score_again_gains_nothing(db):
    channel = await _channel(db)
    user = await _user(db, "alice")
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await _award(db, user, channel, post, 6, 0.6, 1)
    assert await _award(db, user, channel, post, 6, 0.6, 2) == Award(gained=0, earned_before=6)


async def test_higher_later_score_gains_the_difference(db):
    channel = await _channel(db)
    user = await _user(db, "alice")
    post = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await _award(db, user, channel, post, 6, 0.6, 1)
    award = await _award(db, user, channel, post, 10, 1.0, 2)
    assert award == Award(gained=4, earned_before=6) and award.total == 10
    assert await _ledger_rows(db) == [(post.id, user.id, "answer", 10, 1.0)]


async def test_a_question_posted_again_adds_only_what_beats_the_best(db):
    general = await _channel(db)
    other = await _channel(db, "C2")
    alice = await _user(db, "alice")
    first = await db.posts.create(general.id, "dropout", 1, "quiz", T0)
    again = await db.posts.create(general.id, "dropout", 2, "quiz", at(10))
    elsewhere = await db.posts.create(other.id, "dropout", 3, "daily", at(20))
    assert await _award(db, alice, general, first, 12, 0.6, 1) == Award(gained=12, earned_before=0)
    assert await _award(db, alice, general, again, 12, 0.6, 11) == Award(gained=0, earned_before=12)
    assert await _award(db, alice, general, again, 20, 1.0, 12) == Award(gained=8, earned_before=12)
    assert await _award(db, alice, other, elsewhere, 20, 1.0, 21) == Award(gained=0, earned_before=20)
    assert await _award(db, alice, general, first, 20, 1.0, 22, reason="mock") == Award(0, 20)
    assert [row[3] for row in await _ledger_rows(db)] == [12, 8, 0, 0]


async def test_other_questions_and_people_are_independent(db):
    channel = await _channel(db)
    alice = await _user(db, "alice")
    bob = await _user(db, "bob")
    first = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    second = await db.posts.create(channel.id, "kmeans", 2, "quiz", T0)
    await _award(db, alice, channel, first, 5, 0.5, 1)
    assert await _award(db, alice, channel, second, 1, 0.1, 2) == Award(gained=1, earned_before=0)
    assert await _award(db, bob, channel, first, 1, 0.1, 3) == Award(gained=1, earned_before=0)
    assert len(await _ledger_rows(db)) == 3


async def test_a_new_season_lets_a_question_earn_again(db):
    channel = await _channel(db)
    alice = await _user(db, "alice")
    first = await db.posts.create(channel.id, "dropout", 1, "quiz", T0)
    await _award(db, alice, channel, first, 20, 1.0, 1)
    await db.seasons.start(channel.team_id, "Spring", alice.id, at(30))
    again = await db.posts.create(channel.id, "dropout", 2, "quiz", at(40))
    assert await _award(db, alice, channel, again, 16, 0.8, 41) == Award(gained=16, earned_before=0)
    later = await db.posts.create(channel.id, "dropout", 3, "quiz", at(50))
    assert await _award(db, alice, channel, later, 20, 1.0, 51) == Award(gained=4, earned_before=16)


# --- leaderboard -------------------------------------------------------------------------------


async def test_leaderboard_orders_by_points_then_average_then_first_award(db):
    channel = await _channel(db)
    # eve is created first (lowest id) so the earliest-award tie-break is not just id order
    eve, dave, bob, carol, alice = [await _user(db, n) for n in ("eve", "dave", "bob", "carol", "alice")]
    p1 = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    p2 = await db.posts.create(channel.id, "q2", 2, "quiz", T0)
    await _award(db, alice, channel, p1, 10, 1.0, 1)
    await _award(db, alice, channel, p2, 10, 1.0, 2)  # 20 points
    await _award(db, bob, channel, p1, 10, 1.0, 3)  # 10 points, average 1.0
    await _award(db, carol, channel, p1, 5, 0.6, 4)
    await _award(db, carol, channel, p2, 5, 0.4, 5)  # 10 points, average 0.5
    await _award(db, dave, channel, p1, 4, 0.4, 6)  # 4 points, average 0.4, first at 6
    await _award(db, eve, channel, p1, 4, 0.4, 7)  # 4 points, average 0.4, first at 7

    board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id))).top

    assert [(s.rank, s.display_name, s.points, s.answers) for s in board] == [
        (1, "alice", 20, 2),
        (2, "bob", 10, 1),
        (3, "carol", 10, 2),
        (4, "dave", 4, 1),
        (5, "eve", 4, 1),
    ]
    assert [s.user_id for s in board] == [alice.id, bob.id, carol.id, dave.id, eve.id]
    assert board[2].average_score == 0.5


async def test_leaderboard_since_excludes_older_awards(db):
    channel = await _channel(db)
    alice = await _user(db, "alice")
    bob = await _user(db, "bob")
    p1 = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    p2 = await db.posts.create(channel.id, "q2", 2, "quiz", T0)
    await _award(db, alice, channel, p1, 10, 1.0, 0)
    await _award(db, alice, channel, p2, 2, 0.2, 60)
    await _award(db, bob, channel, p2, 5, 0.5, 60)

    board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id), since=at(30))).top

    assert [(s.display_name, s.points) for s in board] == [("bob", 5), ("alice", 2)]


async def test_leaderboard_since_is_inclusive(db):
    channel = await _channel(db)
    alice = await _user(db, "alice")
    post = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    await _award(db, alice, channel, post, 3, 0.3, 30)
    board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id), since=at(30))).top
    assert [(s.display_name, s.points) for s in board] == [("alice", 3)]


async def test_leaderboard_limit_and_channel_scope(db):
    channel = await _channel(db)
    other = await _channel(db, "C2")
    users = [await _user(db, f"user{i}") for i in range(4)]
    post = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    elsewhere = await db.posts.create(other.id, "q2", 1, "quiz", T0)
    for i, user in enumerate(users):
        await _award(db, user, channel, post, i + 1, (i + 1) / 10, i)
    await _award(db, users[0], other, elsewhere, 100, 1.0, 0)

    board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id), limit=2)).top

    assert [(s.rank, s.display_name, s.points) for s in board] == [(1, "user3", 4), (2, "user2", 3)]
    assert (await db.progress.leaderboard(Scope(other.team_id, other.id))).top == [
        Standing(1, users[0].id, "user0", 100, 1, 1.0)
    ]


async def test_all_time_leaderboard_matches_the_ledger_after_improvements(db):
    """All-time standings (running totals) rank exactly like the ledger summed from the start."""
    channel = await _channel(db)
    alice = await _user(db, "alice")
    bob = await _user(db, "bob")
    post = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    await _award(db, alice, channel, post, 2, 0.2, 1)
    await _award(db, alice, channel, post, 9, 0.9, 2)  # improves to the same result bob gets later
    await _award(db, bob, channel, post, 9, 0.9, 3)

    all_time = (await db.progress.leaderboard(Scope(channel.team_id, channel.id))).top
    from_start = (
        await db.progress.leaderboard(Scope(channel.team_id, channel.id), since=T0 - timedelta(days=1))
    ).top

    assert all_time == from_start
    assert [(s.display_name, s.points, s.answers, s.average_score) for s in all_time] == [
        ("alice", 9, 1, 0.9),
        ("bob", 9, 1, 0.9),
    ]


async def test_all_time_leaderboard_counts_improvements_once(db):
    channel = await _channel(db)
    alice = await _user(db, "alice")
    post = await db.posts.create(channel.id, "q1", 1, "quiz", T0)
    await _award(db, alice, channel, post, 3, 0.3, 1)
    await _award(db, alice, channel, post, 1, 0.1, 2)
    await _award(db, alice, channel, post, 8, 0.8, 3)
    board = (await db.progress.leaderboard(Scope(channel.team_id, channel.id))).top
    assert [(s.points, s.answers, s.average_score) for s in board] == [(8, 1, 0.8)]


async def test_leaderboard_of_empty_channel_is_empty(db):
    channel = await _channel(db)
    assert (await db.progress.leaderboard(Scope(channel.team_id, channel.id))).top == []


# --- persistence -------------------------------------------------------------------------------


async def test_data_persists_after_close_and_reopen(tmp_path):
    path = tmp_path / "screenprep.db"
    db = await open_database(path)
    try:
        channel = await _channel(db)
        alice = await _user(db, "alice")
        post = await db.posts.create(channel.id, "dropout", 9, "mock", T0)
        await db.posts.attach_message(post.id, "msg-9", "thread-9")
        await db.posts.mark_revealed(post.id, at(3))
        await _award(db, alice, channel, post, 7, 0.7, 2)
    finally:
        await db.close()

    reopened = await open_database(path)
    try:
        found = await reopened.posts.by_thread(channel.id, "thread-9")
        assert found is not None
        assert (found.id, found.question_id, found.seed, found.source) == (post.id, "dropout", 9, "mock")
        assert found.revealed_at == at(3)
        again = await reopened.users.ensure(alice.team_id, "U-alice", "alice", at(10))
        assert again.id == alice.id
        board = (await reopened.progress.leaderboard(Scope(channel.team_id, channel.id))).top
        assert [(s.display_name, s.points) for s in board] == [("alice", 7)]
    finally:
        await reopened.close()


async def test_a_persons_recent_graded_answers_and_the_teams_channels_come_from_the_database(db):
    """The Slack App Home reads these, so its history and channel list outlive a restart."""
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    team = await db.teams.ensure("slack", "T1", "Team", start)
    other = await db.teams.ensure("discord", "T1", "Elsewhere", start)
    quiz = await db.channels.ensure(team.id, "C2", "quiz", start)
    general = await db.channels.ensure(team.id, "C1", "general", start)
    await db.channels.ensure(other.id, "C9", "not-this-team", start)
    alice = await db.users.ensure(team.id, "U1", "alice", start)
    answers = [(quiz, "dropout", 0.9), (general, "kmeans", None), (general, "bias-variance", 0.3)]
    for minute, (channel, question, score) in enumerate(answers):
        post = await db.posts.create(channel.id, question, 1, PostSource.QUIZ, start)
        status = "stored" if score is None else "graded"
        await db.attempts.record(
            post_id=post.id,
            user_id=alice.id,
            answer_kind="concept",
            answer="...",
            status=status,
            score=score,
            points=0,
            detail={},
            now=start + timedelta(minutes=minute),
        )
    assert await db.attempts.recent_of("slack", "T1", "U1", 5) == [
        RecentResult("bias-variance", "general", 0.3),
        RecentResult("dropout", "quiz", 0.9),
    ], "newest first; code stored unchecked has no score to show"
    assert await db.attempts.recent_of("slack", "T1", "U1", 1) == [
        RecentResult("bias-variance", "general", 0.3)
    ]
    assert await db.channels.of_team("slack", "T1") == [("C1", "general"), ("C2", "quiz")]
