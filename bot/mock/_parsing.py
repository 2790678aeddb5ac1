"""Words of `/quiz mock start` into a request: mode, plan and the people mentioned."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

from bot.errors import UserError
from bot.mock._rounds import Plan

START_USAGE = (
    "`/quiz mock start [minutes=45] [technical=3] [behavioral=1] [@participants...]`, "
    "or `/quiz mock start pair @interviewer @candidate [minutes=45] ...`"
)
_PLATFORM_MENTION = re.compile(r"^<@!?(?P<id>[A-Za-z0-9_.-]+)(?:\|(?P<name>[^>]*))?>$")
_NAME_MENTION = re.compile(r"^@(?P<name>[^\s@<>]{1,64})$")
_NUMBER = re.compile(r"^(?P<n>\d{1,4})(?P<unit>m|min|mins|minutes)?$")
_KEYS = {
    "minutes": "minutes",
    "mins": "minutes",
    "min": "minutes",
    "m": "minutes",
    "technical": "technical",
    "tech": "technical",
    "t": "technical",
    "behavioral": "behavioral",
    "behavioural": "behavioral",
    "beh": "behavioral",
    "b": "behavioral",
}


@dataclass(frozen=True)
class Mention:
    """Someone named in a command: by platform id (`<@U123>`) or by display name (`@alice`)."""

    raw: str
    external_id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class StartRequest:
    pair: bool
    plan: Plan
    mentions: tuple[Mention, ...]


def parse_mention(word: str) -> Mention | None:
    if match := _PLATFORM_MENTION.match(word):
        return Mention(word, external_id=match["id"], name=match["name"] or None)
    if match := _NAME_MENTION.match(word):
        return Mention(word, name=match["name"])
    return None


def parse_start(words: Sequence[str]) -> StartRequest:
    """Options by name (`minutes=30`) or in order (`30 2 1`); `pair` needs exactly two people."""
    pair, named, ordered, mentions = False, {}, [], []
    for word in words:
        if word.lower() == "pair":
            pair = True
        elif (mention := parse_mention(word)) is not None:
            mentions.append(mention)
        elif "=" in word:
            key, _, value = word.lower().partition("=")
            named[_field(key)] = _number(value, key)
        elif match := _NUMBER.match(word.lower()):
            if match["unit"]:
                named["minutes"] = int(match["n"])
            else:
                ordered.append(int(match["n"]))
        else:
            raise UserError(f"`{word[:40]}` is not an option of `/quiz mock start`. Usage: {START_USAGE}")
    if pair and len(mentions) != 2:
        raise UserError(f"A pair round names two people, the interviewer first. Usage: {START_USAGE}")
    return StartRequest(pair, _plan(named, ordered), tuple(mentions))


def _plan(named: dict[str, int], ordered: list[int]) -> Plan:
    free = [f.name for f in fields(Plan) if f.name not in named]
    if len(ordered) > len(free):
        raise UserError(f"Too many numbers. Usage: {START_USAGE}")
    plan = Plan(**named, **dict(zip(free, ordered, strict=False)))
    plan.check()
    return plan


def _field(key: str) -> str:
    if key not in _KEYS:
        raise UserError(f"`{key[:30]}` is not an option; use minutes=, technical= or behavioral=.")
    return _KEYS[key]


def _number(value: str, key: str) -> int:
    if not value.isdecimal() or len(value) > 4:
        raise UserError(f"`{key}=` takes a whole number, e.g. `{key}=2`.")
    return int(value)
