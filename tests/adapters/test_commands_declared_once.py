"""One declaration feeds every surface: help, the console's completion and Discord's command tree."""

from __future__ import annotations

from datetime import time

import discord
from discord import app_commands

from adapters.console._complete import completions
from adapters.discord._commands import build_quiz_group
from bot.commands import Command, CommandRegistry, Kind, Param
from bot.daily._parsing import parse_time
from bot.events import PersonRef


async def _remind(ctx, at: time, person: PersonRef | None) -> None:
    return None


def _team_registry() -> CommandRegistry:
    """A registry with one new group, `/quiz team`, and its sub-command `remind` of two typed parameters."""
    remind = Command(
        "remind",
        "Remind someone to practise.",
        _remind,
        (
            Param("at", "When.", placeholder="HH:MM", convert=parse_time),
            Param("person", "Who; you by default.", Kind.PERSON, optional=True),
        ),
    )
    registry = CommandRegistry()
    registry.add(Command("team", "Team things.", subcommands=(remind,)))
    return registry


def test_one_sub_command_declaration_feeds_help_completion_and_discord():
    """Adding `/quiz team remind <at> [person]` is its declaration and its handler, nothing else."""
    registry = _team_registry()
    help_card = registry.help_for("team")
    assert help_card.view.commands == ("/quiz team remind HH:MM [<person>]",)
    assert completions(registry, "/quiz team re") == ["remind"]
    assert completions(registry, "/quiz t") == ["team"]

    async def run(interaction, words, options) -> None:
        return None

    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    quiz = build_quiz_group(registry, run).to_dict(tree)
    [team] = quiz["options"]
    [remind] = team["options"]
    assert (team["name"], team["type"], remind["name"], remind["type"]) == ("team", 2, "remind", 1)
    options = {o["name"]: (o["type"], o.get("required", False)) for o in remind["options"]}
    assert options == {"at": (3, True), "person": (6, False)}, "a person is a Discord user picker"
