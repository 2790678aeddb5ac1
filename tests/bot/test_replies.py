"""Replies carry a typed view; their blocks are the view's, so the two cannot disagree."""

from __future__ import annotations

from bot import Actor
from bot.replies import (
    HelpCard,
    Note,
    Notice,
    Reply,
    ReplyKind,
    Table,
    Tone,
    Visibility,
    private_notice,
)

ALICE = Actor("test", "u-alice", "alice")


def test_a_reply_of_a_view_takes_its_kind_and_blocks_from_it():
    card = HelpCard(ReplyKind.HELP, "Commands", (("/quiz hint", "A hint."),), "Reply in the thread.")
    reply = Reply.of(card)
    assert (reply.kind, reply.view, reply.visibility) == (ReplyKind.HELP, card, Visibility.PUBLIC)
    assert reply.blocks == card.blocks()
    assert isinstance(reply.blocks[1], Table) and reply.blocks[1].rows == (("/quiz hint", "A hint."),)
    assert card.commands == ("/quiz hint",) and reply.fallback_text == "Commands"


def test_a_private_notice_goes_to_one_person_in_the_thread_it_answers():
    reply = private_notice(Note("Too late.", Tone.WARNING), ALICE, "t-9")
    assert (reply.visibility, reply.recipient, reply.thread_id) == (Visibility.EPHEMERAL, ALICE, "t-9")
    assert reply.kind == ReplyKind.NOTICE and reply.blocks == (Notice("Too late.", Tone.WARNING),)
    failure = private_notice(Note("Ours, sorry.", Tone.ERROR, ReplyKind.ERROR), ALICE, None)
    assert failure.kind == ReplyKind.ERROR
