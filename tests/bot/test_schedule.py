"""Daily slots, reveals and due posts from bot/schedule.py, across zones and daylight-saving changes."""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import islice, pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import (
    PeriodicJobs,
    Schedule,
    due_slot,
    latest_slot,
    local_date,
    next_slot,
    reveal_for,
    upcoming,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")

MON_FRI = frozenset(range(5))
EVERY_DAY = frozenset(range(7))
GRACE = timedelta(hours=3)
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)
MICRO = timedelta(microseconds=1)


def make(post: time, zone: ZoneInfo, weekdays=MON_FRI, reveal: time = time(17)) -> Schedule:
    return Schedule(post_time=post, zone=zone, weekdays=frozenset(weekdays), reveal_time=reveal)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def wall(day: date, at: time, zone: ZoneInfo) -> datetime:
    """Brute-force reference: the first reading of a local wall time (zoneinfo moves gap times forward)."""
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def slot_is_a_slot(schedule: Schedule, slot: datetime) -> bool:
    return latest_slot(schedule, slot) == slot


# --- daylight-saving changes in Europe/Berlin --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "change", "offset_before", "offset_after", "first_slot"),
    [
        pytest.param(
            utc(2026, 3, 20),
            date(2026, 3, 29),
            timedelta(hours=1),
            timedelta(hours=2),
            utc(2026, 3, 20, 8),
            id="spring-forward",
        ),
        pytest.param(
            utc(2026, 10, 16),
            date(2026, 10, 25),
            timedelta(hours=2),
            timedelta(hours=1),
            utc(2026, 10, 16, 7),
            id="fall-back",
        ),
    ],
)
def test_berlin_weekday_slots_stay_at_nine_local_across_the_dst_change(
    start, change, offset_before, offset_after, first_slot
):
    schedule = make(time(9), BERLIN)

    slots = list(islice(upcoming(schedule, start), 30))

    assert len(slots) == 30
    assert slots[0] == first_slot
    local = [slot.astimezone(BERLIN) for slot in slots]
    assert all(moment.time() == time(9) for moment in local)
    assert all(moment.weekday() < 5 for moment in local)
    for moment in local:
        assert moment.utcoffset() == (offset_before if moment.date() < change else offset_after), moment
    assert {m.utcoffset() for m in local} == {offset_before, offset_after}
    # Every weekday in the range is there, each once.
    days = [m.date() for m in local]
    assert days == [d for d in days_between(days[0], days[-1]) if d.weekday() < 5]


def test_post_time_in_the_spring_forward_gap_moves_forward_by_the_jump():
    schedule = make(time(2, 30), BERLIN, EVERY_DAY)

    slots = list(islice(upcoming(schedule, utc(2026, 3, 27, 12)), 4))

    assert slots == [
        utc(2026, 3, 28, 1, 30),  # 02:30 CET
        utc(2026, 3, 29, 1, 30),  # 02:30 does not exist: 03:30 CEST
        utc(2026, 3, 30, 0, 30),  # 02:30 CEST
        utc(2026, 3, 31, 0, 30),
    ]
    moved = slots[1].astimezone(BERLIN)
    assert (moved.date(), moved.time(), moved.utcoffset()) == (
        date(2026, 3, 29),
        time(3, 30),
        timedelta(hours=2),
    )
    assert next_slot(schedule, utc(2026, 3, 29, 1)) == utc(2026, 3, 29, 1, 30)
    assert latest_slot(schedule, utc(2026, 3, 29, 1, 30)) == utc(2026, 3, 29, 1, 30)
    assert latest_slot(schedule, utc(2026, 3, 29, 1, 30) - MICRO) == utc(2026, 3, 28, 1, 30)


