"""A team channel in the terminal: slash lines are commands, other lines answer the open question."""

from __future__ import annotations

import asyncio
import io
import itertools
import os
import re
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TextIO

from adapters.console._render import choices, render
from bot import ActionInvoked, Actor, CommandInvoked, Conversation, Core, MessagePosted, MessageRef, Reply
from bot.commands import CommandRegistry
from bot.events import FormSubmitted
from bot.replies import Button, Form, ReplyKind
from bot.text import clean_name

PLATFORM = "console"
_FENCE = "```"
_PROMPT_HELP = "Type /quiz to get a question, /quiz help for commands, /as NAME to switch speaker."
_CHOICE = re.compile(r"^/(\d{1,3})$")


@dataclass
class ConsoleOutbox:
    """Prints replies and treats each posted question as the thread that plain lines answer."""

    out: TextIO
    color: bool
    current_thread: str | None = None
    sent: list[Reply] = field(default_factory=list)
    width: int | None = None
    """The terminal's columns, for tables that wrap to fit; None when piped (nothing wraps)."""
    choices: list[Button] = field(default_factory=list)
    """The buttons of the latest reply that had any, which `/1`, `/2`, ... act on."""
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def send(self, conversation: Conversation, reply: Reply) -> MessageRef:
        message_id = f"m{next(self._ids)}"
        thread_id = reply.thread_id or conversation.thread_id or message_id
        if reply.kind == ReplyKind.QUESTION:
            self.current_thread = thread_id
        self.sent.append(reply)
        self.choices = choices(reply) or self.choices
        self.out.write(render(reply, self.color, self.width) + "\n\n")
        self.out.flush()
        return MessageRef(message_id, thread_id)


class ConsoleSession:
    def __init__(self, core: Core, out: TextIO, *, user: str, channel: str, color: bool) -> None:
        self._core = core
        self._user = user
        self._channel = channel
        columns = shutil.get_terminal_size().columns if out.isatty() else None
        self.outbox = ConsoleOutbox(out, color, width=columns)
        self._form: Form | None = None
        """A form a numbered choice opened: the next message fills it."""

    @property
    def commands(self) -> CommandRegistry:
        """The core's commands, for tab completion."""
        return self._core.registry

    @property
    def speaker(self) -> str:
        return self._user

    def _where(self) -> Conversation:
        return Conversation(
            PLATFORM,
            "local",
            self._channel,
            self.outbox.current_thread,
            team_name="local",
            channel_name=self._channel,
        )

    def _actor(self) -> Actor:
        return Actor(PLATFORM, self._user.casefold(), self._user, is_admin=True)

    @property
    def filling(self) -> Form | None:
        return self._form

    async def handle_message(self, text: str) -> None:
        """One complete message (a line, a fenced block spanning lines, or a pasted block)."""
        stripped = text.strip()
        if self._form is not None:
            await self._submit(self._form, text)
        elif not stripped:
            return
        elif choice := _CHOICE.match(stripped):
            await self._choose(int(choice.group(1)))
        elif stripped.startswith("/") and not stripped.startswith("//"):
            await self._slash(stripped)
        else:
            await self._core.handle(MessagePosted(self._actor(), self._where(), text), self.outbox)

    async def _choose(self, number: int) -> None:
        """Press a numbered button of the latest reply with buttons; a form waits for the next message."""
        buttons = self.outbox.choices
        if not 1 <= number <= len(buttons):
            shown = f"/1 to /{len(buttons)}" if buttons else "none right now"
            self._say(f"! There is no choice /{number}; the choices are {shown}.")
            return
        button = buttons[number - 1]
        form = self._core.form_for(button.action_id)
        if form is None:
            await self._core.handle(
                ActionInvoked(self._actor(), self._where(), button.action_id), self.outbox
            )
            return
        self._form = form
        self._say(f"ℹ {form.title}: {form.inputs[0].label}. Send it as your next message, or /cancel.")

    async def _submit(self, form: Form, text: str) -> None:
        self._form = None
        if text.strip().lower() == "/cancel":
            self._say(f"ℹ {form.title}: cancelled.")
            return
        values = {form.inputs[0].input_id: text}
        await self._core.handle(
            FormSubmitted(self._actor(), self._where(), form.form_id, values), self.outbox
        )

    async def _slash(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word == "/as":
            self._switch_speaker(rest)
        elif word in ("/quiz", "/help"):
            text = rest if word == "/quiz" else "help"
            await self._core.handle(CommandInvoked(self._actor(), self._where(), text), self.outbox)
        else:
            self._say(f"! Unknown command `{word[:40]}`. Everything starts with /quiz; try /quiz help.")

    def _switch_speaker(self, name: str) -> None:
        cleaned = clean_name(name) if len(name) <= 1000 else ""
        if not cleaned:
            self._say("! Usage: /as NAME — for example `/as alice`.")
            return
        self._user = cleaned
        self._say(f"ℹ You are now {cleaned}.")

    def _say(self, text: str) -> None:
        self.outbox.out.write(text + "\n\n")
        self.outbox.out.flush()


async def _lines(stream: TextIO) -> AsyncIterator[str]:
    while line := await asyncio.to_thread(stream.readline):
        yield line


async def messages(lines: AsyncIterator[str]) -> AsyncIterator[str]:
    """Join lines into messages: a fenced block is one message however many lines it spans."""
    pending: list[str] = []
    async for line in lines:
        pending.append(line.rstrip("\n"))
        if "\n".join(pending).count(_FENCE) % 2 == 0:
            yield "\n".join(pending)
            pending = []
    if pending:
        yield "\n".join(pending) + "\n" + _FENCE


async def run_session(
    core: Core,
    stdin: TextIO,
    stdout: TextIO,
    *,
    user: str = "you",
    channel: str = "practice",
    on_first_message: Callable[[], None] | None = None,
) -> int:
    """Run until EOF (or /quit); exit status 0. `on_first_message` runs once, before the first is handled."""
    if isinstance(stdin, io.TextIOWrapper):
        # A byte that is not valid UTF-8 becomes U+FFFD rather than ending the session with a traceback
        # (Python reads stdin strictly under a UTF-8 locale such as en_US.UTF-8).
        stdin.reconfigure(errors="replace")
    interactive = stdin.isatty() and stdout.isatty()
    color = stdout.isatty() and "NO_COLOR" not in os.environ
    session = ConsoleSession(core, stdout, user=user, channel=channel, color=color)
    core.attach(PLATFORM, session.outbox)
    session._say(f"ScreenPrep · #{channel} · {len(core.quiz.bank)} questions. {_PROMPT_HELP}")
    if interactive:
        from adapters.console._prompt import prompted_messages  # prompt_toolkit: 0.2 s, for terminals only

        async with prompted_messages(session) as typed:
            await _serve(session, typed, on_first_message)
    else:
        await _serve(session, messages(_lines(stdin)), on_first_message)
    return 0


async def _serve(
    session: ConsoleSession, incoming: AsyncIterator[str], on_first_message: Callable[[], None] | None
) -> None:
    async for message in incoming:
        if message.strip().lower() in ("/quit", "/exit"):
            break
        if on_first_message is not None:
            on_first_message()
            on_first_message = None
        await session.handle_message(message)
