"""`/quiz mock start`'s parameters, and the request they make: mode, plan and the people named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.commands import Kind, Param
from bot.errors import UserError
from bot.events import PersonRef
from bot.mock._rounds import Plan

_MINUTES = re.compile(r"^(?P<n>[0-9]{1,4})(?P<unit>m|min|mins|minutes)?$")


def _minutes(word: str) -> int:
    """`30` or `30m` / `30min`."""
    match = _MINUTES.match(word.lower())
    if match is None:
        raise UserError("`minutes` takes a whole number, e.g. `minutes=30`.")
    return int(match["n"])


START_PARAMS = (
    Param("pair", "A pair round: the first person interviews the second.", Kind.FLAG, optional=True),
    Param(
        "minutes",
        "Length of the round.",
        Kind.INTEGER,
        optional=True,
        aliases=("mins", "min", "m"),
        placeholder="minutes=45",
        accepts=lambda word: _MINUTES.match(word.lower()) is not None,
        convert=_minutes,
    ),
    Param(
        "technical",
        "Technical questions (0-6).",
        Kind.INTEGER,
        optional=True,
        aliases=("tech", "t"),
        placeholder="technical=3",
    ),
    Param(
        "behavioral",
        "Behavioral questions (0-6).",
        Kind.INTEGER,
        optional=True,
        aliases=("behavioural", "beh", "b"),
        placeholder="behavioral=1",
    ),
    Param(
        "people",
        "Participants; for a pair, interviewer then candidate.",
        Kind.PERSON,
        optional=True,
        many=True,
        placeholder="@people",
    ),
)


@dataclass(frozen=True)
class StartRequest:
    pair: bool
    plan: Plan
    mentions: tuple[PersonRef, ...]


def start_request(
    pair: bool,
    minutes: int | None,
    technical: int | None,
    behavioral: int | None,
    people: tuple[PersonRef, ...],
) -> StartRequest:
    """Numbers left out keep the plan's defaults; `pair` needs exactly two people."""
    if pair and len(people) != 2:
        raise UserError(
            "A pair round names two people, the interviewer first: "
            "`/quiz mock start pair @interviewer @candidate [minutes] ...`."
        )
    chosen = {"minutes": minutes, "technical": technical, "behavioral": behavioral}
    plan = Plan(**{name: value for name, value in chosen.items() if value is not None})
    plan.check()
    return StartRequest(pair, plan, people)
