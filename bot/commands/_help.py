"""Usage lines, help cards and completions, all read from the declarations."""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands._declare import Command, Kind, Param
from bot.replies import HelpCard, Reply, ReplyKind

PREFIX = "/quiz"


def usage(path: Sequence[Command]) -> str:
    """`/quiz schedule <time> [zone] [days]`: the words of the path, then the parameters."""
    words = [PREFIX, *(c.name for c in path if c.name)]
    last = path[-1]
    if last.subcommands:
        words.append("|".join(c.name for c in last.subcommands))
    words += [_shown(p) for p in last.params]
    return " ".join(words)


def _shown(param: Param) -> str:
    if param.kind is Kind.FLAG:
        shown = param.name
    else:
        shown = param.placeholder or ("|".join(param.choices) if param.choices else f"<{param.name}>")
        if param.keyword:
            shown = f"{param.name} {shown}"
    if param.many:
        shown += " ..."
    return f"[{shown}]" if param.optional else shown


def summary(command: Command) -> str:
    admin = command.admin or any(p.admin for p in command.params)
    if not admin:
        return command.summary
    return command.summary + (" (admins)" if command.admin else " (changes: admins)")


def overview(commands: Sequence[Command]) -> Reply:
    """`/quiz help`: one line per command."""
    rows = tuple((usage((c,)), summary(c)) for c in commands)
    notes = (
        "Answer a question by replying in its thread. Code answers go in a ```python (or ```sql) block.",
        f"`{PREFIX} help <command>` explains one command and its options.",
    )
    return Reply.of(HelpCard(ReplyKind.HELP, "ScreenPrep commands", rows, notes))


def command_help(path: Sequence[Command]) -> Reply:
    """One command: a group lists its sub-commands, a command its parameters."""
    command = path[-1]
    notes = (command.note,) if command.note else ()
    if command.subcommands:
        rows = tuple((usage((*path, sub)), summary(sub)) for sub in command.subcommands)
        card = HelpCard(ReplyKind.COMMAND_HELP, command.title or usage(path), rows, notes, summary(command))
    else:
        rows = tuple((_shown(p), p.help + (" (admins)" if p.admin else "")) for p in command.params)
        columns = ("Option", "What it is")
        title = command.title or usage(path)
        card = HelpCard(ReplyKind.COMMAND_HELP, title, rows, notes, summary(command), columns, usage(path))
    return Reply.of(card)
