"""A group round through the core: private answers revealed together, the clock, late answers, scorecards."""

from __future__ import annotations

from datetime import timedelta

from bot.replies import Table
from storage import Database
from tests.support.flow import Flow, ManualClock, only
from tests.support.mock import PEOPLE, answer, cards, good_answer, notices, points_by_name, sent


async def test_a_full_three_plus_one_group_round(room: Flow, db: Database, clock: ManualClock):
    started = only(await room.as_user("alice").command("mock start @bob @carol"), "mock-started")
    agenda = started.view.agenda
    assert started.view.people == tuple(PEOPLE)
    last_is_behavioral = [a.question.category == "behavioral" for a in agenda]
    assert last_is_behavioral == [False, False, False, True], "behavioral last"
    assert not {a.question.category for a in agenda} & {"ml-coding"}, "technical questions follow the weights"
    assert sum(a.seconds for a in agenda) == 45 * 60
    assert abs(agenda[3].seconds * 2 - agenda[0].seconds) <= 2, "behavioral questions get half the time"

    first = cards(room)[-1]
    for name in PEOPLE[:2]:
        await answer(room, db, name, first)
        assert not sent(room, "mock-reveal"), "answers stay hidden until everyone has answered"
    clock.advance(minutes=3)
    await answer(room, db, "carol", first)
    reveal = only(sent(room, "mock-reveal"), "mock-reveal")
    assert reveal.view.reason == "everyone answered"
    assert [r.name for r in reveal.view.results] == list(PEOPLE)
    assert (
        reveal.thread_id == room.outbox.sent[[s.reply for s in room.outbox.sent].index(first)].ref.thread_id
    )

    second = cards(room)[-1]
    assert second.view.position == 1
    assert second.view.seconds > agenda[1].seconds, "time the first question did not use moves on"
    await answer(room, db, "alice", second)
    await answer(room, db, "bob", second)
    opened = clock.now
    clock.now = opened + timedelta(seconds=second.view.seconds - 121)
    await room.core.mock.tick(clock.now)
    assert not sent(room, "mock-warning")
    clock.now += timedelta(seconds=1)
    await room.core.mock.tick(clock.now)
    await room.core.mock.tick(clock.now + timedelta(seconds=5))
    warning = only(sent(room, "mock-warning"), "mock-warning")
    assert warning.view.seconds_left == 120 and warning.thread_id is not None
    clock.now = opened + timedelta(seconds=second.view.seconds)
    await room.core.mock.tick(clock.now)
    timed_out = sent(room, "mock-reveal")[-1]
    assert timed_out.view.reason == "time is up"
    assert [r.result.answered for r in timed_out.view.results] == [True, True, False]

    third = cards(room)[-1]
    for name in PEOPLE:
        await answer(room, db, name, third)
    behavioral = cards(room)[-1]
    assert behavioral.view.category == "behavioral" and behavioral.view.position == 3
    for name in PEOPLE:
        await answer(room, db, name, behavioral)

    summary = only(sent(room, "mock-summary"), "mock-summary")
    assert {r.member.display_name for r in summary.view.results} == set(PEOPLE)
    scorecards = sent(room, "mock-scorecard")
    assert [s.recipient.display_name for s in scorecards] == list(PEOPLE)
    assert all(s.visibility.value == "direct" for s in scorecards)
    carol = scorecards[2].view
    assert [q.position for q in carol.questions] == [0, 1, 2, 3]
    assert carol.questions[1].score is None and carol.questions[1].used is None
    assert carol.questions[0].used == 180, "time used is counted from the question's opening"
    assert set(carol.checklist) == {
        "think",
        "clarify",
        "complexity",
        "examples",
        "optimise",
        "domain",
        "principles",
        "curiosity",
    }
    assert await points_by_name(db) == {
        card.recipient.display_name: ("mock", card.view.points) for card in scorecards
    }, "round points go to the leaderboard under 'mock', once"
    assert only(await room.command("mock status"), "notice").blocks[0].text.startswith("No mock round")


async def test_answers_stay_hidden_until_the_question_closes_even_in_an_open_channel(
    room: Flow, db: Database
):
    await room.as_user("boss", admin=True).command("visibility open")
    await room.as_user("alice").command("mock start 20 2 0 @bob")
    card = cards(room)[-1]
    replies = await answer(room, db, "alice", card)
    assert only(replies, "answer-status").view.shows_answer is False
    await answer(room, db, "bob", card)
    reveal = sent(room, "mock-reveal")[-1]
    assert reveal.view.results[0].result.answered and "Reference answer" in str(reveal.blocks)


