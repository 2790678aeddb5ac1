from __future__ import annotations

import pytest

from bot.commands import Command, CommandRegistry


async def _noop(ctx, args):
    return None


def test_registered_names_are_unique_and_resolvable(core):
    names = core.registry.names()
    assert len(names) == len(set(names))
    for name in names:
        command, args = core.registry.resolve(f"{name.upper()} extra words")
        assert (command.name, args) == (name, ["extra", "words"])


def test_unclaimed_words_go_to_the_default_command(core):
    command, args = core.registry.resolve("dropout")
    assert (command.name, args) == ("", ["dropout"])


def test_duplicate_registration_is_refused():
    registry = CommandRegistry()
    registry.add(Command("hint", "/quiz hint", "x", _noop))
    with pytest.raises(ValueError, match="twice"):
        registry.add(Command("hint", "/quiz hint", "y", _noop))
