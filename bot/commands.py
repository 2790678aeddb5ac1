"""The explicit command registry: every adapter derives its command surface from it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

from bot.context import Context

Handler = Callable[[Context, list[str]], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    """A `/quiz` sub-command; the default command (name "") takes the words no other command claims."""

    name: str
    usage: str
    summary: str
    handler: Handler
    admin_only: bool = False


class CommandRegistry:
    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> None:
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} is registered twice")
        self._commands[command.name] = command

    def resolve(self, text: str) -> tuple[Command, list[str]]:
        """Split `/quiz` text into the command it names and that command's arguments."""
        words = text.split()
        if words and words[0].lower() in self._commands and words[0]:
            return self._commands[words[0].lower()], words[1:]
        return self._commands[""], words

    def get(self, name: str) -> Command:
        return self._commands[name]

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def names(self) -> list[str]:
        return [name for name in self._commands if name]
