"""Platform-neutral outbound replies: the core says what to show, adapters decide how."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.events import Actor, Conversation
from bot.grading import GradeBand


class Visibility(StrEnum):
    PUBLIC = "public"
    EPHEMERAL = "ephemeral"
    DIRECT = "direct"


class Tone(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


class ReplyKind(StrEnum):
    """What a reply means, so adapters and tests can tell a question card from a notice without reading it."""

    QUESTION = "question"
    ANSWER_STATUS = "answer-status"
    VERDICT = "verdict"
    MODEL_VERDICT = "model-verdict"
    CODE_STORED = "code-stored"
    CODE_CHECKING = "code-checking"
    CODE_VERDICT = "code-verdict"
    HINT = "hint"
    REVEAL = "reveal"
    SETTINGS = "settings"
    HELP = "help"
    NOTICE = "notice"
    ERROR = "error"
    COMMAND_HELP = "command-help"
    MOCK_STARTED = "mock-started"
    MOCK_INTERVIEWER = "mock-interviewer"
    MOCK_CANDIDATE_ANSWER = "mock-candidate-answer"
    MOCK_MARKED = "mock-marked"
    MOCK_WARNING = "mock-warning"
    MOCK_REVEAL = "mock-reveal"
    MOCK_STATUS = "mock-status"
    MOCK_PAUSED = "mock-paused"
    MOCK_RESUMED = "mock-resumed"
    MOCK_JOINED = "mock-joined"
    MOCK_SUMMARY = "mock-summary"
    MOCK_SCORECARD = "mock-scorecard"
    MOCK_CHECKLIST = "mock-checklist"
    MOCK_RECOMMEND = "mock-recommend"
    MOCK_RECOMMENDATION = "mock-recommendation"
    MOCK_PAIRS = "mock-pairs"
    MOCK_PAIRING = "mock-pairing"
    LEADERBOARD = "leaderboard"
    STATS = "stats"
    WEAK_SPOTS = "weak-spots"
    SEASONS = "seasons"
    SEASON_STARTED = "season-started"
    REVIEW_QUESTION = "review-question"
    REVIEW_EMPTY = "review-empty"
    REVIEW_VERDICT = "review-verdict"
    REVIEW_DAILY = "review-daily"
    FORGET_ME = "forget-me"
    FORGOTTEN = "forgotten"
    WELCOME = "welcome"
    """A platform adapter's own greeting when the bot joins a server."""


BAND_TONES = {GradeBand.PASSED: Tone.SUCCESS, GradeBand.PARTIAL: Tone.WARNING, GradeBand.NOT_YET: Tone.ERROR}
"""How a verdict band looks wherever a grade is shown."""


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


class View(Protocol):
    """What a reply means, as typed fields; `blocks` lays it out once for every platform.

    Each reply kind has a frozen dataclass for it, so tests read the fields the blocks were made from.
    """

    @property
    def kind(self) -> ReplyKind: ...

    def blocks(self) -> tuple[Block, ...]: ...


@dataclass(frozen=True)
class Reply:
    """One message. `kind` and `view` let tests and adapters know what it means, not just say."""

    kind: ReplyKind
    blocks: tuple[Block, ...]
    visibility: Visibility = Visibility.PUBLIC
    recipient: Actor | None = None
    thread_id: str | None = None
    view: View | None = None

    @classmethod
    def of(
        cls,
        view: View,
        visibility: Visibility = Visibility.PUBLIC,
        recipient: Actor | None = None,
        thread_id: str | None = None,
    ) -> Reply:
        """The reply showing `view`: its blocks come from the view, so the two always agree."""
        return cls(view.kind, view.blocks(), visibility, recipient, thread_id, view=view)

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
class Note:
    """A short message on its own: information, a warning, or (kind `error`) our own failure."""

    text: str
    tone: Tone = Tone.INFO
    kind: ReplyKind = ReplyKind.NOTICE

    def blocks(self) -> tuple[Block, ...]:
        return (Notice(self.text, self.tone),)


def private_notice(note: Note, recipient: Actor, thread_id: str | None) -> Reply:
    """A note only `recipient` sees, in the thread it answers."""
    return Reply.of(note, Visibility.EPHEMERAL, recipient, thread_id)


@dataclass(frozen=True)
class HelpCard:
    """Help for the bot, a command group or one command: a table under a title, with notes below.

    `commands` are the usage lines the card documents (its rows, or the one command it explains).
    """

    kind: ReplyKind
    title: str
    rows: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    lead: str = ""
    columns: tuple[str, str] = ("Command", "What it does")
    usage: str = ""

    @property
    def commands(self) -> tuple[str, ...]:
        return (self.usage,) if self.usage else tuple(usage for usage, _ in self.rows)

    def blocks(self) -> tuple[Block, ...]:
        lead = (Text(self.lead),) if self.lead else ()
        table = (Table(self.columns, self.rows),) if self.rows else ()
        return (Heading(self.title), *lead, *table, *(Text(note) for note in self.notes))


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
