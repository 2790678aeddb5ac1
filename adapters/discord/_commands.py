"""The `/quiz` app-command group, derived from the core's command registry."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.commands import Command
from bot.text import truncate
from questions import Category, QuestionBank, category_words, parse_category

log = logging.getLogger(__name__)

Runner = Callable[[discord.Interaction, str], Awaitable[None]]
DEFAULT_NAME = "ask"
SUBCOMMAND_LIMIT = 25
CHOICE_LIMIT = 25
_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
_WORD = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_PARAMETER_NAMES = {
    "schedule": "when",
    "reveal-at": "time",
    "visibility": "mode",
    "weights": "weights",
    "mock": "action",
}


@dataclass(frozen=True)
class Parameter:
    """The one free-text option a sub-command takes, read from its usage line."""

    name: str
    description: str
    required: bool
    suggestions: tuple[str, ...] = ()


def parameter_for(command: Command) -> Parameter | None:
    """The option a sub-command takes, from its usage line: none for `/quiz hint`.

    A leading group of single-word alternatives (`[week|month|all|since ...]`, `private|open`) becomes
    autocomplete suggestions, never a closed list, so words after them still pass; a `<placeholder>`
    names the option, else it is called `options`.
    """
    rest = command.usage.strip().removeprefix("/quiz").strip()
    if command.name:
        rest = rest.removeprefix(command.name).strip()
    if not rest:
        return None
    required = not rest.startswith("[")
    if not command.name:
        return Parameter("topic", _shorten(rest, 100), required)
    first = rest[1 : rest.find("]")] if rest.startswith("[") and "]" in rest else rest.split()[0]
    words = tuple(alt.strip() for alt in first.split("|") if _WORD.fullmatch(alt.strip()))
    suggestions = words if len(words) > 1 else ()
    placeholder = re.fullmatch(r"<([a-z]+)\b.*>", rest)
    name = _PARAMETER_NAMES.get(command.name, placeholder[1] if placeholder else "options")
    return Parameter(name, _shorten(rest, 100), required, suggestions)


def build_quiz_group(commands: Iterable[Command], bank: QuestionBank, run: Runner) -> app_commands.Group:
    """One sub-command per registry command; each passes the line the console would have read."""
    group = app_commands.Group(
        name="quiz",
        description="Practise ML interview questions: ask, answer, hints, leaderboards.",
        guild_only=True,
    )
    commands = list(commands)
    taken = {c.name for c in commands}
    for command in commands:
        name = command.name or (DEFAULT_NAME if DEFAULT_NAME not in taken else "question")
        if not _NAME.match(name):
            log.warning("command %r cannot be a Discord sub-command name; skipped", command.name)
            continue
        if len(group.commands) >= SUBCOMMAND_LIMIT:
            log.warning("Discord allows %d sub-commands; /quiz %s is left out", SUBCOMMAND_LIMIT, name)
            continue
        callback = _callback(run, command.name, parameter_for(command), bank)
        group.add_command(
            app_commands.Command(
                name=name, description=_shorten(command.summary, 100) or name, callback=callback, parent=group
            )
        )
    return group


def _callback(run: Runner, prefix: str, parameter: Parameter | None, bank: QuestionBank) -> Callable:
    """A fresh coroutine function per sub-command, so decorators describe only that one."""
    if parameter is None:

        async def bare(interaction: discord.Interaction) -> None:
            await run(interaction, prefix)

        return bare

    async def required(interaction: discord.Interaction, value: str) -> None:
        await run(interaction, f"{prefix} {value}".strip())

    async def optional(interaction: discord.Interaction, value: str | None = None) -> None:
        await run(interaction, f"{prefix} {value or ''}".strip())

    callback: Callable[..., Awaitable[None]] = required if parameter.required else optional
    callback = app_commands.rename(value=parameter.name)(callback)
    callback = app_commands.describe(value=parameter.description)(callback)
    if not prefix or parameter.suggestions:

        async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            if not prefix:
                return topic_choices(bank, current)
            return suggested(parameter.suggestions, current)

        callback = app_commands.autocomplete(value=complete)(callback)
    return callback


def suggested(suggestions: tuple[str, ...], typed: str) -> list[app_commands.Choice[str]]:
    """The suggestions that start with what was typed; free text is still accepted as it is."""
    typed = typed.strip().lower()
    return [app_commands.Choice(name=s, value=s) for s in suggestions if s.startswith(typed)][:CHOICE_LIMIT]


def topic_choices(bank: QuestionBank, typed: str) -> list[app_commands.Choice[str]]:
    """Categories (matched by any alias) first, then questions by id or title; at most 25."""
    typed = " ".join(typed.lower().split())
    words: dict[Category, list[str]] = {}
    for word in category_words():
        category = parse_category(word)
        if category is not None:
            words.setdefault(category, []).append(word)
    found = [
        app_commands.Choice(name=f"{category.label} (category)", value=category.value)
        for category, aliases in words.items()
        if not typed or typed in category.label.lower() or any(typed in alias for alias in aliases)
    ]
    questions = [q for q in bank if not typed or typed in q.id or typed in q.title.lower()]
    questions.sort(key=lambda q: (not q.id.startswith(typed), q.id))
    found += [
        app_commands.Choice(name=_shorten(f"{q.title} · {q.id}", 100), value=q.id)
        for q in questions
        if len(q.id) <= 100
    ]
    return found[:CHOICE_LIMIT]


def _shorten(text: str, limit: int) -> str:
    return truncate(" ".join(text.split()), limit)
