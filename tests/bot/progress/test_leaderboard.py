"""`/quiz leaderboard [period] [category] [scope]` through the core, as people use it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import Core
from bot.replies import Table, Text
from questions import QuestionBank
from storage import Database, Post
from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import answer, board


async def test_columns_are_points_answers_average_and_streak(flow: Flow):
    await answer(flow, "alice")
    reply = only(await flow.command("leaderboard"), "leaderboard")
    table = next(b for b in reply.blocks if isinstance(b, Table))
    assert table.columns == ("#", "Name", "Points", "Answers", "Avg score", "Streak")
    assert table.rows[0][:5] == ("1", "alice", "10", "1", "1.00")
    assert (reply.view.rows[0].streak, reply.view.rows[0].you) == (0, True)


async def test_the_callers_rank_shows_even_below_the_top_ten(flow: Flow):
    await flow.command("test-two-heads")
    for i in range(11):
        await flow.as_user(f"p{i:02}").say("0.25")
    await flow.as_user("zed").say("0.5")
    reply = only(await flow.command("leaderboard"), "leaderboard")
    assert len(reply.view.rows) == 10 and reply.view.ranked == 12
    assert reply.view.you.rank == 12 and reply.view.you.name == "zed"
    table = next(b for b in reply.blocks if isinstance(b, Table))
    assert table.rows[-2][0] == "⋯" and table.rows[-1][:2] == ("12", "zed")
    assert "#12* of 12" in next(b.text for b in reply.blocks if isinstance(b, Text))


async def test_equal_results_are_ordered_the_same_way_every_time(flow: Flow):
    await flow.as_user("host").command("test-two-heads")
    for name in ("carol", "alice", "bob"):
        await flow.as_user(name).say("0.25")
    orders = {tuple(r.name for r in (await board(flow)).rows) for _ in range(3)}
    assert orders == {("carol", "alice", "bob")}, "same points, average and time: first to join ranks first"


async def test_week_month_since_and_all(flow: Flow, clock: ManualClock):
    start = clock.now
    await answer(flow, "alice")
    clock.advance(days=20)
    await answer(flow, "bob")
    clock.advance(days=3)
    assert [r.name for r in (await board(flow, "week")).rows] == ["bob"]
    assert {r.name for r in (await board(flow, "month")).rows} == {"alice", "bob"}
    since = (start + timedelta(days=1)).date().isoformat()
    assert [r.name for r in (await board(flow, f"since {since}")).rows] == ["bob"]
    assert {r.name for r in (await board(flow, "all")).rows} == {"alice", "bob"}


async def test_category_filter_counts_only_that_category(flow: Flow):
    await answer(flow, "alice")
    await answer(flow, "bob", "dropout", "Units are zeroed with probability p and scaled by 1/(1-p).")
    math = await board(flow, "math")
    deep = await board(flow, "dl all")
    assert [r.name for r in math.rows] == ["alice"] and math.category == "math-stats"
    assert [r.name for r in deep.rows] == ["bob"]


async def test_team_scope_adds_up_every_channel_of_the_team(core: Core):
    here, there = Flow(core, channel="C1"), Flow(core, channel="C2")
    await answer(here, "alice")
    await answer(there, "alice", "test-sparse-choice", "B")
    await answer(there, "alice")  # the same question again, in another channel: no second set of points
    await answer(there, "bob")
    channel = await board(here)
    team = await board(here, "team")
    assert [(r.name, r.points) for r in channel.rows] == [("alice", 10)]
    assert [(r.name, r.points, r.answers) for r in team.rows] == [
        ("alice", 20, 3),
        ("bob", 10, 1),
    ]
    assert team.scope == "team"
    elsewhere = Flow(core, team="T2", channel="C1")
    assert (await board(elsewhere, "team")).rows == ()


@pytest.mark.parametrize(
    "words",
    ["forever", "week month", "since", "since 2026-13-01", "since yesterday", "team channel", "math dl"],
)
async def test_bad_requests_get_the_usage(flow: Flow, words: str):
    notice = only(await flow.command(f"leaderboard {words}"), "notice")
    assert len(notice.blocks[0].text) < 300
    assert "leaderboard" in notice.blocks[0].text or "date" in notice.blocks[0].text


async def test_a_future_since_date_is_refused(flow: Flow, clock: ManualClock):
    later = (clock.now + timedelta(days=2)).date().isoformat()
    assert "future" in only(await flow.command(f"leaderboard since {later}"), "notice").blocks[0].text


async def test_words_can_come_in_any_order(flow: Flow):
    await answer(flow, "alice")
    assert (await board(flow, "team math week")).rows == (await board(flow, "week team math")).rows


async def alice_streak(flow: Flow, words: str = "all") -> int:
    rows = (await board(flow, words)).rows
    return next((r.streak for r in rows if r.name == "alice"), 0)


async def daily_channel(flow: Flow, clock: ManualClock, first_slot: datetime) -> None:
    clock.now = first_slot - timedelta(days=1)
    boss = flow.as_user("boss", admin=True)
    await boss.command("schedule 10:00 UTC daily")
    await boss.command("weights math=0 coding=0 dl=1 resume=0")
    flow.core.attach(flow.where.platform, flow.outbox)


async def answer_daily(flow: Flow, post: Post, bank: QuestionBank) -> None:
    question = bank.get(post.question_id)
    text = "ABCDEFGH"[question.correct] if question.correct is not None else question.answer
    assert "Which option" not in str(await flow.as_user("alice").command(f"answer {text}"))


async def test_board_streaks_move_with_an_answer_in_the_same_minute(
    flow: Flow, clock: ManualClock, test_bank: QuestionBank
):
    first_slot = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    await daily_channel(flow, clock, first_slot)
    seen = []
    for day in range(3):
        clock.now = first_slot + timedelta(days=day, minutes=30)
        [post] = await flow.core.daily.tick(clock.now)
        before = await alice_streak(flow)
        await answer_daily(flow, post, test_bank)
        seen.append((before, await alice_streak(flow), await alice_streak(flow, "all team")))
    assert seen == [(0, 1, 1), (1, 2, 2), (2, 3, 3)]


async def test_prepared_marks_leave_no_board_a_mark_to_make(flow: Flow, clock: ManualClock, db: Database):
    first_slot = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    await daily_channel(flow, clock, first_slot)
    await flow.as_user("boss", admin=True).command("season start Winter")
    clock.advance(days=2)
    await answer(flow, "alice")
    await flow.core.progress.prepare_marks(clock.now)
    made = await mark_sets(db)
    assert made == 6, "week, month and season, for the channel and for the team"
    for words in ("week", "month", "", "week team", "month team", "team"):
        assert [r.name for r in (await board(flow, words)).rows] == ["alice"]
    assert await mark_sets(db) == made
    await flow.core.progress.prepare_marks(clock.now)
    assert await mark_sets(db) == made, "marks that exist are not made again"


async def mark_sets(db: Database) -> int:
    return (await db.connection.fetchone("SELECT COUNT(*) FROM progress_mark_sets"))[0]


@pytest.mark.parametrize("day", ["0999-01-01", "0001-01-01", "1969-12-31"])
async def test_a_since_date_long_ago_counts_everything(flow: Flow, day: str):
    await answer(flow, "alice")
    assert [r.name for r in (await board(flow, f"since {day}")).rows] == ["alice"]
