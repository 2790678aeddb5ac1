"""The registry and dispatcher: names resolve, words become typed arguments, mistakes get the usage line."""

from __future__ import annotations

from datetime import time

import pytest

from bot.commands import Command, CommandRegistry, Kind, Param, arguments, usage
from bot.daily._parsing import parse_time
from bot.errors import UserError
from bot.events import PersonRef


async def _noop(ctx) -> None:
    return None


def test_registered_names_are_unique_and_resolvable(core):
    names = core.registry.names()
    assert len(names) == len(set(names))
    for name in names:
        found = core.registry.resolve(f"{name.upper()} extra words")
        assert (found.path[0].name, found.rest) == (name, "extra words")


def test_unclaimed_words_go_to_the_default_command(core):
    found = core.registry.resolve("dropout")
    assert (found.command.name, found.rest) == ("", "dropout")


def test_a_group_resolves_to_its_sub_command(core):
    found = core.registry.resolve("mock START 30 @bob")
    assert [c.name for c in found.path] == ["mock", "start"] and found.rest == "30 @bob"


def test_duplicate_registration_is_refused():
    registry = CommandRegistry()
    registry.add(Command("hint", "x", _noop))
    with pytest.raises(ValueError, match="twice"):
        registry.add(Command("hint", "y", _noop))


def test_a_handler_that_does_not_take_the_declared_parameters_is_refused():
    with pytest.raises(TypeError, match="declaration says"):
        Command("hint", "x", _noop, (Param("how", "..."),))


async def _remind(ctx, at: time, person: PersonRef | None) -> None:
    return None


REMIND = Command(
    "remind",
    "Remind someone to practise.",
    _remind,
    (
        Param("at", "When.", placeholder="HH:MM", convert=parse_time),
        Param("person", "Who; you by default.", Kind.PERSON, optional=True),
    ),
)


def test_words_become_typed_arguments():
    parsed = arguments(REMIND, "<@U1|bob> 9am")
    assert parsed.values == {"at": time(9), "person": PersonRef("<@U1|bob>", external_id="U1", name="bob")}
    assert arguments(REMIND, "person=@carol at=18:30").values["at"] == time(18, 30)
    typed = arguments(REMIND, "", {"at": "07:15", "person": PersonRef("<@9>", external_id="9")})
    assert typed.values["person"].external_id == "9"


@pytest.mark.parametrize(
    ("rest", "message"),
    [
        ("", "`at` is missing"),
        ("noon", "not a time"),
        ("9am @bob @carol", "`@carol` is not an option"),
        ("at=9am at=10am", "given twice"),
    ],
)
def test_mistakes_get_a_short_message(rest, message):
    with pytest.raises(UserError, match=message):
        arguments(REMIND, rest)


async def test_a_mistake_through_the_core_shows_the_generated_usage_line(flow, core):
    [notice] = await flow.as_user("boss", admin=True).command("schedule 09:00 UTC mon-fri extra")
    schedule = core.registry.get("schedule")
    assert notice.blocks[0].text.endswith(f"Usage: `{usage((schedule,))}`.")
    assert usage((schedule,)) == "/quiz schedule HH:MM [TZ] [days]"


async def test_per_command_help_lists_its_options(flow):
    [card] = await flow.command("help leaderboard")
    assert card.kind == "command-help" and card.view.commands[0].startswith("/quiz leaderboard")
    [table] = [b for b in card.blocks if hasattr(b, "rows")]
    assert [row[0] for row in table.rows] == [
        "[week|month|all|season]",
        "[since YYYY-MM-DD]",
        "[math-stats|ml-coding|deep-learning|resume|behavioral]",
        "[channel|team]",
    ]
