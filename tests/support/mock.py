"""Steps the mock-round tests share: what was sent, round cards, buttons, answers and points."""

from __future__ import annotations

from bot import ActionInvoked, Reply
from storage import Database
from tests.support.flow import Flow, answer_button, reference_answer

PEOPLE = ("alice", "bob", "carol")


def sent(flow: Flow, kind: str, *, to: str | None = None) -> list[Reply]:
    """Replies of this kind in the flow's channel so far, optionally only those addressed to one person."""
    replies = [
        s.reply
        for s in flow.outbox.sent
        if s.reply.kind == kind and s.conversation.channel_id == flow.where.channel_id
    ]
    return [r for r in replies if to is None or (r.recipient and r.recipient.display_name == to)]


def cards(flow: Flow) -> list[Reply]:
    """The round question cards posted in the flow's channel."""
    return [r for r in sent(flow, "question") if r.view.source == "mock"]


async def press(flow: Flow, label: str, card: Reply) -> list[Reply]:
    """Press a labelled button on any reply, as the flow's current user."""
    before = len(flow.outbox.sent)
    await flow.core.handle(ActionInvoked(flow.actor, flow.where, flow.button(label, card)), flow.outbox)
    return [s.reply for s in flow.outbox.sent[before:]]


async def good_answer(flow: Flow, db: Database, card: Reply) -> str:
    """The reference answer stands in for a strong answer of any kind."""
    post = await db.posts.get(card.view.post_id)
    assert post is not None
    return reference_answer(flow, post)


async def answer(flow: Flow, db: Database, name: str, card: Reply, text: str | None = None) -> list[Reply]:
    """`name` answers the round question on `card` privately (the reference answer unless told)."""
    return await flow.as_user(name).fill(answer_button(card), text or await good_answer(flow, db, card), card)


def notices(replies: list[Reply]) -> str:
    return " ".join(b.text for r in replies if r.kind == "notice" for b in r.blocks)


async def points_by_name(db: Database) -> dict[str, tuple[str, int]]:
    """Each person's ledger reason and points, straight from the ledger the leaderboards read."""
    rows = await db.connection.fetchall(
        "SELECT u.display_name, l.reason, SUM(l.points) FROM points_ledger AS l"
        " JOIN users AS u ON u.id = l.user_id GROUP BY u.display_name, l.reason"
    )
    return {row[0]: (row[1], row[2]) for row in rows}
