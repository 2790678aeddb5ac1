"""Per-user funnel summary with a pandas group-by: counts, a conditional sum and a rate per user."""

from __future__ import annotations

from typing import Literal

import numpy as np

from questions.tasks._frames import Column, frame_problem, table
from questions.tasks._kit import Case

FUNCTION = "user_summary"
EVENTS = ("view", "click", "purchase")


def reference(user_id: np.ndarray, event: list[str], amount: np.ndarray) -> dict[str, Column]:
    """Row by row in plain Python, away from pandas: the numbers a correct group-by must give."""
    users = sorted(set(user_id.tolist()))
    counts = {u: 0 for u in users}
    purchases = {u: 0 for u in users}
    revenue = {u: 0.0 for u in users}
    for user, kind, value in zip(user_id.tolist(), event, amount.tolist(), strict=True):
        counts[user] += 1
        if kind == "purchase":
            purchases[user] += 1
            revenue[user] += 0.0 if np.isnan(value) else value
    return {
        "user_id": np.array(users, dtype=np.int64),
        "events": np.array([counts[u] for u in users]),
        "purchases": np.array([purchases[u] for u in users]),
        "revenue": np.array([revenue[u] for u in users]),
        "conversion": np.array([purchases[u] / counts[u] for u in users]),
    }


def _summary(user_id: np.ndarray, event: list[str], amount: np.ndarray):
    expected = reference(user_id, event, amount)

    def check(output) -> str | None:
        return frame_problem(output, expected)

    return check


def _log(rng: np.random.Generator, users: int, rows: int) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Unordered events of non-contiguous user ids; every event carries the item's price, some are missing.

    Planted: a user who never buys, and a user with a purchase whose amount was not logged.
    """
    ids = rng.choice(np.arange(100, 1000), size=users, replace=False)
    user_id = rng.choice(ids, size=rows)
    user_id[:users] = ids
    event = rng.choice(EVENTS, size=rows, p=[0.6, 0.25, 0.15]).tolist()
    amount = np.round(rng.uniform(5, 200, size=rows), 2)
    amount[rng.random(rows) < 0.1] = np.nan
    never_buys = user_id == ids[0]
    event = ["view" if never else kind for kind, never in zip(event, never_buys, strict=True)]
    unlogged = int(np.flatnonzero(user_id == ids[1])[0])
    event[unlogged], amount[unlogged] = "purchase", np.nan
    priced = int(np.flatnonzero(user_id == ids[1])[-1])
    event[priced], amount[priced] = "purchase", 25.0
    order = rng.permutation(rows)
    return user_id[order], [event[i] for i in order], amount[order]


def _case(
    name: str,
    kind: Literal["required", "edge"],
    log: tuple[np.ndarray, list[str], np.ndarray],
    followup: str = "",
) -> Case:
    user_id, event, amount = log
    events = table(user_id=user_id, event=event, amount=amount)
    return Case(name, kind, (events,), _summary(user_id, event, amount), followup)


def cases(rng: np.random.Generator) -> list[Case]:
    main = _log(rng, int(rng.integers(6, 12)), int(rng.integers(60, 120)))
    small = _log(rng, 3, int(rng.integers(8, 14)))
    empty: tuple[np.ndarray, list[str], np.ndarray] = (np.zeros(0, dtype=np.int64), [], np.zeros(0))
    return [
        _case(
            "one row per user, sorted by user_id, with events, purchases, revenue and conversion",
            "required",
            main,
        ),
        _case("a non-buyer gets zeros; rows with a missing amount still count as events", "required", small),
        _case(
            "an empty log gives an empty summary with the same columns",
            "edge",
            empty,
            followup="The log for this window is empty. What does your function return, and which dtypes do "
            "the columns of an empty group-by get?",
        ),
    ]