def test_post_time_in_the_repeated_autumn_hour_happens_once_at_its_first_occurrence():
    schedule = make(time(2, 30), BERLIN, EVERY_DAY)
    first_occurrence = utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    second_occurrence = utc(2026, 10, 25, 1, 30)  # 02:30 CET, the same wall time an hour later

    slots = list(islice(upcoming(schedule, utc(2026, 10, 23, 12)), 4))

    assert slots == [
        utc(2026, 10, 24, 0, 30),
        first_occurrence,
        utc(2026, 10, 26, 1, 30),
        utc(2026, 10, 27, 1, 30),
    ]
    assert first_occurrence.astimezone(BERLIN).utcoffset() == timedelta(hours=2)
    assert next_slot(schedule, first_occurrence) == utc(2026, 10, 26, 1, 30)
    assert next_slot(schedule, second_occurrence - MICRO) == utc(2026, 10, 26, 1, 30)
    assert latest_slot(schedule, second_occurrence) == first_occurrence
    assert latest_slot(schedule, utc(2026, 10, 26, 1, 30) - MICRO) == first_occurrence


# --- America/New_York -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "weekdays", "after", "expected"),
    [
        pytest.param(
            time(9),
            EVERY_DAY,
            utc(2026, 3, 6, 15),
            [utc(2026, 3, 7, 14), utc(2026, 3, 8, 13), utc(2026, 3, 9, 13)],
            id="spring-daily-0900",
        ),
        pytest.param(
            time(9),
            MON_FRI,
            utc(2026, 3, 5, 15),
            [utc(2026, 3, 6, 14), utc(2026, 3, 9, 13), utc(2026, 3, 10, 13)],
            id="spring-weekdays-over-the-weekend",
        ),
        pytest.param(
            time(2, 30),
            EVERY_DAY,
            utc(2026, 3, 6, 12),
            [utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30)],
            id="spring-gap-0230-becomes-0330-edt",
        ),
        pytest.param(
            time(9),
            EVERY_DAY,
            utc(2026, 10, 31, 0),
            [utc(2026, 10, 31, 13), utc(2026, 11, 1, 14), utc(2026, 11, 2, 14)],
            id="autumn-daily-0900",
        ),
        pytest.param(
            time(1, 30),
            EVERY_DAY,
            utc(2026, 10, 30, 12),
            [utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)],
            id="autumn-repeat-0130-first-is-edt",
        ),
    ],
)
def test_new_york_slots_across_the_dst_changes(post, weekdays, after, expected):
    schedule = make(post, NEW_YORK, weekdays)

    assert list(islice(upcoming(schedule, after), len(expected))) == expected


# --- far-from-UTC zones: the weekday is the team's --------------------------------------------------


def test_kiritimati_monday_slot_falls_on_sunday_in_utc():
    schedule = make(time(9), KIRITIMATI)  # UTC+14
    saturday_noon_utc = utc(2026, 3, 21, 12)  # already Sunday 02:00 in Kiritimati

    assert local_date(saturday_noon_utc, KIRITIMATI) == date(2026, 3, 22)
    monday = next_slot(schedule, saturday_noon_utc)
    assert monday == utc(2026, 3, 22, 19)
    assert monday.weekday() == 6
    assert monday.astimezone(KIRITIMATI).weekday() == 0
    assert local_date(monday, KIRITIMATI) == date(2026, 3, 23)
    friday = latest_slot(schedule, saturday_noon_utc)
    assert friday == utc(2026, 3, 19, 19)  # Friday 09:00 local is Thursday in UTC
    assert local_date(friday, KIRITIMATI) == date(2026, 3, 20)
    assert next_slot(schedule, friday) == monday
    assert latest_slot(schedule, monday - MICRO) == friday


