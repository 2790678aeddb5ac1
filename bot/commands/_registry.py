"""The one command registry and dispatcher: every adapter derives its command surface from it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bot.commands._declare import Command, Kind
from bot.commands._help import command_help, usage
from bot.commands._parse import WORD, arguments, parse_words
from bot.context import Context
from bot.errors import NotAllowed, UserError
from bot.events import OptionValue
from bot.replies import Reply

HELP_WORD = "help"


@dataclass(frozen=True)
class Resolved:
    """The commands a line names, outermost first, and the text left for the last one's parameters."""

    path: tuple[Command, ...]
    rest: str

    @property
    def command(self) -> Command:
        return self.path[-1]


class CommandRegistry:
    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> None:
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} is registered twice")
        self._commands[command.name] = command

    def get(self, name: str) -> Command:
        return self._commands[name]

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def names(self) -> list[str]:
        return [name for name in self._commands if name]

    def resolve(self, text: str) -> Resolved:
        """The command words at the start of `text`; words no command claims go to the default command."""
        words = list(WORD.finditer(text))
        first = words[0].group().lower() if words else ""
        if not first or first not in self._commands:
            if "" not in self._commands:
                raise UserError(f"`{first[:40]}` is not a command; `/quiz help` lists them.")
            return Resolved((self._commands[""],), text.strip())
        path = [self._commands[first]]
        index = 1
        while index < len(words) and (sub := path[-1].sub(words[index].group().lower())) is not None:
            path.append(sub)
            index += 1
        return Resolved(tuple(path), text[words[index].start() :] if index < len(words) else "")

    async def dispatch(self, ctx: Context, text: str, options: Mapping[str, OptionValue] | None) -> None:
        """Check who may, parse, and call the handler with typed values; mistakes get the usage line."""
        found = self.resolve(text)
        command = found.command
        if command.subcommands:
            await ctx.send(self._group_help(found))
            return
        if any(c.admin for c in found.path) and not ctx.actor.is_admin:
            raise NotAllowed(f"Only admins can use `{usage(found.path)}`.")
        try:
            parsed = arguments(command, found.rest, options)
        except UserError as exc:
            raise UserError(f"{exc.message} Usage: `{usage(found.path)}`.") from None
        if parsed.admin_for and not ctx.actor.is_admin:
            raise NotAllowed(f"Only admins can use `{usage(found.path)}` with `{parsed.admin_for}`.")
        assert command.handler is not None
        await command.handler(ctx, **parsed.values)

    def _group_help(self, found: Resolved) -> Reply:
        """A group's name alone, or with `help`, lists its sub-commands; another word is a mistake."""
        word = found.rest.split(maxsplit=1)[0] if found.rest.strip() else HELP_WORD
        if word.lower() != HELP_WORD:
            name = " ".join(c.name for c in found.path)
            raise UserError(
                f"`/quiz {name} {word[:30]}` is not a {name} command; `/quiz {name} help` lists them."
            )
        return command_help(found.path)

    def help_for(self, text: str) -> Reply:
        """`/quiz help mock start`: the named command's own help."""
        found = self.resolve(text)
        if not found.path[-1].name and text.strip():
            raise UserError(f"`{text.strip()[:40]}` is not a command; `/quiz help` lists them.")
        return command_help(found.path)

    def complete(self, typed: str) -> list[str]:
        """What may come next after `/quiz <typed>`: sub-commands, option names, choices, suggestions."""
        done, _, partial = typed.rpartition(" ")
        if not done.strip():
            default = self._commands.get("")
            candidates = [*self.names(), *(_next_words(default, [], partial) if default else [])]
        else:
            found = self.resolve(done)
            if found.command.subcommands:
                subs = [*(c.name for c in found.command.subcommands), HELP_WORD]
                candidates = [] if found.rest.strip() else subs
            else:
                candidates = _next_words(found.command, found.rest.split(), partial)
        folded = partial.casefold()
        return sorted({c for c in candidates if c.casefold().startswith(folded)})


def _next_words(command: Command, written: list[str], partial: str) -> list[str]:
    """After a keyword, its values; otherwise unused keywords and flags, and values for open slots."""
    previous = command.param(written[-1]) if written else None
    if previous is not None and previous.keyword and previous.kind is not Kind.TEXT:
        return [s.value for s in previous.suggestions(partial)]
    try:
        given = parse_words(command, " ".join(written))
    except UserError:
        given = {}
    unused = [p for p in command.params if p.many or p.name not in given]
    named = [p.name for p in unused if p.keyword or p.kind is Kind.FLAG]
    return named + [
        s.value for p in unused if not p.keyword and p.kind is not Kind.FLAG for s in p.suggestions(partial)
    ]
