"""How many model reviews each person, and the whole bot, may ask for per UTC day."""

from __future__ import annotations

from collections import Counter
from datetime import date
from enum import StrEnum


class Spent(StrEnum):
    """Which daily limit ran out."""

    PERSON = "person"
    TOTAL = "total"


class DailyBudget:
    """Counts reviews in memory per UTC day; a restart starts the day's count again."""

    def __init__(self, per_person: int, total: int) -> None:
        self._per_person = per_person
        self._total = total
        self._day: date | None = None
        self._by_person: Counter[int] = Counter()

    def take(self, person: int, day: date) -> Spent | None:
        """Spend one review for `person` on `day`, or say which limit is already reached."""
        if day != self._day:
            self._day, self._by_person = day, Counter()
        if self._by_person.total() >= self._total:
            return Spent.TOTAL
        if self._by_person[person] >= self._per_person:
            return Spent.PERSON
        self._by_person[person] += 1
        return None
