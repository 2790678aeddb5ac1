"""The `/quiz` app-command group, read from the core's command declarations.

A group becomes a sub-command group; each parameter becomes a typed option: a person a user picker,
a number an integer, a flag a boolean, a closed list fixed choices, a time zone or a declared
suggestion source an autocomplete.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from typing import Any, Optional

import discord
from discord import app_commands

from bot.commands import Command, Kind, Param
from bot.events import OptionValue, PersonRef
from bot.text import truncate

log = logging.getLogger(__name__)

Runner = Callable[[discord.Interaction, str, Mapping[str, OptionValue]], Awaitable[None]]
"""Runs the command named by its words with the typed option values."""
Callback = Callable[..., Coroutine[Any, Any, None]]
DEFAULT_NAME = "ask"
SUBCOMMAND_LIMIT = 25
CHOICE_LIMIT = 25
TEXT_LIMIT = 100
_ANNOTATIONS: dict[Kind, Any] = {
    Kind.WORD: str,
    Kind.TEXT: str,
    Kind.ZONE: str,
    Kind.INTEGER: int,
    Kind.FLAG: bool,
    Kind.PERSON: discord.User,
}


def build_quiz_group(commands: Iterable[Command], run: Runner) -> app_commands.Group:
    """One sub-command (or sub-command group) per declared command."""
    group = app_commands.Group(
        name="quiz",
        description="Practise ML interview questions: ask, answer, hints, leaderboards.",
        guild_only=True,
    )
    for command in commands:
        if len(group.commands) >= SUBCOMMAND_LIMIT:
            log.warning(
                "Discord allows %d sub-commands; /quiz %s is left out", SUBCOMMAND_LIMIT, command.name
            )
            continue
        group.add_command(_node(command, run, ""))
    return group


def _node(command: Command, run: Runner, prefix: str) -> app_commands.Command | app_commands.Group:
    """`prefix` is the words of the enclosing group (`mock`), so the core reads `mock start`."""
    name = command.name or DEFAULT_NAME
    description = shorten(command.summary)
    if not command.subcommands:
        words = f"{prefix} {command.name}".strip()
        return app_commands.Command(
            name=name, description=description, callback=_callback(run, words, command)
        )
    group = app_commands.Group(name=name, description=description)
    for sub in command.subcommands:
        if sub.subcommands:
            log.warning(
                "Discord nests sub-commands two deep; /quiz %s %s is left out", command.name, sub.name
            )
            continue
        group.add_command(_node(sub, run, command.name))
    return group


def _callback(run: Runner, words: str, command: Command) -> Callback:
    """A coroutine whose signature is the declaration, so discord.py builds the options from it."""

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        given = {name: neutral(value) for name, value in values.items() if value is not None}
        await run(interaction, words, given)

    interaction = inspect.Parameter(
        "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
    )
    callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]  # read by discord.py
        [interaction, *(_parameter(p) for p in command.params)]
    )
    return _decorated(callback, command.params)


def _parameter(param: Param) -> inspect.Parameter:
    annotation = str if param.many else _ANNOTATIONS[param.kind]
    optional = param.optional or param.kind is Kind.FLAG
    return inspect.Parameter(
        param.name,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=Optional[annotation] if optional else annotation,  # noqa: UP045  # discord.py reads typing.Optional
        default=None if optional else inspect.Parameter.empty,
    )


def _decorated(callback: Callback, params: tuple[Param, ...]) -> Callback:
    """Descriptions, fixed choices and autocompletes, as discord.py's decorators record them."""
    if params:
        callback = app_commands.describe(**{p.name: shorten(_described(p)) for p in params})(callback)
    fixed = {p.name: [app_commands.Choice(name=c, value=c) for c in p.choices] for p in params if _fixed(p)}
    if fixed:
        callback = app_commands.choices(**fixed)(callback)
    completed = {p.name: _completer(p) for p in params if not _fixed(p) and _suggested(p)}
    if completed:
        callback = app_commands.autocomplete(**completed)(callback)
    return callback


def _described(param: Param) -> str:
    if param.kind is Kind.PERSON and param.many:
        return f"{param.help} @-mention each one."
    return param.help


def _fixed(param: Param) -> bool:
    return bool(param.choices) and len(param.choices) <= CHOICE_LIMIT and not param.many


def _suggested(param: Param) -> bool:
    return param.suggest is not None or param.kind is Kind.ZONE


def _completer(
    param: Param,
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=shorten(s.label), value=s.value)
            for s in param.suggestions(current)
            if len(s.value) <= TEXT_LIMIT
        ][:CHOICE_LIMIT]

    return complete


def neutral(value: Any) -> OptionValue:
    """A picked user becomes a person reference the core can resolve; other values pass as they are."""
    if isinstance(value, discord.User | discord.Member):
        return PersonRef(value.mention, external_id=str(value.id), name=value.display_name)
    return value


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    return truncate(" ".join(text.split()), limit)
