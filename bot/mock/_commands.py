"""`/quiz mock ...`: one registry command whose first word picks the sub-command."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.commands import Command, CommandRegistry
from bot.context import Context
from bot.errors import NotAllowed, UserError
from bot.mock import _views as views
from bot.mock._parsing import parse_start
from bot.mock._service import MockService

SubCommand = Callable[[Context, list[str]], Awaitable[None]]


def register(registry: CommandRegistry, mock: MockService) -> None:
    def plain(action: Callable[[Context], Awaitable[None]], usage: str) -> SubCommand:
        async def run(ctx: Context, args: list[str]) -> None:
            if args:
                raise UserError(f"`{usage}` takes no more words.")
            await action(ctx)

        return run

    async def start(ctx: Context, args: list[str]) -> None:
        await mock.start(ctx, parse_start(args))

    async def pairing(ctx: Context, args: list[str]) -> None:
        choice = args[0].lower() if len(args) == 1 else ""
        if not args:
            await ctx.send(await mock.pairing.card(ctx))
        elif choice not in ("on", "off"):
            raise UserError("Usage: `/quiz mock pairing [on|off]`.")
        elif not ctx.actor.is_admin:
            raise NotAllowed("Only admins can turn weekly pairing on or off.")
        else:
            await mock.pairing.set_enabled(ctx, choice == "on")

    async def optin(ctx: Context) -> None:
        await mock.pairing.opt(ctx, join=True)

    async def optout(ctx: Context) -> None:
        await mock.pairing.opt(ctx, join=False)

    async def show_help(ctx: Context) -> None:
        await ctx.send(views.help_card())

    subcommands: dict[str, SubCommand] = {
        "start": start,
        "join": plain(mock.join, "/quiz mock join"),
        "next": plain(mock.next, "/quiz mock next"),
        "pause": plain(mock.pause, "/quiz mock pause"),
        "resume": plain(mock.resume, "/quiz mock resume"),
        "end": plain(mock.end, "/quiz mock end"),
        "status": plain(mock.status, "/quiz mock status"),
        "pairing": pairing,
        "optin": plain(optin, "/quiz mock optin"),
        "optout": plain(optout, "/quiz mock optout"),
        "help": plain(show_help, "/quiz mock help"),
    }

    async def dispatch(ctx: Context, args: list[str]) -> None:
        word = args[0].lower() if args else "help"
        if word not in subcommands:
            raise UserError(f"`/quiz mock {word[:30]}` is not a mock command; `/quiz mock help` lists them.")
        await subcommands[word](ctx, args[1:])

    registry.add(
        Command(
            "mock",
            "/quiz mock start|join|next|pause|resume|end|status|pairing|optin [options]",
            "Timed mock phone screens: group rounds, pair rounds with an interviewer, weekly pairs.",
            dispatch,
        )
    )
