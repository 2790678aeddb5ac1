"""The interactive terminal: line editing, history, multi-line answers, and a paste as one message."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.patch_stdout import patch_stdout

from adapters.console._complete import CommandCompleter

if TYPE_CHECKING:
    from adapters.console._session import ConsoleSession

FENCE = "```"
TOOLBAR = (
    " Enter sends · Alt+Enter adds a line · Tab completes · /1 /2 … choose · ↑ history · Ctrl-C clears"
    " · Ctrl-D quits"
)


def history_file() -> Path:
    """`$XDG_STATE_HOME/screenprep/history`, or `~/.local/state/screenprep/history`."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "screenprep" / "history"


def _history() -> History:
    path = history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        return InMemoryHistory()
    return FileHistory(str(path))


def _keys() -> KeyBindings:
    """Enter sends, except inside an open ``` fence; Alt+Enter always starts a new line."""
    keys = KeyBindings()

    @keys.add("enter")
    def _send_or_continue(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if buffer.text.count(FENCE) % 2:
            buffer.newline(copy_margin=False)
        else:
            buffer.validate_and_handle()

    @keys.add("escape", "enter")
    def _new_line(event: KeyPressEvent) -> None:
        event.current_buffer.newline(copy_margin=False)

    return keys


async def _typed(prompt: PromptSession[str], session: ConsoleSession) -> AsyncIterator[str]:
    """Messages as typed or pasted; Ctrl-C drops the current input, Ctrl-D ends the session."""
    while True:
        form = session.filling
        label = f"{form.title}> " if form else f"{session.speaker}> "
        try:
            yield await prompt.prompt_async(label)
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


@asynccontextmanager
async def prompted_messages(session: ConsoleSession) -> AsyncIterator[AsyncIterator[str]]:
    """Read with prompt_toolkit; replies print above the prompt, even those that arrive while typing."""
    prompt: PromptSession[str] = PromptSession(
        history=_history(),
        key_bindings=_keys(),
        multiline=True,
        prompt_continuation=lambda width, line_number, wrap_count: "... ".rjust(width),
        bottom_toolbar=TOOLBAR,
        completer=CommandCompleter(session.commands),
    )
    with patch_stdout(raw=True):
        session.outbox.out = sys.stdout
        yield _typed(prompt, session)
