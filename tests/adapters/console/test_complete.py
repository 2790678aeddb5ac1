"""Tab completion in the terminal comes from the core's command declarations."""

from __future__ import annotations

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from adapters.console._complete import CommandCompleter, completions


def test_slash_words_commands_sub_commands_and_choices(core):
    registry = core.registry
    assert completions(registry, "/q") == ["/quiz"]
    assert completions(registry, "/quiz sch") == ["schedule"]
    assert completions(registry, "/quiz mock st") == ["start", "status"]
    assert completions(registry, "/quiz visibility ") == ["open", "private"]
    assert completions(registry, "/quiz leaderboard week ") == [
        "behavioral",
        "channel",
        "deep-learning",
        "math-stats",
        "ml-coding",
        "resume",
        "since",
        "team",
    ]
    assert "confirm" in completions(registry, "/quiz forget-me ")
    assert completions(registry, "an answer") == []


def test_time_zones_and_topics_are_suggested(core):
    assert completions(core.registry, "/quiz schedule 09:00 Europe/Ber") == ["Europe/Berlin"]
    assert completions(core.registry, "/quiz drop") == ["dropout"]


def test_the_prompt_completer_replaces_the_word_being_typed(core):
    completer = CommandCompleter(core.registry)
    [completion] = completer.get_completions(
        Document("/quiz mock opti"), CompleteEvent(completion_requested=True)
    )
    assert (completion.text, completion.start_position) == ("optin", -4)
