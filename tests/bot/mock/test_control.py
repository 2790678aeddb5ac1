"""Only a round's host or an admin steers it; nobody can spoil its questions early."""

from __future__ import annotations

import pytest

from storage import Database
from tests.support.flow import Flow, only
from tests.support.mock import answer, cards, notices, sent


@pytest.mark.parametrize("verb", ["next", "pause", "resume", "end"])
async def test_control_by_someone_who_is_not_the_host_is_refused(room: Flow, verb: str):
    await room.as_user("alice").command("mock start 30 2 0 @bob")
    before = len(room.outbox.sent)
    refusal = only(await room.as_user("bob").command(f"mock {verb}"), "notice")
    assert refusal.blocks[0].text == "Only alice, who started this round, or an admin can control it."
    assert refusal.recipient.display_name == "bob"
    assert len(room.outbox.sent) == before + 1, "nothing but the refusal was sent"
    status = only(await room.command("mock status"), "mock-status")
    assert status.view.position == 0 and status.view.state == "running"


async def test_the_host_and_admins_can_control_it(room: Flow):
    await room.as_user("alice").command("mock start 30 2 0 @bob")
    moved = await room.as_user("boss", admin=True).command("mock next")
    assert only(moved, "mock-reveal").view.reason == "moved on by boss"
    assert cards(room)[-1].view.position == 1
    assert only(await room.as_user("alice").command("mock pause"), "mock-paused")
    assert "already paused" in notices(await room.as_user("alice").command("mock pause"))
    assert only(await room.as_user("alice").command("mock end"), "mock-summary")
    assert "No mock round" in notices(await room.as_user("alice").command("mock next"))


async def test_nobody_reveals_a_round_question_early_but_hints_are_public_in_group_rounds(
    room: Flow, db: Database
):
    await room.as_user("alice").command("mock start 30 2 0 @bob")
    refusal = await room.as_user("boss", admin=True).command("reveal")
    assert "revealed together when they close" in notices(refusal)
    assert only(await room.as_user("bob").click("Hint"), "hint")
    card = cards(room)[-1]
    await answer(room, db, "alice", card)
    await answer(room, db, "bob", card)
    assert only(
        await room.as_user("bob").command("reveal", thread=sent(room, "mock-reveal")[-1].thread_id), "reveal"
    )


async def test_unknown_sub_commands_and_extra_words_are_explained(room: Flow):
    assert "not a mock command" in notices(await room.command("mock dance"))
    assert "takes no more words" in notices(await room.command("mock status please"))
    assert "Only admins" in notices(await room.command("mock pairing on"))
