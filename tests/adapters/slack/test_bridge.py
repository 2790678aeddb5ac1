"""The bridge: each Slack event id runs once, and nothing new starts once shutdown begins."""

from __future__ import annotations

from adapters.slack import SlackBot
from adapters.slack._bridge import SEEN_EVENTS
from adapters.slack._payloads import conversation
from bot import CommandInvoked
from tests.support.fake_slack import CHANNEL, TEAM, FakeSlack
from tests.support.slack import ALICE


async def test_an_event_id_is_first_delivered_once_and_old_ids_are_forgotten(slack: SlackBot):
    bridge = slack.bridge
    assert bridge.first_delivery("Ev1") and not bridge.first_delivery("Ev1")
    assert bridge.first_delivery(None) and bridge.first_delivery(None), "no id, nothing to compare"
    for n in range(SEEN_EVENTS):
        bridge.first_delivery(f"Ev-fill-{n}")
    assert bridge.first_delivery("Ev1"), "memory is bounded"


async def test_nothing_starts_after_shutdown_begins(fake: FakeSlack, slack: SlackBot):
    await slack.bridge.drain(0.1)
    actor = await slack.bridge.people.actor(TEAM, ALICE)
    await slack.bridge.run(CommandInvoked(actor, conversation(TEAM, CHANNEL), "help"))
    assert not fake.calls_to("chat.postMessage")
