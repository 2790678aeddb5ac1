"""The action-id codec: what the core and the adapters agree a button id means."""

from __future__ import annotations

import re

import pytest

from bot.actions import ID_PATTERN, ID_TEMPLATE, MockAction, MockVerb, QuizAction, QuizVerb, decode


@pytest.mark.parametrize(
    "action",
    [
        QuizAction(QuizVerb.ANSWER, 7),
        QuizAction(QuizVerb.REVEAL, 99_999_999),
        MockAction(MockVerb.RECOMMEND, 3, "strong-yes"),
        MockAction(MockVerb.HIT, 12, "0-4"),
    ],
)
def test_every_action_survives_the_round_trip(action):
    assert decode(action.encode()) == action


def test_ids_keep_the_shape_buttons_on_old_posts_carry():
    assert QuizAction(QuizVerb.HINT, 12).encode() == "quiz:hint:12"
    assert MockAction(MockVerb.RECOMMEND, 3, "strong-yes").encode() == "mock:rec:3:strong-yes"


@pytest.mark.parametrize(
    "action_id",
    ["", "quiz:poke:1", "quiz:hint:x", "quiz:hint:1:extra", "mock:rec:3", "mock:rec:3:UPPER", "zzz:hint:1"],
)
def test_ids_the_core_does_not_know_decode_to_nothing(action_id):
    assert decode(action_id) is None


def test_adapters_route_every_id_of_the_shape_so_the_core_can_explain_unknown_ones():
    assert ID_PATTERN.match("zzz:poke:1") and ID_PATTERN.match("mock:rec:3:strong-yes")
    assert not ID_PATTERN.match("hint") and not ID_PATTERN.match("quiz:hint:1 trailing")
    assert re.fullmatch(ID_TEMPLATE, "quiz:code:5")
