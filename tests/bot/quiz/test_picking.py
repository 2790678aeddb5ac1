"""Daily picks: shares follow the weights, nothing repeats early, and a slot always picks the same."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.quiz import preview_slots
from bot.schedule import Schedule, upcoming
from questions import DEFAULT_WEIGHTS, Category

WEEKDAYS_0900_BERLIN = Schedule(time(9), ZoneInfo("Europe/Berlin"), frozenset(range(5)), time(17))
START = datetime(2026, 3, 20, tzinfo=UTC)


def preview(bank, weights, count=1000, channel_id=0):
    slots = itertools.islice(upcoming(WEEKDAYS_0900_BERLIN, START), count)
    return list(preview_slots(bank, weights, slots, channel_id))


@pytest.mark.parametrize(
    "weights",
    [
        DEFAULT_WEIGHTS,
        {**DEFAULT_WEIGHTS, Category.BEHAVIORAL: 15},
        {Category.MATH_STATS: 1, Category.ML_CODING: 1, Category.DEEP_LEARNING: 1, Category.RESUME: 97},
        {Category.DEEP_LEARNING: 5, Category.BEHAVIORAL: 5},
    ],
)
def test_shares_over_1000_slots_are_within_3_points_of_the_weights(bank, weights):
    drawn = Counter(q.category for _, q in preview(bank, weights))
    total = sum(weights.values())
    for category in Category:
        expected = 100 * weights.get(category, 0) / total
        assert abs(100 * drawn[category] / 1000 - expected) <= 3, (category, drawn)


@pytest.mark.parametrize("channel_id", range(5))
def test_counts_stay_within_3_posts_of_target_at_every_point_not_just_at_the_end(bank, channel_id):
    counts: Counter = Counter()
    total = sum(DEFAULT_WEIGHTS.values())
    for n, (_, question) in enumerate(preview(bank, DEFAULT_WEIGHTS, 1000, channel_id), start=1):
        counts[question.category] += 1
        for category, weight in DEFAULT_WEIGHTS.items():
            assert counts[category] <= n * weight / total + 1, "never ahead of its share by a whole post"
            assert abs(counts[category] - n * weight / total) <= 3


def test_no_question_repeats_before_its_category_is_exhausted(bank):
    seen: dict[Category, list[str]] = {c: [] for c in Category}
    for _, question in preview(bank, DEFAULT_WEIGHTS):
        used = seen[question.category]
        size = len(bank.in_category(question.category))
        if question.id in used:
            assert len(used) >= size, f"{question.id} came back before {question.category} was used up"
            cycle = len(used) // size * size
            assert question.id not in used[cycle:], "within a cycle each question appears once"
        used.append(question.id)


def test_after_exhaustion_the_oldest_used_comes_back_first(bank):
    math = [
        q.id
        for _, q in preview(
            bank, {Category.MATH_STATS: 1}, count=len(bank.in_category(Category.MATH_STATS)) + 3
        )
    ]
    size = len(bank.in_category(Category.MATH_STATS))
    assert math[size : size + 3] == math[:3]


def test_the_same_channel_and_slot_always_pick_the_same_question(bank):
    assert preview(bank, DEFAULT_WEIGHTS, 50) == preview(bank, DEFAULT_WEIGHTS, 50)
    other_channel = preview(bank, DEFAULT_WEIGHTS, 50, channel_id=7)
    assert [q.id for _, q in other_channel] != [q.id for _, q in preview(bank, DEFAULT_WEIGHTS, 50)]


def test_a_later_start_is_a_different_but_equally_fair_sequence(bank):
    later = list(
        preview_slots(
            bank,
            DEFAULT_WEIGHTS,
            itertools.islice(upcoming(WEEKDAYS_0900_BERLIN, START + timedelta(days=3)), 1000),
        )
    )
    drawn = Counter(q.category for _, q in later)
    assert abs(drawn[Category.MATH_STATS] / 10 - 40) <= 3
