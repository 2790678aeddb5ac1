from __future__ import annotations

import pytest

from adapters.console import messages, render
from bot import Actor, Reply, Visibility
from bot.replies import Button, Buttons, Code, Fields, Heading, Notice, Table, Text, Tone


def test_every_block_renders_to_plain_text():
    reply = Reply(
        "sample",
        (
            Heading("Title"),
            Text("A *bold* word"),
            Code("x = 1\n"),
            Fields((("Category", "Deep learning"), ("Difficulty", "hard"))),
            Notice("Careful", Tone.WARNING),
            Buttons((Button("Hint", "quiz:hint:3"), Button("Reveal", "quiz:reveal:3"))),
            Table(("#", "Name"), (("1", "alice"), ("2", "bob"))),
        ),
        Visibility.EPHEMERAL,
        Actor("console", "a", "alice"),
    )
    assert render(reply).splitlines() == [
        "(private to alice)",
        "Title",
        "A bold word",
        "```python",
        "x = 1",
        "```",
        "Category: Deep learning · Difficulty: hard",
        "! Careful",
        "[/1] Hint  [/2] Reveal",
        "#  Name",
        "-  -----",
        "1  alice",
        "2  bob",
    ]


def test_colour_only_when_asked():
    reply = Reply("n", (Notice("ok", Tone.SUCCESS),))
    assert "\x1b[32m" in render(reply, color=True)
    assert "\x1b" not in render(reply, color=False)


def test_reply_without_blocks_still_says_something():
    assert render(Reply("empty", ())) == "empty"


async def _lines(*lines: str):
    for line in lines:
        yield line


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["a\n", "b\n"], ["a", "b"]),
        (
            ["```python\n", "x = 1\n", "\n", "y = 2\n", "```\n", "after\n"],
            ["```python\nx = 1\n\ny = 2\n```", "after"],
        ),
        (["here: ```python\n", "x = 1```\n"], ["here: ```python\nx = 1```"]),
        (["```python\n", "never closed\n"], ["```python\nnever closed\n```"]),
    ],
)
async def test_fenced_blocks_join_into_one_message(lines, expected):
    assert [m async for m in messages(_lines(*lines))] == expected


def test_chat_emphasis_never_shows_as_asterisks_and_arithmetic_keeps_its_stars():
    reply = Reply("n", (Notice("Use *Answer privately* for a * b * c", Tone.INFO), Fields((("Tip", "*x*"),))))
    assert render(reply).splitlines() == ["ℹ Use Answer privately for a * b * c", "Tip: x"]


def test_buttons_are_numbered_across_blocks_in_reply_order():
    first = Buttons((Button("Hint", "quiz:hint:3"),))
    second = Buttons((Button("Covered", "mock:mark:1:0"), Button("Missed", "mock:mark:1:1")))
    assert render(Reply("n", (first, second))).splitlines() == [
        "[/1] Hint",
        "[/2] Covered  [/3] Missed",
    ]


def test_a_table_wraps_its_widest_column_to_the_width_it_is_given():
    long = "Rank people by points, with answers, average score and current streak, in any order."
    table = Table(("Command", "What it does"), (("/quiz leaderboard", long), ("/quiz", "Post a question")))
    lines = render(Reply("n", (table,)), width=50).splitlines()
    assert max(len(line) for line in lines) <= 50
    assert " ".join(line[19:].strip() for line in lines[2:-1]) == long
    assert render(Reply("n", (table,))).splitlines()[2].endswith(long), "piped output never wraps"
