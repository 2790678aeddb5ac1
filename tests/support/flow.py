"""A conversation harness in the event loop: send, expect a structured reply, click, expect."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot import (
    ActionInvoked,
    Actor,
    CommandInvoked,
    Conversation,
    Core,
    FormSubmitted,
    MessagePosted,
    MessageRef,
    Reply,
)
from bot.replies import Buttons
from storage import Post


@dataclass
class Sent:
    conversation: Conversation
    reply: Reply
    ref: MessageRef


@dataclass
class RecordingOutbox:
    """Records every reply with where it went; each top-level post opens a thread of its own."""

    sent: list[Sent] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        assert reply.view is not None, f"a {reply.kind} reply was built without a view model"
        message_id = f"msg-{next(self._ids)}"
        ref = MessageRef(message_id, reply.thread_id or conversation.thread_id or message_id)
        self.sent.append(Sent(conversation, reply, ref))
        return ref


class ManualClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Flow:
    """Speaks as one user at a time in one channel, and returns the replies each event produced."""

    def __init__(self, core: Core, *, platform: str = "test", team: str = "T1", channel: str = "C1") -> None:
        self.core = core
        self.outbox = RecordingOutbox()
        self.where = Conversation(platform, team, channel, team_name="Team", channel_name=channel)
        self.actor = Actor(platform, "u-alice", "alice")

    def as_user(self, name: str, *, admin: bool = False) -> Flow:
        self.actor = Actor(self.where.platform, f"u-{name}", name, is_admin=admin)
        return self

    async def _run(self, event) -> list[Reply]:
        before = len(self.outbox.sent)
        await self.core.handle(event, self.outbox)
        return [s.reply for s in self.outbox.sent[before:]]

    async def command(self, text: str, *, thread: str | None = None) -> list[Reply]:
        return await self._run(CommandInvoked(self.actor, self.where.in_thread(thread), text))

    async def say(self, text: str, *, thread: str | None = None) -> list[Reply]:
        """A message in `thread`, by default the latest question's thread."""
        return await self._run(MessagePosted(self.actor, self.where.in_thread(thread or self.thread), text))

    def button(self, label: str, card: Reply | None = None) -> str:
        """The action id of the labelled button on `card`, by default the latest question card."""
        card = card or self.last("question")
        return next(
            b.action_id
            for block in card.blocks
            if isinstance(block, Buttons)
            for b in block.buttons
            if b.label == label
        )

    async def click(self, label: str) -> list[Reply]:
        """Press the button with this label on the latest question card."""
        return await self._run(ActionInvoked(self.actor, self.where, self.button(label)))

    async def fill(self, label: str, text: str, card: Reply | None = None) -> list[Reply]:
        """Press a button that opens a form, type `text` into its one input, and submit."""
        form = self.core.form_for(self.button(label, card))
        assert form is not None, f"{label!r} opens no form"
        values = {form.inputs[0].input_id: text}
        return await self._run(FormSubmitted(self.actor, self.where, form.form_id, values))

    @property
    def thread(self) -> str | None:
        questions = [s for s in self.outbox.sent if s.reply.kind == "question"]
        return questions[-1].ref.thread_id if questions else None

    def last(self, kind: str) -> Reply:
        return next(s.reply for s in reversed(self.outbox.sent) if s.reply.kind == kind)


def only(replies: list[Reply], kind: str) -> Reply:
    """The single reply of this kind, failing loudly when there are none or several."""
    matching = [r for r in replies if r.kind == kind]
    assert len(matching) == 1, f"expected one {kind!r} reply, got {[r.kind for r in replies]}"
    return matching[0]


def answer_button(card: Reply) -> str:
    """The button that opens a question card's answer form."""
    return "Submit code" if card.view.question_kind == "code" else "Answer privately"


def reference_answer(flow: Flow, post: Post) -> str:
    """The reference answer is a fair stand-in for a strong answer of any kind."""
    instance = flow.core.quiz.instance(post)
    question = instance.question
    if question.kind.value == "choice":
        return "ABCDEFGH"[question.correct]
    if question.kind.value == "numeric":
        return str(instance.expected)
    return instance.answer
