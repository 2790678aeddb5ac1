"""Pure round logic: the agenda, time shares, the clock, pair scores, parsing and the checklist."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.commands import Command, arguments
from bot.errors import UserError
from bot.events import PersonRef
from bot.mock._checklist import detect, states
from bot.mock._parsing import START_PARAMS, StartRequest, start_request
from bot.mock._rounds import (
    Plan,
    check_shares,
    clock_text,
    clock_used,
    marked_score,
    plan_agenda,
    round_seconds_left,
    seconds_left,
    share_for,
    time_shares,
    weight_of,
)
from questions import DEFAULT_WEIGHTS, Category, Kind, QuestionBank
from storage import MockQuestion

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("weights", "total"),
    [([1, 1, 1, 0.5], 2700), ([2, 1, 1], 1000), ([1], 7), ([1, 1, 1], 100), ([0.5, 2, 1, 1, 0.5], 3601)],
)
def test_time_shares_add_up_exactly_and_follow_the_weights(weights, total):
    shares = time_shares(weights, total)
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - total * weight / sum(weights)) < 1


def test_coding_questions_get_twice_and_behavioral_half_the_time(bank: QuestionBank):
    by_kind = {(q.kind, q.category): weight_of(q) for q in bank}
    assert by_kind[(Kind.CODE, Category.ML_CODING)] == 2.0
    assert by_kind[(Kind.CONCEPT, Category.MATH_STATS)] == 1.0
    assert by_kind[(Kind.BEHAVIORAL, Category.BEHAVIORAL)] == 0.5


def test_the_agenda_draws_technical_by_weight_and_puts_behavioral_last(bank: QuestionBank):
    weights = {**DEFAULT_WEIGHTS, Category.RESUME: 0, Category.BEHAVIORAL: 50}
    drawn: Counter = Counter()
    for seed in range(200):
        agenda = plan_agenda(bank, weights, {}, Plan(technical=3, behavioral=2), random.Random(seed))
        assert [q.category is Category.BEHAVIORAL for q in agenda] == [False] * 3 + [True] * 2
        assert len({q.id for q in agenda}) == 5, "no question twice in a round"
        drawn.update(q.category for q in agenda[:3])
    assert Category.RESUME not in drawn, "a weight of 0 is never drawn"
    assert drawn[Category.MATH_STATS] > drawn[Category.ML_CODING] > drawn[Category.DEEP_LEARNING]


def test_the_agenda_prefers_questions_the_channel_has_not_seen(bank: QuestionBank):
    math = {q.id for q in bank.in_category(Category.MATH_STATS)}
    seen = {qid: n for n, qid in enumerate(sorted(math)[1:], start=1)}
    only_math = {c: (1 if c is Category.MATH_STATS else 0) for c in Category}
    (question,) = plan_agenda(bank, only_math, seen, Plan(technical=1, behavioral=0), random.Random(1))
    assert question.id == sorted(math)[0]


def test_an_agenda_that_cannot_be_drawn_says_why(bank: QuestionBank):
    none = {c: 0 for c in Category}
    with pytest.raises(UserError, match="no technical questions"):
        plan_agenda(bank, none, {}, Plan(), random.Random(0))
    tiny = QuestionBank({q.id: q for q in list(bank.in_category(Category.BEHAVIORAL))[:1]})
    with pytest.raises(UserError, match="not enough Behavioral"):
        plan_agenda(tiny, none, {}, Plan(technical=0, behavioral=2), random.Random(0))


def test_plans_and_shares_are_checked(bank: QuestionBank):
    with pytest.raises(UserError, match="between 5 and 180"):
        Plan(minutes=500).check()
    with pytest.raises(UserError, match="at least one question"):
        Plan(technical=0, behavioral=0).check()
    agenda = plan_agenda(bank, DEFAULT_WEIGHTS, {}, Plan(), random.Random(3))
    assert sum(check_shares(Plan(), agenda)) == 45 * 60
    with pytest.raises(UserError, match="too short"):
        check_shares(Plan(minutes=10), agenda)


@pytest.mark.parametrize("minutes", [5, 10, 14, 20])
def test_the_minutes_a_too_short_round_suggests_are_enough(bank: QuestionBank, minutes: int):
    plan = Plan(minutes=minutes, technical=6, behavioral=3)
    agenda = plan_agenda(bank, DEFAULT_WEIGHTS, {}, plan, random.Random(minutes))
    with pytest.raises(UserError) as refused:
        check_shares(plan, agenda)
    suggested = int(re.search(r"minutes=(\d+)", str(refused.value)).group(1))
    assert sum(check_shares(replace(plan, minutes=suggested), agenda)) == suggested * 60
    with pytest.raises(UserError):
        check_shares(replace(plan, minutes=suggested - 1), agenda)


def _slot(position: int, weight: float = 1.0, **values) -> MockQuestion:
    defaults = dict(
        round_id=1,
        position=position,
        question_id="q",
        weight=weight,
        seconds=None,
        post_id=None,
        opened_at=None,
        closed_at=None,
        used=0.0,
        resumed_at=None,
        warned=False,
    )
    return MockQuestion(**{**defaults, **values})


def test_time_a_question_does_not_use_moves_on_to_the_rest():
    slots = [_slot(0, seconds=600, used=120.0, closed_at=T0), _slot(1), _slot(2, 0.5)]
    assert share_for(slots, 1, 1500) == 920, "1500 - 120 used, split 1 : 0.5"
    overrun = [_slot(0, seconds=600, used=5000.0, closed_at=T0), _slot(1), _slot(2)]
    assert share_for(overrun, 1, 1800) == 600, "a question closed late never eats the others' time"


def test_the_clock_counts_running_stretches_and_keeps_counting_after_the_close():
    running = _slot(0, seconds=600, used=100.0, resumed_at=T0)
    assert clock_used(running, T0 + timedelta(seconds=50)) == 150
    assert seconds_left(running, T0 + timedelta(seconds=50)) == 450
    paused = replace(running, resumed_at=None)
    assert clock_used(paused, T0 + timedelta(hours=3)) == 100
    closed = _slot(0, seconds=600, used=600.0, closed_at=T0)
    assert clock_used(closed, T0 + timedelta(seconds=30)) == 630, "a late answer shows how late"


def test_the_round_clock_runs_at_wall_speed_after_a_question_closes_early():
    """Question 1 used 2 of its 10 minutes; 60 s later question 2 has run 60 s and the round lost 60 s."""
    first = _slot(0, seconds=600, used=120.0, opened_at=T0, closed_at=T0)
    second = _slot(1, seconds=1080, used=0.0, opened_at=T0, resumed_at=T0)
    later = T0 + timedelta(seconds=60)
    assert round_seconds_left([first, second], 1800, later) == 1800 - 120 - 60


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.6, "1:00"), (771, "12:51"), (3725, "1:02:05"), (-4, "0:00")]
)
def test_clock_text(seconds, text):
    assert clock_text(seconds) == text


def test_marked_score_takes_the_interviewer_over_the_grader(bank: QuestionBank):
    question = bank.get("bias-variance")
    points = [p.point for p in question.rubric]
    total = sum(p.weight for p in question.rubric)
    assert marked_score(question, set(points), {}) == 1.0
    assert marked_score(question, set(points), {0: False}) == pytest.approx(
        1 - question.rubric[0].weight / total
    )
    assert marked_score(question, set(), {0: True}) == pytest.approx(question.rubric[0].weight / total)


async def _start(ctx, pair, minutes, technical, behavioral, people) -> None:
    return None


START = Command("start", "Start a round.", _start, START_PARAMS)


def parse_start(words: list[str]) -> StartRequest:
    """`/quiz mock start` as the dispatcher reads it: its declaration's arguments, then the request."""
    return start_request(**arguments(START, " ".join(words)).values)


