"""Words (or a platform's typed options) into the keyword arguments a command's handler declares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.commands._declare import Command, Kind, Param
from bot.errors import UserError
from bot.events import OptionValue, PersonRef
from bot.people import parse_person, person_or_name

WORD = re.compile(r"\S+")
_INTEGER = re.compile(r"^[0-9]{1,6}$")

Given = dict[str, list[Any]]


@dataclass(frozen=True)
class Arguments:
    values: dict[str, Any]
    """The handler's keyword arguments, typed."""
    admin_for: str | None
    """The first parameter given that needs an admin."""


def arguments(command: Command, rest: str, options: Mapping[str, OptionValue] | None = None) -> Arguments:
    """From the words after the command, or from a platform's typed options."""
    given = parse_words(command, rest) if options is None else given_options(command, options)
    admin_for = next((p.name for p in command.params if p.admin and p.name in given), None)
    return Arguments(typed_values(command, given), admin_for)


def parse_words(command: Command, rest: str) -> Given:
    """Place each word: `name=value`, a keyword and its value, a flag, or the first open slot that fits."""
    tokens = list(WORD.finditer(rest))
    given: Given = {}
    index = 0
    while index < len(tokens):
        index = _place(command, given, tokens, index, rest)
    return given


def _place(command: Command, given: Given, tokens: list[re.Match[str]], index: int, rest: str) -> int:
    """Record the word at `index` (and any words it takes with it); the index of the next word."""
    word = tokens[index].group()
    key, equals, value = word.partition("=")
    named = command.param(key) if equals else None
    if named is not None and named.kind is not Kind.FLAG:
        if named.kind is Kind.TEXT:
            return _put_rest(given, named, rest[tokens[index].start() + len(key) + 1 :], len(tokens))
        _put(given, named, value)
        return index + 1
    keyword = command.param(word)
    if keyword is not None and keyword.kind is Kind.FLAG:
        _put(given, keyword, True)
        return index + 1
    if keyword is not None and keyword.keyword:
        if keyword.kind is Kind.TEXT:
            return _put_rest(given, keyword, rest[tokens[index].end() :], len(tokens))
        if index + 1 == len(tokens):
            raise UserError(f"`{keyword.name}` needs a value after it.")
        _put(given, keyword, tokens[index + 1].group())
        return index + 2
    slot = _open_slot(command, given, word)
    if slot is None and not command.params:
        raise UserError("This command takes no more words.")
    if slot is None:
        raise UserError(f"`{word[:40]}` is not an option here.")
    if slot.kind is Kind.TEXT:
        return _put_rest(given, slot, rest[tokens[index].start() :], len(tokens))
    _put(given, slot, word)
    return index + 1


def _put_rest(given: Given, param: Param, text: str, end: int) -> int:
    _put(given, param, text.strip())
    return end


def _put(given: Given, param: Param, value: Any) -> None:
    if param.name in given and not param.many:
        raise UserError(f"`{param.name}` is given twice.")
    given.setdefault(param.name, []).append(value)


def _open_slot(command: Command, given: Given, word: str) -> Param | None:
    """The first positional parameter whose kind or choices claim the word, else the first that takes any."""
    open_slots = [
        p
        for p in command.params
        if not p.keyword and p.kind is not Kind.FLAG and (p.many or p.name not in given)
    ]
    for param in open_slots:
        if _claims(param, word):
            return param
    return next((p for p in open_slots if _takes_anything(p)), None)


def _claims(param: Param, word: str) -> bool:
    if param.accepts is not None:
        return param.accepts(word)
    if param.choices:
        return word.lower() in param.choices
    if param.kind is Kind.INTEGER:
        return bool(_INTEGER.fullmatch(word))
    if param.kind is Kind.PERSON:
        return parse_person(word) is not None
    return False


def _takes_anything(param: Param) -> bool:
    """A plain word slot; one person may also be named plainly (`/quiz stats bob`), a list of them may not."""
    if param.kind is Kind.PERSON:
        return not param.many
    return param.accepts is None and not param.choices and param.kind is not Kind.INTEGER


def given_options(command: Command, options: Mapping[str, OptionValue]) -> Given:
    """A platform's typed options by name; a list of people or words arrives as one text option."""
    given: Given = {}
    for name, value in options.items():
        param = command.param(name)
        if param is None:
            raise UserError(f"`{name[:30]}` is not an option here.")
        if param.many and isinstance(value, str):
            given[param.name] = value.split()
        else:
            given[param.name] = [value]
    return given


def typed_values(command: Command, given: Given) -> dict[str, Any]:
    """Every declared parameter as a keyword: converted, or None / () / False when not given."""
    values: dict[str, Any] = {}
    for param in command.params:
        raw = given.get(param.name, [])
        if not raw and not param.optional:
            raise UserError(f"`{param.name}` is missing.")
        converted = [_convert(param, value) for value in raw]
        if param.many:
            values[param.name] = tuple(converted)
        elif param.kind is Kind.FLAG:
            values[param.name] = bool(converted and converted[0])
        else:
            values[param.name] = converted[0] if converted else None
    return values


def _convert(param: Param, value: OptionValue) -> Any:
    if isinstance(value, PersonRef | bool):
        return value
    text = str(value)
    if param.kind is Kind.PERSON:
        person = parse_person(text) if param.many else person_or_name(text)
        if person is None:
            raise UserError(f"`{text[:40]}` is not a person; name them with an @-mention.")
        return person
    if param.kind is Kind.TEXT and not text:
        raise UserError(f"`{param.name}` is missing.")
    if param.choices and param.accepts is None and text.lower() not in param.choices:
        raise UserError(f"`{param.name}` is one of {', '.join(param.choices)}, not `{text[:30]}`.")
    if param.convert is not None:
        return param.convert(text)
    if param.kind is Kind.INTEGER:
        if not _INTEGER.fullmatch(text):
            raise UserError(f"`{param.name}` takes a whole number, e.g. `{param.name}=2`.")
        return int(text)
    return text.lower() if param.choices else text