def test_pago_pago_late_friday_post_falls_on_saturday_in_utc():
    schedule = make(time(22), PAGO_PAGO)  # UTC-11
    friday_evening = utc(2026, 3, 21, 8)  # Saturday in UTC, Friday 21:00 in Pago Pago

    assert local_date(friday_evening, PAGO_PAGO) == date(2026, 3, 20)
    friday = next_slot(schedule, friday_evening)
    assert friday == utc(2026, 3, 21, 9)
    assert friday.weekday() == 5
    assert friday.astimezone(PAGO_PAGO).weekday() == 4
    assert latest_slot(schedule, friday_evening) == utc(2026, 3, 20, 9)  # Thursday 22:00 local
    assert next_slot(schedule, friday) == utc(2026, 3, 24, 9)  # Monday 22:00 local


@pytest.mark.parametrize("zone", [KIRITIMATI, PAGO_PAGO], ids=str)
@pytest.mark.parametrize("post", [time(0, 30), time(9), time(23, 30)], ids=str)
def test_next_and_latest_slot_agree_hour_by_hour_far_from_utc(zone, post):
    schedule = make(post, zone)
    start = utc(2026, 6, 5)

    for hour in range(24 * 15):
        now = start + timedelta(hours=hour, minutes=7)
        upcoming_slot = next_slot(schedule, now)
        previous_slot = latest_slot(schedule, now)
        assert previous_slot <= now < upcoming_slot, now
        assert next_slot(schedule, previous_slot) == upcoming_slot, now
        assert latest_slot(schedule, upcoming_slot - MICRO) == previous_slot, now
        for slot in (upcoming_slot, previous_slot):
            local = slot.astimezone(zone)
            assert local.weekday() < 5 and local.time() == post, slot


# --- properties against a brute-force list of every slot of the year ------------------------------------

PROPERTY_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Australia/Lord_Howe",  # half-hour DST shift
    "Australia/Sydney",  # southern hemisphere
    "America/St_Johns",
    "Asia/Kolkata",
]
# Posts around the small hours hit the DST gaps and repeats of the zones above.
TRICKY_POSTS = [time(0, 30), time(1, 30), time(1, 45), time(2), time(2, 15), time(2, 30), time(3)]


def brute_force_slots(schedule: Schedule, first: date, last: date) -> list[datetime]:
    return [
        wall(day, schedule.post_time, schedule.zone)
        for day in days_between(first, last)
        if day.weekday() in schedule.weekdays
    ]


@cache
def dst_changes(zone: ZoneInfo) -> list[datetime]:
    """The UTC hours in 2026 after which the zone's offset differs (found hour by hour)."""
    hours = [utc(2026, 1, 1) + timedelta(hours=n) for n in range(24 * 366)]
    return [b for a, b in pairwise(hours) if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset()]


def random_schedule(rng: random.Random, zone: ZoneInfo) -> Schedule:
    weekdays = frozenset()
    while not weekdays:
        weekdays = frozenset(day for day in range(7) if rng.random() < 0.5)
    if rng.random() < 0.5:
        post = rng.choice(TRICKY_POSTS)
    else:
        post = time(rng.randrange(24), rng.choice([0, 15, 30, 45]))
    return make(post, zone, weekdays, reveal=time(rng.randrange(24), rng.choice([0, 30])))


def random_instants(rng: random.Random, zone: ZoneInfo, slots: list[datetime], count: int) -> list[datetime]:
    year_start, year_seconds = utc(2026, 1, 1), 365 * 24 * 3600
    changes = dst_changes(zone)
    in_2026 = [slot for slot in slots if slot.year == 2026]
    instants = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.2 and changes:  # near a DST change
            moment = rng.choice(changes) + timedelta(seconds=rng.randrange(-3 * 86400, 3 * 86400))
        elif kind < 0.35:  # on a slot, or a microsecond either side
            moment = rng.choice(in_2026) + rng.choice([-MICRO, timedelta(0), MICRO])
        else:
            moment = year_start + timedelta(
                seconds=rng.randrange(year_seconds), microseconds=rng.randrange(10**6)
            )
        instants.append(moment.astimezone(rng.choice([UTC, zone])))  # aware in any zone
    return instants