def test_parse_start_reads_options_by_name_in_order_and_people():
    default = parse_start([])
    assert (default.pair, default.plan, default.mentions) == (False, Plan(45, 3, 1), ())
    assert parse_start(["30", "2"]).plan == Plan(30, 2, 1)
    assert parse_start(["technical=2", "60", "1"]).plan == Plan(60, 2, 1)
    assert parse_start(["b=2", "50min"]).plan == Plan(50, 3, 2)
    request = parse_start(["pair", "<@U1>", "@bob", "30"])
    assert request.pair and request.plan.minutes == 30
    assert request.mentions == (PersonRef("<@U1>", external_id="U1"), PersonRef("@bob", name="bob"))
    for words, message in (
        (["pair", "@bob"], "names two people"),
        (["30", "2", "1", "4"], "`4` is not an option"),
        (["tech=two"], "whole number"),
        (["speed=2"], "not an option"),
        (["later"], "not an option"),
    ):
        with pytest.raises(UserError, match=message):
            parse_start(words)


def test_the_checklist_finds_what_answers_show_and_leaves_the_rest_to_tick():
    answers = [
        "Can I assume the input fits in memory? First, sort it, because then a scan is enough.",
        "That is O(n log n) time. For example [3, 1] gives [1, 3]. A heap would be faster for top-k.",
        "It showed customer obsession.",
    ]
    assert detect(answers) == {"clarify", "think", "complexity", "examples", "optimise", "principles"}
    assert detect(["I would just do it."]) == set()
    assert detect(["because it works"]) == set(), "one reasoning cue is not a thought process"
    assert states({"think"}, {"domain"}) == {
        "think": "detected",
        "clarify": "open",
        "complexity": "open",
        "examples": "open",
        "optimise": "open",
        "domain": "ticked",
        "principles": "open",
        "curiosity": "open",
    }


@pytest.mark.parametrize("word", ["minutes=²", "min=³", "technical=1²", "minutes=" + "9" * 5000])
def test_parse_start_refuses_digits_that_are_not_decimal_with_a_usage_line(word):
    with pytest.raises(UserError, match="whole number"):
        parse_start([word])
