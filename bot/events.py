"""Platform-neutral inbound events: who did what, where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    platform: str
    user_id: str
    display_name: str
    is_admin: bool = False


@dataclass(frozen=True)
class Conversation:
    """Where something happened; storable so the bot can post there later unprompted."""

    platform: str
    team_id: str
    channel_id: str
    thread_id: str | None = None
    direct: bool = False
    team_name: str = ""
    channel_name: str = ""

    def in_thread(self, thread_id: str | None) -> Conversation:
        return Conversation(
            self.platform,
            self.team_id,
            self.channel_id,
            thread_id,
            self.direct,
            self.team_name,
            self.channel_name,
        )


@dataclass(frozen=True)
class PersonRef:
    """Someone named in a command, as the platform gave them: by id (`<@U123>`, a user picker) or by name."""

    raw: str
    external_id: str | None = None
    name: str | None = None


OptionValue = str | int | bool | PersonRef


@dataclass(frozen=True)
class CommandInvoked:
    """`/quiz <text>`: the text after the command name.

    A platform with typed options (Discord) sends only the command's words as `text` and the values,
    by parameter name, in `options`; `None` means the parameters are still in `text`.
    """

    actor: Actor
    conversation: Conversation
    text: str
    options: Mapping[str, OptionValue] | None = None


@dataclass(frozen=True)
class MessagePosted:
    """A plain message; in a question's thread it is an answer."""

    actor: Actor
    conversation: Conversation
    text: str


@dataclass(frozen=True)
class ActionInvoked:
    """A button press carrying its state in `action_id` (quiz:<verb>:<post>[:<arg>])."""

    actor: Actor
    conversation: Conversation
    action_id: str


@dataclass(frozen=True)
class FormSubmitted:
    actor: Actor
    conversation: Conversation
    form_id: str
    values: dict[str, str] = field(default_factory=dict)


Event = CommandInvoked | MessagePosted | ActionInvoked | FormSubmitted
