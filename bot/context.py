"""What a handler needs to act on one event: who, where, when, and a way to speak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.events import Actor, Conversation, Event
from bot.replies import MessageRef, Note, Outbox, Reply, Tone, private_notice
from storage import Channel, Team, User


@dataclass(frozen=True)
class Context:
    event: Event
    outbox: Outbox
    team: Team
    channel: Channel
    user: User
    now: datetime

    @property
    def actor(self) -> Actor:
        return self.event.actor

    @property
    def conversation(self) -> Conversation:
        return self.event.conversation

    async def send(self, reply: Reply) -> MessageRef:
        return await self.outbox.send(self.conversation, reply)

    async def notice(self, text: str, tone: Tone = Tone.INFO) -> MessageRef:
        """A short message only the actor sees."""
        reply = private_notice(Note(text, tone), self.actor, self.conversation.thread_id)
        return await self.send(reply)
