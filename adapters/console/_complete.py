"""Tab completion in the terminal, read from the core's command declarations."""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from bot.commands import CommandRegistry

SLASH_WORDS = ("/quiz", "/help", "/as")


def completions(registry: CommandRegistry, line: str) -> list[str]:
    """Words that can finish the last one typed: `/qu` → `/quiz`, `/quiz sch` → `schedule`, and so on."""
    if "\n" in line or not line.startswith("/"):
        return []
    head, space, rest = line.partition(" ")
    if not space:
        return [word for word in SLASH_WORDS if word.startswith(head.lower())]
    return registry.complete(rest) if head.lower() == "/quiz" else []


class CommandCompleter(Completer):
    def __init__(self, registry: CommandRegistry) -> None:
        self._registry = registry

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        typed = document.text_before_cursor
        partial = typed.rsplit(" ", 1)[-1]
        for word in completions(self._registry, typed):
            yield Completion(word, start_position=-len(partial))
