"""Platform-neutral outbound replies: the core says what to show, adapters decide how."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from bot.events import Actor, Conversation


class Visibility(StrEnum):
    PUBLIC = "public"
    EPHEMERAL = "ephemeral"
    DIRECT = "direct"


class Tone(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    """Paragraphs with light markdown (*bold*, `code`, bullet lines)."""

    text: str


@dataclass(frozen=True)
class Code:
    code: str
    language: str = "python"


@dataclass(frozen=True)
class Fields:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    primary: bool = False


@dataclass(frozen=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Notice:
    text: str
    tone: Tone = Tone.INFO


@dataclass(frozen=True)
class Image:
    """A PNG picture; `alt` says what it shows for people and platforms that cannot see it."""

    data: bytes
    alt: str
    filename: str


Block = Heading | Text | Code | Fields | Buttons | Table | Notice | Image


@dataclass(frozen=True)
class Reply:
    """One message. `kind` and `data` let tests and adapters know what it means, not just say."""

    kind: str
    blocks: tuple[Block, ...]
    visibility: Visibility = Visibility.PUBLIC
    recipient: Actor | None = None
    thread_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def fallback_text(self) -> str:
        """A plain-text summary for notifications and platforms that cannot render blocks."""
        for block in self.blocks:
            if isinstance(block, Heading | Notice | Text):
                line = next((line.strip() for line in block.text.splitlines() if line.strip()), "")
                if line:
                    return line[:300]
        return self.kind


@dataclass(frozen=True)
class FormInput:
    input_id: str
    label: str
    multiline: bool = True
    placeholder: str = ""
    max_length: int = 4000


@dataclass(frozen=True)
class Form:
    """A modal a button opens; its submission comes back as FormSubmitted with the same `form_id`.

    Titles stay within 24 characters and labels within 45, the tighter of Slack's and Discord's limits.
    """

    form_id: str
    title: str
    inputs: tuple[FormInput, ...]
    submit_label: str = "Submit"


@dataclass(frozen=True)
class MessageRef:
    """Where a platform put a message, so later replies can thread under it."""

    message_id: str
    thread_id: str


class Outbox(Protocol):
    """What an adapter provides so the core can speak."""

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef: ...