@pytest.mark.parametrize("zone_name", PROPERTY_ZONES)
def test_slots_match_a_brute_force_list_at_random_instants(zone_name):
    zone = ZoneInfo(zone_name)
    rng = random.Random(f"schedule-properties-{zone_name}")
    checked = 0
    for _ in range(5):
        schedule = random_schedule(rng, zone)
        slots = brute_force_slots(schedule, date(2025, 12, 15), date(2027, 12, 31))
        reveals = [
            wall(day, schedule.reveal_time, zone)
            for day in days_between(date(2025, 12, 15), date(2027, 1, 25))
        ]
        for now in random_instants(rng, zone, slots, 50):
            context = (schedule, now)
            index = bisect_right(slots, now)  # slots[index - 1] <= now < slots[index]

            following = next_slot(schedule, now)
            previous = latest_slot(schedule, now)

            assert following > now, context
            assert previous <= now, context
            assert following == slots[index], context  # so no slot lies in (now, following)
            assert previous == slots[index - 1], context  # so no slot lies in (previous, now]

            expected_reveal = min(next(r for r in reveals if r > previous), slots[index])
            revealed = reveal_for(schedule, previous)
            assert previous < revealed <= following, context
            assert revealed == expected_reveal, context
            checked += 1

        start = random_instants(rng, zone, slots, 1)[0]
        run = list(islice(upcoming(schedule, start), 60))
        assert all(a < b for a, b in pairwise(run)), schedule
        first = bisect_right(slots, start)
        assert run == slots[first : first + 60], (schedule, start)
    assert checked == 250


# --- reveal_for --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "reveal", "weekdays", "slot", "expected"),
    [
        pytest.param(
            time(9), time(17), MON_FRI, utc(2026, 3, 25, 8), utc(2026, 3, 25, 16), id="same-day-afternoon"
        ),
        pytest.param(
            time(9),
            time(8),
            EVERY_DAY,
            utc(2026, 3, 25, 8),
            utc(2026, 3, 26, 7),
            id="before-post-next-morning",
        ),
        pytest.param(
            time(9),
            time(8),
            MON_FRI,
            utc(2026, 3, 27, 8),
            utc(2026, 3, 28, 7),
            id="friday-early-reveal-saturday",
        ),
        pytest.param(
            time(9), time(17), MON_FRI, utc(2026, 3, 27, 8), utc(2026, 3, 27, 16), id="friday-reveal-friday"
        ),
        pytest.param(
            time(9), time(9), EVERY_DAY, utc(2026, 3, 25, 8), utc(2026, 3, 26, 8), id="reveal-equals-post"
        ),
        pytest.param(
            time(23),
            time(1),
            MON_FRI,
            utc(2026, 3, 27, 22),
            utc(2026, 3, 28, 0),
            id="late-post-after-midnight",
        ),
    ],
)
def test_reveal_for_ordinary_days(post, reveal, weekdays, slot, expected):
    schedule = make(post, BERLIN, weekdays, reveal)
    assert slot_is_a_slot(schedule, slot)

    assert reveal_for(schedule, slot) == expected


@pytest.mark.parametrize(
    ("post", "reveal", "slot", "uncapped", "next_post"),
    [
        # Reveal 02:30 (before the 03:15 post) is due next day, but 02:30 does not exist on 29 March
        # and becomes 03:30 CEST, after that day's 03:15 post.
        pytest.param(
            time(3, 15),
            time(2, 30),
            utc(2026, 3, 28, 2, 15),
            utc(2026, 3, 29, 1, 30),
            utc(2026, 3, 29, 1, 15),
            id="next-day-reveal-pushed-past-the-post-by-the-gap",
        ),
        # The 02:30 post moves to 03:30 on 29 March, so the 03:00 reveal that day has already passed;
        # the next 03:00 reveal comes after the next 02:30 post.
        pytest.param(
            time(2, 30),
            time(3),
            utc(2026, 3, 29, 1, 30),
            utc(2026, 3, 30, 1),
            utc(2026, 3, 30, 0, 30),
            id="post-moved-past-its-own-reveal-by-the-gap",
        ),
    ],
)
def test_reveal_is_capped_by_the_next_post_when_that_comes_first(post, reveal, slot, uncapped, next_post):
    schedule = make(post, BERLIN, EVERY_DAY, reveal)
    assert slot_is_a_slot(schedule, slot)
    assert next_slot(schedule, slot) == next_post
    assert next_post < uncapped
    assert wall(local_date(uncapped, BERLIN), reveal, BERLIN) == uncapped

    assert reveal_for(schedule, slot) == next_post


