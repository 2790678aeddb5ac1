"""Rounds survive a restart with the right time left, and two channels run their own rounds at once."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from bot import Core
from questions import QuestionBank
from storage import Database, open_database
from tests.support.flow import Flow, ManualClock, RecordingOutbox, only
from tests.support.mock import answer, cards, notices, sent


async def _new_process(
    path: Path, bank: QuestionBank, clock: ManualClock, outbox: RecordingOutbox
) -> tuple[Database, Flow]:
    """A fresh core on the same database file, attached like a restarted bot."""
    db = await open_database(path)
    flow = Flow(Core(db, bank, clock=clock, rng=random.Random(11)))
    flow.outbox = outbox
    flow.core.attach(flow.where.platform, outbox)
    return db, flow


async def test_a_restart_mid_round_resumes_with_the_right_time_left(tmp_path: Path, test_bank: QuestionBank):
    clock = ManualClock()
    first, flow = await _new_process(tmp_path / "bot.db", test_bank, clock, RecordingOutbox())
    try:
        await flow.as_user("boss", admin=True).command("weights math=1 coding=0 dl=1 resume=1")
        await flow.as_user("alice").command("mock start 30 2 0")
        share = cards(flow)[-1].view.seconds
        clock.advance(minutes=5)
    finally:
        await first.close()
    clock.advance(minutes=1)
    second, flow = await _new_process(tmp_path / "bot.db", test_bank, clock, flow.outbox)
    try:
        status = only(await flow.as_user("alice").command("mock status"), "mock-status")
        assert status.view.seconds_left == share - 360, "the clock kept running while the bot was down"
        clock.now += timedelta(seconds=share - 360 - 120)
        await flow.core.mock.tick(clock.now)
        assert only(sent(flow, "mock-warning"), "mock-warning").view.seconds_left == 120
        clock.now += timedelta(seconds=120)
        await flow.core.mock.tick(clock.now)
        assert sent(flow, "mock-reveal")[-1].view.reason == "time is up"
        assert cards(flow)[-1].view.position == 1
    finally:
        await second.close()


async def test_a_paused_round_stays_paused_across_a_restart(tmp_path: Path, test_bank: QuestionBank):
    clock = ManualClock()
    first, flow = await _new_process(tmp_path / "bot.db", test_bank, clock, RecordingOutbox())
    try:
        await flow.as_user("boss", admin=True).command("weights math=1 coding=0 dl=1 resume=1")
        await flow.as_user("alice").command("mock start 30 2 0")
        share = cards(flow)[-1].view.seconds
        clock.advance(minutes=3)
        await flow.as_user("alice").command("mock pause")
    finally:
        await first.close()
    clock.advance(hours=5)
    second, flow = await _new_process(tmp_path / "bot.db", test_bank, clock, flow.outbox)
    try:
        await flow.core.mock.tick(clock.now)
        resumed = only(await flow.as_user("alice").command("mock resume"), "mock-resumed")
        assert resumed.view.seconds_left == share - 180
    finally:
        await second.close()


async def test_two_rounds_in_two_channels_run_at_once(room: Flow, db: Database, clock: ManualClock):
    other = Flow(room.core, channel="C2")
    other.outbox = room.outbox
    started = clock.now
    await room.as_user("alice").command("mock start 30 3 0")
    await other.as_user("bob").command("mock start 40 2 0 @carol")
    here, there = cards(room)[-1], cards(other)[-1]
    assert here.view.round.id != there.view.round.id
    await answer(room, db, "alice", here)
    assert cards(room)[-1].view.position == 1, "alice was the only one taking part here"
    assert cards(other)[-1] is there, "the other channel's round did not move"
    await answer(other, db, "bob", there)
    assert only(await other.as_user("carol").command("mock status"), "mock-status").view.waiting == ("carol",)

    clock.now = started + timedelta(seconds=cards(room)[-1].view.seconds)
    await room.core.mock.tick(clock.now)
    assert [r.view.reason for r in sent(room, "mock-reveal")] == ["everyone answered", "time is up"]
    assert not sent(other, "mock-reveal"), "each round keeps its own clock"
    clock.now = started + timedelta(seconds=there.view.seconds)
    await room.core.mock.tick(clock.now)
    assert sent(other, "mock-reveal")[-1].view.reason == "time is up"
    assert "Only alice" in notices(await room.as_user("bob").command("mock end"))
    await other.as_user("bob").command("mock end")
    assert sent(other, "mock-summary") and not sent(room, "mock-summary")
    assert only(await room.as_user("alice").command("mock status"), "mock-status").view.position == 2
