"""Settings words people type: weights refused with a reason, never an exception from int()."""

from __future__ import annotations

import pytest

from bot.daily._parsing import parse_weights
from bot.errors import UserError
from questions import DEFAULT_WEIGHTS, Category


@pytest.mark.parametrize("word", ["math=²", "math=4²", "dl=" + "9" * 5000, "coding=-1", "math=1001"])
def test_weights_that_are_not_whole_numbers_in_range_are_refused(word):
    with pytest.raises(UserError, match="whole number from 0 to 1000"):
        parse_weights([word], DEFAULT_WEIGHTS)


def test_a_weight_in_range_is_read():
    assert parse_weights(["math=7"], DEFAULT_WEIGHTS)[Category.MATH_STATS] == 7
