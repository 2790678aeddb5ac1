"""De-duplicate profile updates to each user's latest row, then fill missing values after the fact."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._frames import Column, frame_problem, table
from questions.tasks._kit import Case, Check

FUNCTION = "latest_profiles"
START = np.datetime64("2024-05-01T00:00", "ns")
HOUR = np.timedelta64(3_600_000_000_000, "ns")
COUNTRIES = ("DE", "FR", "IN", "US", "BR")


def reference(updates: dict) -> dict[str, Column]:
    """Each user's newest row (the later one in the input on a tie), then the fills, in plain Python."""
    kept: dict[int, int] = {}
    for row, (user, when) in enumerate(zip(updates["user_id"].tolist(), updates["updated_at"], strict=True)):
        if user not in kept or when >= updates["updated_at"][kept[user]]:
            kept[user] = row
    rows = [kept[user] for user in sorted(kept)]
    ages = updates["age"][rows]
    known = ages[~np.isnan(ages)]
    fill = float(np.median(known)) if known.size else np.nan
    return {
        "user_id": updates["user_id"][rows],
        "updated_at": updates["updated_at"][rows],
        "country": ["unknown" if updates["country"][r] is None else updates["country"][r] for r in rows],
        "age": np.where(np.isnan(ages), fill, ages),
    }


def _latest(updates: dict) -> Check:
    expected = reference(updates)

    def check(output) -> str | None:
        return frame_problem(output, expected)

    return check


Row = tuple[int, int, str | None, float]


def _rows(rng: np.random.Generator, users: int) -> tuple[list[Row], list[int]]:
    """Random updates plus users that catch the usual mistakes (see comments), and the tied pair's rows."""
    ids = [int(i) for i in rng.choice(np.arange(1, 900), size=users + 4, replace=False)]
    tie, fresh_gaps, heavy, twice = ids[:4]
    rows: list[Row] = []
    for user in ids[4:]:
        for hour in rng.choice(24 * 60, size=rng.integers(1, 5), replace=False):
            country = None if rng.random() < 0.2 else str(rng.choice(COUNTRIES))
            rows.append(
                (user, int(hour), country, float(rng.integers(18, 45)) if rng.random() > 0.2 else np.nan)
            )
    late = 24 * 61
    # two rows share the tie user's latest time: the one later in the input wins
    tied = [len(rows), len(rows) + 1]
    rows += [(tie, late, "FR", 33.0), (tie, late, "IN", 41.0), (tie, 5, "US", 29.0)]
    # the newest row has gaps that an older row could fill: it must stay "unknown" / median, not borrow
    rows += [(fresh_gaps, 10, "DE", 58.0), (fresh_gaps, late, None, np.nan)]
    # many stale rows with one age: they must not weigh on the median
    rows += [(heavy, hour, "BR", 70.0) for hour in range(20, 26)] + [(heavy, late, "BR", 19.0)]
    rows += [(twice, 40, "US", 88.0)] * 2
    return rows, tied


def _updates(rng: np.random.Generator, users: int) -> dict:
    rows, tied = _rows(rng, users)
    order = rng.permutation(len(rows))
    positions = np.flatnonzero(np.isin(order, tied))
    order[positions] = tied
    chosen = [rows[i] for i in order]
    return {
        "user_id": np.array([r[0] for r in chosen], dtype=np.int64),
        "updated_at": START + np.array([r[1] for r in chosen]) * HOUR,
        "country": [r[2] for r in chosen],
        "age": np.array([r[3] for r in chosen]),
    }


def _case(name: str, updates: dict, followup: str = "") -> Case:
    kind: Literal["required", "edge"] = "edge" if followup else "required"
    return Case(name, kind, (table(**updates),), _latest(updates), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    updates = _updates(rng, int(rng.integers(5, 10)))
    small = _updates(rng, 1)
    no_ages = _updates(rng, 2)
    no_ages["age"] = np.full(len(no_ages["age"]), np.nan)
    return [
        _case("one row per user: the latest update, sorted by user_id", updates),
        _case(
            "a tie at the latest time goes to the later row; gaps in the kept row are filled, not borrowed "
            "from older rows; the median is over the kept rows",
            small,
        ),
        _case(
            "no kept row has an age: ages stay missing",
            no_ages,
            followup="No user in this batch has an age, so there is no median to fill with. What does your "
            "code return, and what should a production feature pipeline fill with instead?",
        ),
    ]