async def test_a_late_answer_is_accepted_and_marked_late_without_points(
    room: Flow, db: Database, clock: ManualClock
):
    await room.as_user("alice").command("mock start minutes=10 technical=1 behavioral=1 @bob")
    first = cards(room)[-1]
    await answer(room, db, "bob", first)
    clock.advance(seconds=first.view.seconds)
    await room.core.mock.tick(clock.now)
    assert sent(room, "mock-reveal")[-1].view.reason == "time is up"
    clock.advance(seconds=30)
    replies = await answer(room, db, "alice", first)
    verdict = next(r for r in replies if r.kind == "verdict")
    assert verdict.view.points == 0 and verdict.view.score > 0
    assert "marked late" in notices(replies)
    await room.as_user("alice").command("mock end")
    alice = sent(room, "mock-scorecard", to="alice")[-1].view.questions[0]
    assert alice.late is True and alice.points == 0 and alice.score > 0
    assert alice.used == first.view.seconds + 30
    bob = sent(room, "mock-scorecard", to="bob")[-1].view.questions[0]
    assert bob.late is False and bob.points > 0


async def test_someone_who_answers_without_joining_takes_part_from_then_on(room: Flow, db: Database):
    await room.as_user("alice").command("mock start 20 2 0")
    replies = await answer(room, db, "carol", cards(room)[-1])
    assert "joined this mock round" in notices(replies)
    assert not sent(room, "mock-reveal"), "alice has not answered yet"
    await answer(room, db, "alice", cards(room)[-1])
    assert [r.name for r in sent(room, "mock-reveal")[-1].view.results] == ["alice", "carol"]


async def test_join_status_pause_and_resume(room: Flow, db: Database, clock: ManualClock):
    await room.as_user("alice").command("mock start 30 2 0")
    joined = only(await room.as_user("bob").command("mock join"), "mock-joined")
    assert joined.view.people == ("alice", "bob")
    assert "already" in notices(await room.as_user("bob").command("mock join"))
    await answer(room, db, "bob", cards(room)[-1])
    share = cards(room)[-1].view.seconds
    clock.advance(minutes=4)
    status = only(await room.as_user("carol").command("mock status"), "mock-status")
    assert status.view.answered == ("bob",) and status.view.waiting == ("alice",)
    assert status.view.seconds_left == share - 240 and status.visibility.value == "ephemeral"
    await room.as_user("alice").command("mock pause")
    clock.advance(hours=2)
    await room.core.mock.tick(clock.now)
    assert not sent(room, "mock-reveal"), "a paused clock does not run out"
    resumed = only(await room.as_user("alice").command("mock resume"), "mock-resumed")
    assert resumed.view.seconds_left == share - 240
    clock.advance(seconds=share - 240)
    await room.core.mock.tick(clock.now)
    assert sent(room, "mock-reveal")[-1].view.reason == "time is up"


async def test_a_round_that_is_too_short_or_oddly_asked_for_is_refused_with_the_reason(room: Flow):
    assert "too short" in notices(await room.command("mock start 5 3 1"))
    assert "between 0 and 6" in notices(await room.command("mock start technical=9"))
    assert "not an option" in notices(await room.command("mock start soon"))
    assert "don't know @zoe" in notices(await room.command("mock start @zoe"))
    assert not cards(room)
    await room.command("mock start")
    assert "already running" in notices(await room.as_user("bob").command("mock start"))


async def test_help_lists_the_mock_commands(room: Flow):
    card = only(await room.command("mock"), "command-help")
    rows = next(b for b in card.blocks if isinstance(b, Table)).rows
    assert any("pair @interviewer @candidate" in summary for _, summary in rows)
    assert [u.split()[2] for u in card.view.commands] == [
        c.name for c in room.core.registry.get("mock").subcommands
    ]
    assert {"optout", "pairing", "resume"} <= {u.split()[2] for u in card.view.commands}
    listed = only(await room.command("help"), "help").view.commands
    assert "/quiz mock start|join|status|next|pause|resume|end|pairing|optin|optout" in listed


async def test_a_round_question_already_earned_elsewhere_adds_no_points(room: Flow, db: Database):
    await room.as_user("alice").command("mock start 20 1 0 @bob")
    card = cards(room)[-1]
    elsewhere = Flow(room.core, channel="C2").as_user("alice")
    earlier = only(await elsewhere.command(card.view.question_id), "question")
    first = only(await elsewhere.say(await good_answer(elsewhere, db, earlier)), "verdict")
    assert first.view.points > 0

    verdict = next(r for r in await answer(room, db, "alice", card) if r.kind == "verdict")
    assert (verdict.view.points, verdict.view.question_points) == (0, first.view.points)
    assert "this answer is practice" in verdict.blocks[0].text
    await answer(room, db, "bob", card)
    scored = {c.recipient.display_name: c.view.questions[0].points for c in sent(room, "mock-scorecard")}
    assert scored == {"alice": 0, "bob": first.view.points}, "the scorecard shows what the round added"
