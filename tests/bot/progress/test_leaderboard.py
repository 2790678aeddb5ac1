"""`/quiz leaderboard [period] [category] [scope]` through the core, as people use it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import Core
from bot.replies import Table, Text
from tests.support.flow import Flow, ManualClock, only


async def answer(flow: Flow, who: str, question: str = "test-two-heads", text: str = "0.25") -> None:
    await flow.as_user(who).command(question)
    await flow.say(text)


async def board(flow: Flow, words: str = "") -> dict:
    return only(await flow.command(f"leaderboard {words}".strip()), "leaderboard").data


async def test_columns_are_points_answers_average_and_streak(flow: Flow):
    await answer(flow, "alice")
    reply = only(await flow.command("leaderboard"), "leaderboard")
    table = next(b for b in reply.blocks if isinstance(b, Table))
    assert table.columns == ("#", "Name", "Points", "Answers", "Avg score", "Streak")
    assert table.rows[0][:5] == ("1", "alice", "10", "1", "1.00")
    assert (reply.data["rows"][0]["streak"], reply.data["rows"][0]["you"]) == (0, True)


async def test_the_callers_rank_shows_even_below_the_top_ten(flow: Flow):
    await flow.command("test-two-heads")
    for i in range(11):
        await flow.as_user(f"p{i:02}").say("0.25")
    await flow.as_user("zed").say("0.5")
    reply = only(await flow.command("leaderboard"), "leaderboard")
    assert len(reply.data["rows"]) == 10 and reply.data["ranked"] == 12
    assert reply.data["you"]["rank"] == 12 and reply.data["you"]["name"] == "zed"
    table = next(b for b in reply.blocks if isinstance(b, Table))
    assert table.rows[-2][0] == "⋯" and table.rows[-1][:2] == ("12", "zed")
    assert "#12* of 12" in next(b.text for b in reply.blocks if isinstance(b, Text))


async def test_equal_results_are_ordered_the_same_way_every_time(flow: Flow):
    await flow.as_user("host").command("test-two-heads")
    for name in ("carol", "alice", "bob"):
        await flow.as_user(name).say("0.25")
    orders = {tuple(r["name"] for r in (await board(flow))["rows"]) for _ in range(3)}
    assert orders == {("carol", "alice", "bob")}, "same points, average and time: first to join ranks first"


async def test_week_month_since_and_all(flow: Flow, clock: ManualClock):
    start = clock.now
    await answer(flow, "alice")
    clock.advance(days=20)
    await answer(flow, "bob")
    clock.advance(days=3)
    assert [r["name"] for r in (await board(flow, "week"))["rows"]] == ["bob"]
    assert {r["name"] for r in (await board(flow, "month"))["rows"]} == {"alice", "bob"}
    since = (start + timedelta(days=1)).date().isoformat()
    assert [r["name"] for r in (await board(flow, f"since {since}"))["rows"]] == ["bob"]
    assert {r["name"] for r in (await board(flow, "all"))["rows"]} == {"alice", "bob"}


async def test_category_filter_counts_only_that_category(flow: Flow):
    await answer(flow, "alice")
    await answer(flow, "bob", "dropout", "Units are zeroed with probability p and scaled by 1/(1-p).")
    math = await board(flow, "math")
    deep = await board(flow, "dl all")
    assert [r["name"] for r in math["rows"]] == ["alice"] and math["category"] == "math-stats"
    assert [r["name"] for r in deep["rows"]] == ["bob"]


async def test_team_scope_adds_up_every_channel_of_the_team(core: Core):
    here, there = Flow(core, channel="C1"), Flow(core, channel="C2")
    await answer(here, "alice")
    await answer(there, "alice")
    await answer(there, "bob")
    channel = await board(here)
    team = await board(here, "team")
    assert [(r["name"], r["points"]) for r in channel["rows"]] == [("alice", 10)]
    assert [(r["name"], r["points"], r["answers"]) for r in team["rows"]] == [
        ("alice", 20, 2),
        ("bob", 10, 1),
    ]
    assert team["scope"] == "team"
    elsewhere = Flow(core, team="T2", channel="C1")
    assert (await board(elsewhere, "team"))["rows"] == []


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
    assert (await board(flow, "team math week"))["rows"] == (await board(flow, "week team math"))["rows"]
