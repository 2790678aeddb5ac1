"""Weekly pairing through the core: opt in, pairs posted once on the schedule day, no repeats."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from tests.support.flow import Flow, ManualClock, only
from tests.support.mock import notices, sent

MONDAY_0900 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MEMBERS = ("alice", "bob", "carol", "dan", "erin", "fay", "gus", "hal")


async def test_pairing_over_four_weeks_repeats_nobody_while_others_are_available(
    room: Flow, clock: ManualClock
):
    clock.now = MONDAY_0900 - timedelta(days=2)
    turned_on = only(await room.as_user("boss", admin=True).command("mock pairing on"), "mock-pairing")
    assert turned_on.view.enabled and turned_on.view.next == MONDAY_0900
    for name in MEMBERS:
        assert "in the weekly" in notices(await room.as_user(name).command("mock optin"))
    assert "already in" in notices(await room.as_user("alice").command("mock optin"))

    weeks = []
    for week in range(4):
        slot = MONDAY_0900 + timedelta(weeks=week)
        await room.core.mock.tick(slot - timedelta(minutes=1))
        assert len(sent(room, "mock-pairs")) == week, "nothing before the schedule day's post time"
        await room.core.mock.tick(slot)
        await room.core.mock.tick(slot + timedelta(days=1))
        (posted,) = sent(room, "mock-pairs")[week:]
        assert posted.view.week == slot.date().isoformat()
        weeks.append(posted.view.groups)

    for groups in weeks:
        assert sorted(itertools.chain(*groups)) == sorted(MEMBERS) and all(len(g) == 2 for g in groups)
    pairs = [frozenset(g) for groups in weeks for g in groups]
    assert len(pairs) == len(set(pairs)) == 16, "no pair twice in four weeks"


async def test_an_odd_member_joins_a_trio_and_optout_leaves(room: Flow, clock: ManualClock):
    clock.now = MONDAY_0900 - timedelta(days=1)
    await room.as_user("boss", admin=True).command("mock pairing on")
    for name in MEMBERS[:5]:
        await room.as_user(name).command("mock optin")
    assert "left the weekly pairing" in notices(await room.as_user("erin").command("mock optout"))
    await room.as_user("erin").command("mock optin")
    await room.core.mock.tick(MONDAY_0900)
    groups = only(sent(room, "mock-pairs"), "mock-pairs").view.groups
    assert sorted(len(g) for g in groups) == [2, 3]


async def test_pairing_turned_on_after_this_weeks_slot_starts_next_week_and_off_stops_it(
    room: Flow, clock: ManualClock
):
    clock.now = MONDAY_0900 + timedelta(hours=1)
    card = only(await room.as_user("boss", admin=True).command("mock pairing on"), "mock-pairing")
    assert card.view.next == MONDAY_0900 + timedelta(weeks=1)
    await room.as_user("alice").command("mock optin")
    await room.as_user("bob").command("mock optin")
    await room.core.mock.tick(clock.now)
    assert not sent(room, "mock-pairs")
    await room.as_user("boss", admin=True).command("mock pairing off")
    await room.core.mock.tick(MONDAY_0900 + timedelta(weeks=1))
    assert not sent(room, "mock-pairs")
    shown = only(await room.as_user("carol").command("mock pairing"), "mock-pairing")
    assert (shown.view.enabled, shown.view.next, shown.view.members) == (False, None, ("alice", "bob"))
