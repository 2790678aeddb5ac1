"""Slack payloads to core places and events: which messages are answers, and where modals answer."""

from __future__ import annotations

import pytest

from adapters.slack._payloads import (
    action_conversation,
    command_conversation,
    command_text,
    form_conversation,
    form_metadata,
    is_answer,
)
from tests.support.fake_slack import BOT_USER, message_event

THREAD = "1700000001.000001"


def reply_event(**changes) -> dict:
    event = message_event("0.25", user="U1", thread_ts=THREAD)["event"]
    return {k: v for k, v in (event | changes).items() if v is not None}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),
        ({"subtype": "thread_broadcast"}, True),
        ({"parent_user_id": None}, True),
        ({"thread_ts": None}, False),
        ({"ts": THREAD}, False),
        ({"parent_user_id": "U0SOMEONE"}, False),
        ({"bot_id": "B0OTHER"}, False),
        ({"subtype": "message_changed"}, False),
        ({"subtype": "bot_message"}, False),
        ({"user": None}, False),
    ],
    ids=lambda value: str(value),
)
def test_only_a_persons_reply_in_a_bot_thread_is_an_answer(changes, expected):
    assert is_answer(reply_event(**changes), BOT_USER) is expected


def test_a_slash_command_is_a_top_level_place_with_decoded_text():
    command = {
        "team_id": "T1",
        "team_domain": "acme",
        "channel_id": "C1",
        "channel_name": "ml-prep",
        "text": "answer a &lt; b &amp;&amp; c",
    }
    where = command_conversation(command)
    assert (where.platform, where.team_id, where.channel_id, where.thread_id) == ("slack", "T1", "C1", None)
    assert (where.team_name, where.channel_name, where.direct) == ("acme", "ml-prep", False)
    assert command_text(command) == "answer a < b && c"
    assert command_conversation(command | {"channel_id": "D9", "channel_name": "directmessage"}).direct


def test_a_button_press_happens_in_the_cards_thread():
    body = {
        "team": {"id": "T1"},
        "channel": {"id": "C1", "name": "quiz"},
        "message": {"ts": "1.000001"},
        "container": {"message_ts": "1.000001", "channel_id": "C1"},
    }
    assert action_conversation(body).thread_id == "1.000001"
    threaded = body | {"message": {"ts": "2.000002", "thread_ts": "1.000001"}}
    assert action_conversation(threaded).thread_id == "1.000001"


def test_modal_metadata_round_trips_and_foreign_metadata_is_refused():
    where = command_conversation({"team_id": "T1", "channel_id": "C1"}).in_thread("1.5")
    body = {"view": {"private_metadata": form_metadata(where)}, "team": {"id": "T1"}}
    back = form_conversation(body)
    assert (back.team_id, back.channel_id, back.thread_id) == ("T1", "C1", "1.5")
    assert form_conversation({"view": {"private_metadata": "not json"}}) is None
    assert form_conversation({"view": {"private_metadata": "[1, 2]"}}) is None
    assert form_conversation({"view": {}}) is None
