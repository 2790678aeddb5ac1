"""What a command declares: its words, its parameters, its sub-commands and who may use it."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import available_timezones

Handler = Callable[..., Awaitable[None]]
"""`handler(ctx, **values)`: one keyword argument per declared parameter, already typed."""

_NAME = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
SUGGESTION_LIMIT = 25


class Kind(StrEnum):
    """What a parameter holds; each platform shows it in its own way (a Discord option type, a hint)."""

    WORD = "word"
    TEXT = "text"
    """The rest of the line as typed, newlines kept (answers, code, names with spaces)."""
    INTEGER = "integer"
    FLAG = "flag"
    """The parameter's own name as a word: present or not."""
    PERSON = "person"
    ZONE = "zone"


@dataclass(frozen=True)
class Suggestion:
    label: str
    value: str


Suggest = Callable[[str], Sequence[Suggestion]]


@dataclass(frozen=True)
class Param:
    """One parameter; a word is placed by `name=value`, by its keyword, or by position."""

    name: str
    help: str
    kind: Kind = Kind.WORD
    optional: bool = False
    choices: tuple[str, ...] = ()
    """A closed list: Discord offers exactly these, help and completion list them."""
    aliases: tuple[str, ...] = ()
    """Other names accepted in `alias=value`."""
    keyword: bool = False
    """Written `name value` (`since 2026-03-01`, `review answer ...`) rather than by position."""
    many: bool = False
    admin: bool = False
    """Giving this parameter needs an admin (`/quiz season start NAME`)."""
    accepts: Callable[[str], bool] | None = None
    """Whether a word given by position belongs here; by default, choices and kinds decide."""
    convert: Callable[[str], Any] | None = None
    """The feature's parser for the typed word; its UserError is shown with the usage line."""
    suggest: Suggest | None = None
    placeholder: str = ""

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"parameter {self.name!r} must be a Python identifier")

    def suggestions(self, typed: str) -> list[Suggestion]:
        """Choices, the declared source, or time zones, that match what was typed so far."""
        if self.suggest is not None:
            return list(self.suggest(typed))[:SUGGESTION_LIMIT]
        folded = typed.strip().casefold()
        if self.kind is Kind.ZONE:
            return [Suggestion(z, z) for z in _zone_names() if folded in z.casefold()][:SUGGESTION_LIMIT]
        return [Suggestion(c, c) for c in self.choices if c.startswith(folded)][:SUGGESTION_LIMIT]


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@dataclass(frozen=True)
class Command:
    """A `/quiz` command or sub-command; the default command (name "") takes words no other one claims."""

    name: str
    summary: str
    handler: Handler | None = None
    """None for a group used only through its sub-commands; the group's name alone shows its help."""
    params: tuple[Param, ...] = ()
    subcommands: tuple[Command, ...] = ()
    admin: bool = False
    title: str = ""
    note: str = ""
    """A line under the command's own help table."""

    def __post_init__(self) -> None:
        if self.name and not _NAME.match(self.name):
            raise ValueError(f"command name {self.name!r} must be a lower-case word")
        if (self.handler is None) == (not self.subcommands):
            raise ValueError(f"command {self.name!r} has a handler or sub-commands, not both or neither")
        if self.subcommands and self.params:
            raise ValueError(f"group {self.name!r} declares its parameters on its sub-commands")
        if self.handler is not None:
            _check_signature(self)

    def sub(self, name: str) -> Command | None:
        return next((c for c in self.subcommands if c.name == name), None)

    def param(self, name: str) -> Param | None:
        folded = name.lower()
        return next((p for p in self.params if folded == p.name or folded in p.aliases), None)


def _check_signature(command: Command) -> None:
    """The handler's keywords are the declared parameters, so the two cannot drift apart."""
    assert command.handler is not None
    declared = [p.name for p in command.params]
    taken = list(inspect.signature(command.handler).parameters)[1:]
    if taken != declared:
        raise TypeError(f"/quiz {command.name}: handler takes {taken}, declaration says {declared}")
