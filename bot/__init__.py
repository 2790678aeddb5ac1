"""ScreenPrep's platform-neutral core. Nothing here imports a chat SDK."""

from bot.core import Core, utc_now
from bot.events import ActionInvoked, Actor, CommandInvoked, Conversation, Event, FormSubmitted, MessagePosted
from bot.replies import MessageRef, Outbox, Reply, Visibility

__all__ = [
    "ActionInvoked",
    "Actor",
    "CommandInvoked",
    "Conversation",
    "Core",
    "Event",
    "FormSubmitted",
    "MessagePosted",
    "MessageRef",
    "Outbox",
    "Reply",
    "Visibility",
    "utc_now",
]
