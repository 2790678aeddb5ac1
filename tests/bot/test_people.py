"""The one mention grammar: Slack's and Discord's platform forms, and `@name`."""

from __future__ import annotations

import pytest

from bot.events import PersonRef
from bot.people import parse_person, person_or_name


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("<@U123ABC>", PersonRef("<@U123ABC>", external_id="U123ABC")),
        ("<@U1|alice>", PersonRef("<@U1|alice>", external_id="U1", name="alice")),
        ("<@!42>", PersonRef("<@!42>", external_id="42")),
        ("<@42>", PersonRef("<@42>", external_id="42")),
        ("@alice", PersonRef("@alice", name="alice")),
        ("alice", None),
        ("@", None),
        ("<#C1>", None),
    ],
)
def test_mentions_in_both_forms(word, person):
    assert parse_person(word) == person


def test_a_plain_word_is_a_display_name_only_where_one_person_is_asked_for():
    assert person_or_name("BOB") == PersonRef("BOB", name="BOB")
    assert person_or_name("<@U1|bob>") == PersonRef("<@U1|bob>", external_id="U1", name="bob")
