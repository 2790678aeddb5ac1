"""The daily post through the core: on time, once, caught up within grace, revealed, answered privately."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta

import pytest

from bot import Core
from bot.daily import Timing
from storage import open_database
from tests.support.flow import Flow, ManualClock, RecordingOutbox, answer_button, only, reference_answer

MONDAY_0900 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def daily(flow: Flow, clock: ManualClock) -> Flow:
    """A channel set to post every day at 10:00 UTC, seen by the bot a day before the first slot."""
    clock.now = MONDAY_0900 - timedelta(days=1)
    await flow.as_user("boss", admin=True).command("schedule 10:00 UTC daily")
    flow.core.attach(flow.where.platform, flow.outbox)
    clock.now = MONDAY_0900
    flow.as_user("alice")
    return flow


def daily_cards(flow: Flow) -> list:
    replies = [s.reply for s in flow.outbox.sent]
    return [r for r in replies if r.kind == "question" and r.view.source == "daily"]


async def test_nothing_is_posted_before_the_slot_and_one_post_at_it(daily: Flow, clock: ManualClock):
    assert await daily.core.daily.tick(clock.now) == []
    clock.now = MONDAY_0900 + timedelta(hours=1)
    posted = await daily.core.daily.tick(clock.now)
    assert len(posted) == 1 and len(daily_cards(daily)) == 1
    assert await daily.core.daily.tick(clock.now + timedelta(minutes=5)) == [], "never twice"
    card = daily_cards(daily)[0]
    assert [b.label for b in card.blocks[-1].buttons] in (
        ["Answer privately", "Hint"],
        ["Submit code", "Hint"],
    ), "daily posts reveal on schedule, so they carry no Reveal button"


async def test_a_missed_slot_is_caught_up_once_within_grace_and_not_after(daily: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 + timedelta(hours=3, minutes=30)
    assert len(await daily.core.daily.tick(clock.now)) == 1
    assert await daily.core.daily.tick(clock.now) == []
    clock.now = MONDAY_0900 + timedelta(days=1, hours=4, minutes=1)
    assert await daily.core.daily.tick(clock.now) == [], "Tuesday's slot is 3h01m old: too late"


async def test_a_paused_channel_posts_nothing_and_resume_does_not_replay_the_gap(
    daily: Flow, clock: ManualClock
):
    boss = daily.as_user("boss", admin=True)
    await boss.command("pause")
    clock.now = MONDAY_0900 + timedelta(hours=1, minutes=30)
    assert await daily.core.daily.tick(clock.now) == []
    await boss.command("unpause")
    assert await daily.core.daily.tick(clock.now) == [], "the 10:00 slot passed while paused"
    clock.now += timedelta(days=1)
    assert len(await daily.core.daily.tick(clock.now)) == 1


async def test_the_reveal_comes_at_the_reveal_time_with_each_result(daily: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    (post,) = await daily.core.daily.tick(clock.now)
    await daily.as_user("alice").fill(answer_button(daily.last("question")), reference_answer(daily, post))
    clock.now = MONDAY_0900 + timedelta(hours=7, minutes=59)
    await daily.core.daily.tick(clock.now)
    assert not [s for s in daily.outbox.sent if s.reply.kind == "reveal"]
    clock.now = MONDAY_0900 + timedelta(hours=8)
    await daily.core.daily.tick(clock.now)
    reveal = daily.last("reveal")
    assert reveal.view.question_id == post.question_id
    assert [r.name for r in reveal.view.results] == ["alice"]
    assert reveal.view.results[0].streak == 1
    await daily.core.daily.tick(clock.now + timedelta(minutes=1))
    assert len([s for s in daily.outbox.sent if s.reply.kind == "reveal"]) == 1, "revealed once"


async def test_members_cannot_reveal_a_daily_question_early_but_admins_can(daily: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    await daily.core.daily.tick(clock.now)
    refusal = only(await daily.as_user("bob").command("reveal"), "notice")
    assert "revealed on schedule" in refusal.blocks[0].text
    assert only(await daily.as_user("boss", admin=True).command("reveal"), "reveal")


async def test_reveal_at_moves_todays_pending_reveal(daily: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    await daily.core.daily.tick(clock.now)
    await daily.as_user("boss", admin=True).command("reveal-at 11:00")
    clock.now = MONDAY_0900 + timedelta(hours=2)
    await daily.core.daily.tick(clock.now)
    assert daily.last("reveal")


async def test_the_next_post_reveals_the_previous_one_first_when_it_comes_sooner(
    daily: Flow, clock: ManualClock
):
    await daily.as_user("boss", admin=True).command("reveal-at 09:00")
    clock.now = MONDAY_0900 + timedelta(hours=1)
    await daily.core.daily.tick(clock.now)
    clock.now = MONDAY_0900 + timedelta(days=1, hours=1)
    await daily.core.daily.tick(clock.now)
    kinds = [s.reply.kind for s in daily.outbox.sent if s.reply.kind in ("question", "reveal")]
    assert kinds[-3:] == ["question", "reveal", "question"]


async def test_private_answer_is_graded_for_its_author_and_the_thread_sees_only_the_outcome(
    daily: Flow, clock: ManualClock
):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    (post,) = await daily.core.daily.tick(clock.now)
    answer = reference_answer(daily, post)
    replies = await daily.as_user("alice").fill(answer_button(daily.last("question")), answer)
    verdict = next(r for r in replies if r.kind in ("verdict", "code-verdict", "code-stored"))
    assert verdict.visibility.value == "ephemeral" and verdict.recipient.display_name == "alice"
    status = only(replies, "answer-status")
    assert status.visibility.value == "public" and status.thread_id == daily.thread
    assert (status.view.user, status.view.shown, status.view.shows_answer) == ("alice", None, False)
    assert answer[:30] not in str(status.blocks)


async def test_open_channels_show_private_answers_in_the_thread(daily: Flow, clock: ManualClock):
    await daily.as_user("boss", admin=True).command("visibility open")
    clock.now = MONDAY_0900 + timedelta(hours=1)
    (post,) = await daily.core.daily.tick(clock.now)
    answer = reference_answer(daily, post)
    status = only(
        await daily.as_user("alice").fill(answer_button(daily.last("question")), answer), "answer-status"
    )
    assert status.view.shows_answer and answer.splitlines()[0][:30] in str(status.blocks)


async def test_a_thread_reply_in_a_private_channel_is_graded_with_a_reminder(daily: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    (post,) = await daily.core.daily.tick(clock.now)
    replies = await daily.as_user("alice").say(reference_answer(daily, post))
    verdict = next(r for r in replies if r.kind in ("verdict", "code-stored"))
    assert "Answer privately" in str(verdict.blocks[-1])


async def test_two_processes_on_one_database_post_the_slot_once(tmp_path, test_bank):
    """Two cores with their own connections race for the same slot."""
    path = tmp_path / "shared.db"
    first, second = await open_database(path), await open_database(path)
    try:
        clock = ManualClock(MONDAY_0900 - timedelta(days=1))
        cores = [
            Core(db, test_bank, clock=clock, rng=random.Random(i)) for i, db in enumerate([first, second])
        ]
        flows = [Flow(core) for core in cores]
        await flows[0].as_user("boss", admin=True).command("schedule 10:00 UTC daily")
        for flow in flows:
            flow.core.attach(flow.where.platform, flow.outbox)
        clock.now = MONDAY_0900 + timedelta(hours=1)
        results = [await core.daily.tick(clock.now) for core in cores]
        assert sorted(len(r) for r in results) == [0, 1]
        assert sum(len(daily_cards(f)) for f in flows) == 1
    finally:
        await first.close()
        await second.close()


class FailingOutbox(RecordingOutbox):
    async def send(self, conversation, reply):
        raise ConnectionError("platform unreachable")


async def test_a_post_that_died_mid_way_is_retaken_after_the_lease_with_the_same_question(
    tmp_path, test_bank, caplog
):
    db = await open_database(tmp_path / "crash.db")
    try:
        clock = ManualClock(MONDAY_0900 - timedelta(days=1))
        timing = Timing(lease=timedelta(minutes=2))
        crashed = Core(db, test_bank, clock=clock, timing=timing)
        flow = Flow(crashed)
        await flow.as_user("boss", admin=True).command("schedule 10:00 UTC daily")
        crashed.attach(flow.where.platform, FailingOutbox())
        clock.now = MONDAY_0900 + timedelta(hours=1)
        assert await crashed.daily.tick(clock.now) == []
        for record in caplog.records:
            record.expected_in_test = record.levelno >= logging.ERROR
        survivor = Core(db, test_bank, clock=clock, timing=timing)
        survivor.attach(flow.where.platform, flow.outbox)
        assert await survivor.daily.tick(clock.now + timedelta(minutes=1)) == [], "the lease still holds"
        (post,) = await survivor.daily.tick(clock.now + timedelta(minutes=3))
        (card,) = daily_cards(flow)
        assert card.view.post_id == post.id, "the retaken claim shows the post the first process created"
    finally:
        await db.close()
