"""The outbox: where each visibility goes, pacing per channel, 429 retries and the daily post."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.slack import Pacer, SlackBot, SlackOutbox, build_client
from adapters.slack._workspaces import Workspaces
from bot import Actor, Conversation, Core
from bot.replies import Notice, Reply, Visibility
from tests.support.answers import GOOD_DROPOUT
from tests.support.fake_slack import CHANNEL, TEAM, FakeSlack
from tests.support.flow import ManualClock
from tests.support.slack import ALICE, OWNER, settings_for

WHERE = Conversation("slack", TEAM, CHANNEL, team_name="fake-team", channel_name="quiz")
ALICE_ACTOR = Actor("slack", ALICE, "alice")


def note(text: str, visibility: Visibility = Visibility.PUBLIC, thread: str | None = None) -> Reply:
    recipient = None if visibility is Visibility.PUBLIC else ALICE_ACTOR
    return Reply("notice", (Notice(text),), visibility, recipient, thread)


class FakeTime:
    """A clock that moves only when the pacer sleeps, recording each sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_pacer_spaces_posts_in_one_channel_but_not_across_channels():
    time = FakeTime()
    pacer = Pacer(1.0, clock=time.clock, sleep=time.sleep)
    for channel in ("C1", "C1", "C2", "C1"):
        await pacer.wait(channel)
    assert time.sleeps == [1.0, 1.0]
    time.now += 5
    await pacer.wait("C1")
    assert time.sleeps == [1.0, 1.0], "a quiet channel posts at once"


async def test_public_posts_to_one_channel_are_at_least_the_interval_apart(fake: FakeSlack):
    """Paced on the outbox's own clock: wall-clock gaps between arrivals jitter on a busy machine."""
    time = FakeTime()
    outbox = SlackOutbox(
        Workspaces(build_client(settings_for(fake))), Pacer(0.15, clock=time.clock, sleep=time.sleep)
    )
    for n in range(3):
        await outbox.send(WHERE, note(f"post {n}"))
    posted = fake.calls_to("chat.postMessage")
    assert [c.params["text"] for c in posted] == ["post 0", "post 1", "post 2"]
    assert time.sleeps == pytest.approx([0.15, 0.15]), "each post after the first waited the interval"


async def test_a_429_is_retried_after_its_retry_after(fake: FakeSlack):
    outbox = SlackOutbox(Workspaces(build_client(settings_for(fake))), Pacer(0))
    fake.fail_next("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    ref = await outbox.send(WHERE, note("after the limit"))
    first, second = fake.calls_to("chat.postMessage")
    assert first.status == 429 and second.ok
    assert second.at - first.at >= 1.0
    assert ref.message_id == second.response["ts"]


async def test_each_visibility_goes_where_it_should(fake: FakeSlack):
    outbox = SlackOutbox(Workspaces(build_client(settings_for(fake))), Pacer(0))
    top = await outbox.send(WHERE, note("a new post"))
    assert top.message_id == top.thread_id, "a top-level post is its own thread"
    threaded = await outbox.send(WHERE, note("in the thread", thread=top.thread_id))
    assert threaded.thread_id == top.thread_id != threaded.message_id
    assert fake.calls_to("chat.postMessage")[1].params["thread_ts"] == top.thread_id

    await outbox.send(WHERE.in_thread(top.thread_id), note("only you", Visibility.EPHEMERAL))
    ephemeral = fake.calls_to("chat.postEphemeral")[0]
    assert (ephemeral.params["user"], ephemeral.params["thread_ts"]) == (ALICE, top.thread_id)

    await outbox.send(WHERE, note("a direct message", Visibility.DIRECT))
    assert fake.calls_to("conversations.open")[0].params["users"] == ALICE
    assert fake.calls_to("chat.postMessage")[-1].params["channel"] == "D" + ALICE


async def test_the_daily_post_fires_through_the_attached_outbox_and_reveals_in_its_thread(
    fake: FakeSlack, slack: SlackBot, core: Core, clock: ManualClock, db
):
    await fake.command("schedule 09:30 UTC mon-sun", user=OWNER)
    await fake.wait_for("chat.postMessage", lambda c: "Schedule updated" in c.all_text())

    posted = await core.daily.tick(clock.now + timedelta(minutes=30))
    assert len(posted) == 1
    card = (await fake.wait_for("chat.postMessage", lambda c: any("quiz:" in a for a in c.action_ids())))[0]
    assert card.params["channel"] == CHANNEL and "thread_ts" not in card.params
    stored = await db.posts.get(posted[0].id)
    assert stored.thread_ref == card.response["ts"], "thread replies to the daily post are its answers"
    assert await core.daily.tick(clock.now + timedelta(minutes=31)) == [], "never twice"

    await fake.reply(GOOD_DROPOUT, user=ALICE, thread_ts=card.response["ts"])
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE)

    await core.daily.tick(clock.now + timedelta(hours=8))
    reveal = await fake.wait_for("chat.postMessage", lambda c: "Answer:" in c.all_text())
    assert reveal[0].params["thread_ts"] == card.response["ts"]
    assert "alice" in reveal[0].all_text()
