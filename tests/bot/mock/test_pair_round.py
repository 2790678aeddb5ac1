"""A pair round: the interviewer's private view, their marks as the score, the recommendation."""

from __future__ import annotations

import pytest

from bot.quiz import points_for
from storage import Database
from tests.support.flow import Flow, only
from tests.support.mock import answer, cards, notices, points_by_name, press, sent


@pytest.fixture
async def pair(room: Flow) -> Flow:
    """alice hosts a pair round of two résumé questions (all have key points): bob interviews carol."""
    await room.as_user("boss", admin=True).command("weights math=0 coding=0 dl=0 resume=1")
    await room.as_user("alice").command("mock start pair @bob @carol 30 2 0")
    return room


async def test_the_interviewer_privately_gets_answer_key_points_hints_and_follow_ups(pair: Flow):
    started = sent(pair, "mock-started")[-1]
    assert started.view.interviewer == "bob" and started.view.people == ("carol",)
    card = cards(pair)[-1]
    (view,) = sent(pair, "mock-interviewer")
    assert view.visibility.value == "direct" and view.recipient.display_name == "bob"
    question = pair.core.quiz.question(card.view.question_id)
    assert view.view.key_points == tuple(p.point for p in question.rubric)
    assert view.view.question.hints == question.hints and view.view.question.followups == question.followups
    assert any(question.answer.strip() in getattr(block, "text", "") for block in view.blocks)
    labels = [b.label for block in card.blocks if hasattr(block, "buttons") for b in block.buttons]
    assert labels == ["Answer privately"], "in a pair round the interviewer gives the hints"


async def test_only_the_candidate_answers_and_nobody_takes_hints_or_reveals(pair: Flow, db: Database):
    card = cards(pair)[-1]
    assert "You are the interviewer" in notices(await answer(pair, db, "bob", card))
    assert "pair round for its candidate" in notices(await answer(pair, db, "alice", card))
    assert "interviewer gives the hints" in notices(await pair.as_user("carol").command("hint"))
    assert "revealed together" in notices(await pair.as_user("carol").command("reveal"))
    assert await db.attempts.count() == 0


async def test_marks_score_the_candidate_and_marking_every_point_moves_on(pair: Flow, db: Database):
    card = cards(pair)[-1]
    question = pair.core.quiz.question(card.view.question_id)
    view = sent(pair, "mock-interviewer")[-1]
    await answer(pair, db, "carol", card)
    shown = sent(pair, "mock-candidate-answer", to="bob")[-1]
    assert shown.view.user == "carol" and shown.view.result.score > 0.5
    assert "Only this round's interviewer" in notices(await press(pair.as_user("carol"), "✓ 1", view))

    marked = only(await press(pair.as_user("bob"), "✓ 1", view), "mock-marked")
    assert marked.recipient.display_name == "bob" and marked.view.marks[0] is True
    for point in range(2, len(question.rubric)):
        await press(pair, f"✗ {point}", view)
    assert len(cards(pair)) == 1, "one key point is still unmarked"
    replies = await press(pair, f"✗ {len(question.rubric)}", view)
    final = only(replies, "mock-marked").view.score
    expected = question.rubric[0].weight / sum(p.weight for p in question.rubric)
    assert final == pytest.approx(expected), "the interviewer's marks decide, even below the grader's score"
    assert only(replies, "mock-reveal").view.reason == "every key point marked"
    assert len(cards(pair)) == 2

    assert await points_by_name(db) == {"carol": ("mock", points_for(question, final))}
    (score,) = await db.connection.fetchall("SELECT score FROM points_ledger")
    assert score[0] == pytest.approx(final)


async def test_the_recommendation_and_the_scorecards_at_the_end(pair: Flow, db: Database):
    view = sent(pair, "mock-interviewer")[-1]
    await answer(pair, db, "carol", cards(pair)[-1], "I'm not sure; maybe I would try a few models?")
    recorded = only(await press(pair.as_user("bob"), "Yes", view), "mock-recommendation")
    assert recorded.view.recommendation == "yes"
    await pair.as_user("alice").command("mock end")
    own = only(sent(pair, "mock-scorecard", to="carol"), "mock-scorecard")
    assert own.view.recommendation == "yes"
    assert own.view.checklist["clarify"] == "detected", "a question mark in an answer counts as clarifying"
    copy = only(sent(pair, "mock-scorecard", to="bob"), "mock-scorecard")
    assert copy.view.user == "carol"
    assert not [b for block in copy.blocks if hasattr(block, "buttons") for b in block.buttons]
    assert not sent(pair, "mock-recommend"), "bob already recommended"

    ticked = only(
        await press(pair.as_user("carol"), "Tick: Connected answers to the company's domain", own),
        "mock-checklist",
    )
    assert ticked.view.checklist["domain"] == "ticked"
    refused = await press(pair.as_user("bob"), "Tick: Connected answers to the company's domain", own)
    assert "Only the person this scorecard belongs to" in notices(refused)
    again = await press(pair.as_user("carol"), "Tick: Connected answers to the company's domain", own)
    assert only(again, "mock-checklist").view.checklist["domain"] == "open", "ticking again unticks"
    assert "scorecard is final" in notices(await press(pair.as_user("bob"), "✓ 1", view))


async def test_an_interviewer_who_has_not_recommended_is_asked_at_the_end(pair: Flow):
    await pair.as_user("boss", admin=True).command("mock end")
    prompt = only(sent(pair, "mock-recommend"), "mock-recommend")
    assert prompt.recipient.display_name == "bob"
    assert sent(pair, "mock-scorecard", to="carol")[-1].view.recommendation is None
    await press(pair.as_user("bob"), "Strong yes", prompt)
    told = sent(pair, "mock-recommendation", to="carol")[-1]
    assert told.visibility.value == "direct" and told.view.recommendation == "strong-yes"


async def test_a_pair_round_needs_two_different_known_people(room: Flow):
    assert "names two people" in notices(await room.command("mock start pair @bob"))
    assert "two different people" in notices(await room.command("mock start pair @bob @BOB"))
    replies = await room.command("mock start pair <@u-bob> <@u-newcomer|dana>")
    assert only(replies, "mock-started").view.people == ("dana",), "platform mentions work for anyone"
    assert "one interviewer and one candidate" in notices(await room.as_user("carol").command("mock join"))
