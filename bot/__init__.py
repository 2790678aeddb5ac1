"""ScreenPrep's platform-neutral core. Nothing here imports a chat SDK."""

from typing import TYPE_CHECKING, Any

from bot.events import ActionInvoked, Actor, CommandInvoked, Conversation, Event, FormSubmitted, MessagePosted
from bot.replies import MessageRef, Outbox, Reply, Visibility

if TYPE_CHECKING:
    from bot.core import Core, utc_now


def __getattr__(name: str) -> Any:
    """Core pulls in every feature, so `import bot.grading` alone (as `screenprep grade` does) stays light."""
    if name in ("Core", "utc_now"):
        from bot import core

        return getattr(core, name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")


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
