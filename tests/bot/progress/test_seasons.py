"""Seasons: admins start them, leaderboards count from the current one, and no history is lost."""

from __future__ import annotations

from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import answer, board


async def test_only_admins_start_a_season(flow: Flow):
    notice = only(await flow.as_user("alice").command("season start Spring"), "notice")
    assert "Only admins" in notice.blocks[0].text
    assert only(await flow.command("season"), "seasons").view.seasons == ()


async def test_the_board_defaults_to_the_current_season_and_all_keeps_everything(
    flow: Flow, clock: ManualClock
):
    await answer(flow, "alice")
    await answer(flow, "bob")
    clock.advance(days=1)
    started = only(
        await flow.as_user("boss", admin=True).command("season start Spring 2026"), "season-started"
    )
    assert (started.view.season, [p.name for p in started.view.podium]) == ("Spring 2026", ["alice", "bob"])
    assert (await board(flow)).rows == ()
    assert "season Spring 2026" in only(await flow.command("leaderboard"), "leaderboard").blocks[0].text
    clock.advance(hours=1)
    await answer(flow, "carol")
    assert [r.name for r in (await board(flow)).rows] == ["carol"]
    assert [r.name for r in (await board(flow, "season team")).rows] == ["carol"]
    assert {r.name for r in (await board(flow, "all")).rows} == {"alice", "bob", "carol"}


async def test_each_season_keeps_its_own_winner(flow: Flow, clock: ManualClock):
    boss = "boss"
    await flow.as_user(boss, admin=True).command("season start One")
    clock.advance(minutes=1)
    await answer(flow, "alice")
    clock.advance(days=7)
    closing = only(await flow.as_user(boss, admin=True).command("season start Two"), "season-started")
    assert [p.name for p in closing.view.podium] == ["alice"]
    clock.advance(minutes=1)
    await answer(flow, "bob")
    await answer(flow, "bob", "test-sparse-choice", "B")
    seasons = only(await flow.command("season"), "seasons").view.seasons
    assert [(s.name, s.leader and s.leader.name) for s in seasons] == [("Two", "bob"), ("One", "alice")]


async def test_season_names_are_checked(flow: Flow):
    boss = flow.as_user("boss", admin=True)
    await boss.command("season start Spring")
    assert "already" in only(await boss.command("season start spring"), "notice").blocks[0].text
    assert "Usage" in only(await boss.command("season start"), "notice").blocks[0].text
    assert "at most" in only(await boss.command("season start " + "x" * 41), "notice").blocks[0].text
    assert "Usage" in only(await boss.command("season stop"), "notice").blocks[0].text
