"""Pure pairing: fresh pairs while any exist, the oldest repeats first, one trio, the weekly slot."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.mock._pairing import due_week, next_pairing, pair_up, pairing_slot, week_rng, week_start
from bot.schedule import Schedule

MON_FRI = Schedule(time(9, 0), ZoneInfo("UTC"), frozenset(range(5)), time(17, 0))


def _pairs(groups) -> set[frozenset[int]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def _all_groupings(people: list[int], trio: bool):
    """Every split into pairs, with exactly one trio when `trio` (brute force, for small teams)."""
    if not people:
        if not trio:
            yield []
        return
    first, rest = people[0], people[1:]
    for other in rest:
        for tail in _all_groupings([p for p in rest if p != other], trio):
            yield [(first, other), *tail]
    if trio:
        for a, b in itertools.combinations(rest, 2):
            for tail in _all_groupings([p for p in rest if p not in (a, b)], False):
                yield [(first, a, b), *tail]


def _fresh_grouping_exists(people: list[int], used: set[frozenset[int]]) -> bool:
    return any(not (_pairs(g) & used) for g in _all_groupings(people, len(people) % 2 == 1))


def _valid(groups, count: int) -> bool:
    sizes = sorted(len(g) for g in groups)
    return sum(sizes) == count and sizes.count(3) == count % 2 and set(sizes) <= {2, 3}


@pytest.mark.parametrize("count", [4, 5, 6, 7, 8, 9])
@pytest.mark.parametrize("seed", range(5))
def test_no_pair_repeats_while_a_fresh_grouping_exists(count: int, seed: int):
    people = list(range(1, count + 1))
    history: list[list[frozenset[int]]] = []
    for week in range(6):
        groups = pair_up(people, history, random.Random(seed * 100 + week))
        assert _valid(groups, count)
        used = set().union(*(_pairs(g) for g in history)) if history else set()
        if _pairs(groups) & used:
            assert not _fresh_grouping_exists(people, used), f"week {week} repeated a pair needlessly"
        history.insert(0, [frozenset(g) for g in groups])


def test_eight_people_meet_someone_new_every_week_for_four_weeks():
    people = list(range(8))
    history: list[list[frozenset[int]]] = []
    for week in range(4):
        history.insert(0, [frozenset(g) for g in pair_up(people, history, random.Random(week))])
    pairs = [p for week in history for p in week]
    assert len(set(pairs)) == len(pairs) == 16


def test_when_a_repeat_is_forced_the_oldest_pair_comes_back():
    people = [1, 2, 3, 4]
    history = [
        [frozenset({1, 4}), frozenset({2, 3})],
        [frozenset({1, 3}), frozenset({2, 4})],
        [frozenset({1, 2}), frozenset({3, 4})],
    ]
    assert sorted(pair_up(people, history, random.Random(0))) == [(1, 2), (3, 4)]


def test_tiny_teams():
    assert pair_up([], [], random.Random(0)) == []
    assert pair_up([7], [], random.Random(0)) == []
    assert pair_up([1, 2, 3], [], random.Random(0)) == [(1, 2, 3)]
    assert pair_up([2, 1, 1], [], random.Random(0)) == [(1, 2)], "duplicates count once"


def test_pairs_are_posted_on_the_first_scheduled_day_of_the_week_at_post_time():
    monday = date(2026, 11, 23)
    assert pairing_slot(MON_FRI, monday) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    tue_thu = Schedule(time(8, 30), ZoneInfo("Europe/Berlin"), frozenset({1, 3}), time(17, 0))
    assert pairing_slot(tue_thu, monday) == datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    assert pairing_slot(Schedule(time(9), ZoneInfo("UTC"), frozenset(), time(17)), monday) is None


def test_the_due_week_and_the_next_pairing():
    since = datetime(2026, 11, 20, tzinfo=UTC)
    slot = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert due_week(MON_FRI, since, slot - timedelta(seconds=1)) is None
    assert due_week(MON_FRI, since, slot) == date(2026, 11, 23)
    assert due_week(MON_FRI, since, slot + timedelta(days=4)) == date(2026, 11, 23), (
        "still due later that week"
    )
    assert due_week(MON_FRI, slot + timedelta(hours=1), slot + timedelta(hours=2)) is None, (
        "turned on after it"
    )
    assert next_pairing(MON_FRI, since, slot) == slot + timedelta(weeks=1)
    assert next_pairing(MON_FRI, since, slot - timedelta(hours=1)) == slot
    assert week_start(datetime(2026, 11, 29, 23, 30, tzinfo=UTC), MON_FRI) == date(2026, 11, 23)


def test_the_weekly_shuffle_is_repeatable_per_channel_and_week():
    monday = date(2026, 11, 23)
    assert week_rng(1, monday).random() == week_rng(1, monday).random()
    assert week_rng(1, monday).random() != week_rng(2, monday).random()
