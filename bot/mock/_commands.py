"""`/quiz mock ...`: a command group, one declared sub-command per action."""

from __future__ import annotations

from bot.commands import Command, CommandRegistry, Param
from bot.context import Context
from bot.events import PersonRef
from bot.mock._parsing import START_PARAMS, start_request
from bot.mock._service import MockService

NOTE = (
    "A round runs like a real phone screen: technical questions first, behavioral ones last, "
    "each with its share of the clock and a warning at 2 minutes left."
)


def register(registry: CommandRegistry, mock: MockService) -> None:
    async def start(
        ctx: Context,
        pair: bool,
        minutes: int | None,
        technical: int | None,
        behavioral: int | None,
        people: tuple[PersonRef, ...],
    ) -> None:
        await mock.start(ctx, start_request(pair, minutes, technical, behavioral, people))

    async def pairing(ctx: Context, switch: str | None) -> None:
        if switch is None:
            await ctx.send(await mock.pairing.card(ctx))
        else:
            await mock.pairing.set_enabled(ctx, switch == "on")

    async def optin(ctx: Context) -> None:
        await mock.pairing.opt(ctx, join=True)

    async def optout(ctx: Context) -> None:
        await mock.pairing.opt(ctx, join=False)

    switch = Param(
        "switch", "Turn weekly pairing on or off.", choices=("on", "off"), optional=True, admin=True
    )
    registry.add(
        Command(
            "mock",
            "Timed mock phone screens: group rounds, pair rounds with an interviewer, weekly pairs.",
            subcommands=(
                Command(
                    "start",
                    "Start a group round here, or a pair round with `pair @interviewer @candidate`.",
                    start,
                    START_PARAMS,
                ),
                Command("join", "Take part in the group round running here.", mock.join),
                Command("status", "The question, time left and who has answered.", mock.status),
                Command("next", "Close the question and move on (host or admin).", mock.next),
                Command("pause", "Stop the clock (host or admin).", mock.pause),
                Command("resume", "Restart the clock (host or admin).", mock.resume),
                Command("end", "End the round and send the scorecards (host or admin).", mock.end),
                Command("pairing", "Weekly practice pairs: show, or turn on/off.", pairing, (switch,)),
                Command("optin", "Join the weekly pairing.", optin),
                Command("optout", "Leave the weekly pairing.", optout),
            ),
            title="Mock phone screens",
            note=NOTE,
        )
    )
