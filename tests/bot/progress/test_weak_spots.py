"""Team weak spots, and the opt-in that leans the daily draw toward them."""

from __future__ import annotations

from bot.progress import daily_nudge
from questions import Category
from storage import Database
from tests.support.answers import GOOD_DROPOUT
from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import scored


async def _history(flow: Flow) -> None:
    for who in ("alice", "bob", "carol"):
        await scored(flow, who, "test-two-heads", "0.25")
        await scored(flow, who, "dropout", "it drops units")
    await scored(flow, "dave", "dropout", GOOD_DROPOUT)


async def test_the_weakest_categories_and_tags_come_first(flow: Flow):
    assert "Not enough answers" in only(await flow.command("weak-spots"), "weak-spots").blocks[1].text
    await _history(flow)
    spots = only(await flow.command("weak-spots"), "weak-spots").view
    assert [c.name for c in spots.categories] == ["deep-learning", "math-stats"]
    assert spots.categories[0].answers == 4 and spots.categories[1].average == 1.0
    assert spots.tags[0].name in {"dropout", "regularization"} and spots.tags[-1].name == "probability"
    assert spots.nudging is False


async def test_admins_opt_a_channel_in_and_the_draw_leans_toward_the_weakest(
    flow: Flow, db: Database, clock: ManualClock
):
    await _history(flow)
    bank, channel_id = flow.core.quiz.bank, 1
    weights = await flow.core.quiz.weights(channel_id)
    assert (await daily_nudge(db, bank, channel_id, weights, clock.now)).weights == weights
    assert (
        "Only admins"
        in only(await flow.as_user("alice").command("weak-spots nudge on"), "notice").blocks[0].text
    )
    turned = only(await flow.as_user("boss", admin=True).command("weak-spots nudge on"), "weak-spots")
    assert turned.view.nudging is True
    nudge = await daily_nudge(db, bank, channel_id, weights, clock.now)
    assert nudge.weights[Category.DEEP_LEARNING] == 2 * weights[Category.DEEP_LEARNING]
    assert nudge.weights[Category.MATH_STATS] == weights[Category.MATH_STATS]
    unrelated = next(q for q in bank.in_category(Category.DEEP_LEARNING) if not nudge.weak_tags & set(q.tags))
    steered = nudge.steer(unrelated, bank, {}, seed=5)
    assert steered.category is Category.DEEP_LEARNING and nudge.weak_tags & set(steered.tags)
    off = only(await flow.command("weak-spots nudge off"), "weak-spots")
    assert off.view.nudging is False
    assert "Usage" in only(await flow.command("weak-spots nudge maybe"), "notice").blocks[0].text
