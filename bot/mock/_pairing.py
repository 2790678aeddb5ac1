"""Weekly pairing, pure: who practises with whom, and when in the week the pairs are posted."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.schedule import Schedule, at_local, local_date

HISTORY_WEEKS = 8
SEARCH_BUDGET = 50_000

Group = tuple[int, ...]


def pair_up(
    members: Sequence[int], history: Sequence[Sequence[frozenset[int]]], rng: random.Random
) -> list[Group]:
    """Pairs (and one trio for an odd count) that repeat no recent pair while a fresh grouping exists.

    `history` holds past weeks' groups, most recent first. A repeated pair costs more the more recent
    it is, so when repeats are unavoidable the oldest ones come back first.
    """
    people = sorted(set(members))
    rng.shuffle(people)
    if len(people) < 2:
        return []
    cost = _pair_costs(history)
    search = _Search(cost)
    search.run(people, [], 0, trio_used=len(people) % 2 == 0)
    return [tuple(sorted(group)) for group in search.best]


def _pair_costs(history: Sequence[Sequence[frozenset[int]]]) -> dict[frozenset[int], int]:
    costs: dict[frozenset[int], int] = {}
    recent = history[:HISTORY_WEEKS]
    for age, week in enumerate(recent):
        for group in week:
            for pair in itertools.combinations(sorted(group), 2):
                key = frozenset(pair)
                costs[key] = costs.get(key, 0) + 2 ** (len(recent) - age)
    return costs


class _Search:
    """Branch and bound over groupings, cheapest options first; stops at a grouping with no repeat."""

    def __init__(self, costs: dict[frozenset[int], int]) -> None:
        self._costs = costs
        self.best: list[Group] = []
        self._best_cost: float = float("inf")
        self._budget = SEARCH_BUDGET

    def cost(self, group: Group) -> int:
        return sum(self._costs.get(frozenset(pair), 0) for pair in itertools.combinations(group, 2))

    def run(self, left: list[int], groups: list[Group], total: int, *, trio_used: bool) -> None:
        if total >= self._best_cost or self._budget <= 0 or self._best_cost == 0:
            return
        self._budget -= 1
        if not left:
            self.best, self._best_cost = list(groups), total
            return
        for group, rest in sorted(self._options(left, trio_used), key=lambda option: self.cost(option[0])):
            self.run(rest, [*groups, group], total + self.cost(group), trio_used=trio_used or len(group) == 3)

    @staticmethod
    def _options(left: list[int], trio_used: bool) -> list[tuple[Group, list[int]]]:
        first, rest = left[0], left[1:]
        options: list[tuple[Group, list[int]]] = []
        if trio_used or len(left) >= 5:
            options += [((first, b), rest[:i] + rest[i + 1 :]) for i, b in enumerate(rest)]
        if not trio_used:
            options += [
                ((first, rest[i], rest[j]), [p for k, p in enumerate(rest) if k not in (i, j)])
                for i, j in itertools.combinations(range(len(rest)), 2)
            ]
        return options


def week_start(moment: datetime, schedule: Schedule) -> date:
    """The Monday of the team's local week."""
    day = local_date(moment, schedule.zone)
    return day - timedelta(days=day.weekday())


def pairing_slot(schedule: Schedule, monday: date) -> datetime | None:
    """When a week's pairs are posted: the channel's first scheduled day that week, at its post time."""
    if not schedule.weekdays:
        return None
    return at_local(monday + timedelta(days=min(schedule.weekdays)), schedule.post_time, schedule.zone)


def due_week(schedule: Schedule, since: datetime, now: datetime) -> date | None:
    """The week whose pairs are due now, if its slot has come and came after pairing was turned on."""
    monday = week_start(now, schedule)
    slot = pairing_slot(schedule, monday)
    if slot is None or slot > now or slot < since:
        return None
    return monday


def next_pairing(schedule: Schedule, since: datetime, now: datetime) -> datetime | None:
    """The next time pairs will be posted."""
    monday = week_start(now, schedule)
    for weeks in range(3):
        slot = pairing_slot(schedule, monday + timedelta(weeks=weeks))
        if slot is not None and slot > now and slot >= since:
            return slot
    return None


def week_rng(channel_id: int, monday: date) -> random.Random:
    """The same channel and week always shuffle the same, so a retried post pairs the same people."""
    digest = hashlib.sha256(f"pairs:{channel_id}:{monday.isoformat()}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