# --- due_slot ------------------------------------------------------------------------------------------

WEDNESDAY_SLOT = utc(2026, 3, 25, 8)  # 09:00 CET


@pytest.mark.parametrize(
    ("now", "active_since", "expected"),
    [
        pytest.param(WEDNESDAY_SLOT, LONG_AGO, WEDNESDAY_SLOT, id="exactly-at-the-slot"),
        pytest.param(WEDNESDAY_SLOT + timedelta(hours=1), LONG_AGO, WEDNESDAY_SLOT, id="one-hour-late"),
        pytest.param(WEDNESDAY_SLOT + GRACE, LONG_AGO, WEDNESDAY_SLOT, id="at-the-end-of-the-grace"),
        pytest.param(WEDNESDAY_SLOT + timedelta(hours=4), LONG_AGO, None, id="four-hours-late"),
        pytest.param(WEDNESDAY_SLOT - MICRO, LONG_AGO, None, id="just-before-the-slot"),
        pytest.param(
            WEDNESDAY_SLOT + timedelta(hours=1),
            WEDNESDAY_SLOT + timedelta(minutes=1),
            None,
            id="before-activation",
        ),
        pytest.param(
            WEDNESDAY_SLOT + timedelta(hours=1), WEDNESDAY_SLOT, WEDNESDAY_SLOT, id="activated-at-slot"
        ),
        pytest.param(utc(2026, 3, 30, 6), LONG_AGO, None, id="monday-before-post-friday-too-old"),
    ],
)
def test_due_slot_with_three_hour_grace(now, active_since, expected):
    schedule = make(time(9), BERLIN)

    assert due_slot(schedule, now, GRACE, active_since) == expected


def test_due_slot_across_the_spring_gap_uses_the_moved_slot():
    schedule = make(time(2, 30), BERLIN, EVERY_DAY)
    moved_slot = utc(2026, 3, 29, 1, 30)  # 03:30 CEST

    assert due_slot(schedule, moved_slot - MICRO, GRACE, LONG_AGO) is None  # yesterday's is 24 h old
    assert due_slot(schedule, moved_slot, GRACE, LONG_AGO) == moved_slot
    assert due_slot(schedule, moved_slot + GRACE, GRACE, LONG_AGO) == moved_slot


def test_empty_weekday_set_has_no_slots():
    schedule = make(time(9), BERLIN, frozenset())
    now = utc(2026, 6, 1, 12)

    assert next_slot(schedule, now) is None
    assert latest_slot(schedule, now) is None
    assert list(islice(upcoming(schedule, now), 5)) == []
    assert due_slot(schedule, now, GRACE, LONG_AGO) is None


async def test_features_register_their_own_periodic_jobs_once_each():
    jobs = PeriodicJobs()
    seen: list[datetime] = []

    async def tick(now: datetime) -> None:
        seen.append(now)

    jobs.every(5, "feature:tick", tick)
    with pytest.raises(ValueError, match="feature:tick"):
        jobs.every(60, "feature:tick", tick)
    [job] = list(jobs)
    assert (job.job_id, job.seconds) == ("feature:tick", 5)
    await job.run(datetime(2026, 1, 1, tzinfo=UTC))
    assert seen == [datetime(2026, 1, 1, tzinfo=UTC)]
