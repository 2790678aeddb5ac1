"""ScreenPrep's platform-neutral core. Nothing here imports a chat SDK."""

from typing import TYPE_CHECKING

from bot.events import ActionInvoked, Actor, CommandInvoked, Conversation, Event, FormSubmitted, MessagePosted
from bot.lazy import lazy_attributes
from bot.replies import MessageRef, Outbox, Reply, Visibility

if TYPE_CHECKING:
    from bot.core import Core, utc_now


__getattr__ = lazy_attributes(__name__, {"Core": "core", "utc_now": "core"})
"""Core pulls in every feature, so `import bot.grading` alone (as `screenprep grade` does) stays light."""


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
