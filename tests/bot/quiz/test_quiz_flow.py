"""Conversations with the core through the in-loop test adapter."""

from __future__ import annotations

from collections import Counter

from bot.commands import usage
from bot.replies import Visibility
from questions import Category, instantiate
from tests.support.answers import GOOD_DROPOUT, POOR_DROPOUT
from tests.support.flow import Flow, only


async def test_quiz_by_id_posts_that_question_publicly(flow: Flow):
    card = only(await flow.command("dropout"), "question")
    assert card.view.question_id == "dropout"
    assert card.visibility is Visibility.PUBLIC
    assert [b.label for b in card.blocks[-1].buttons] == ["Answer privately", "Hint", "Reveal"]


async def test_category_aliases_pick_from_that_category(flow: Flow):
    for alias, category in [
        ("math", Category.MATH_STATS),
        ("dl", Category.DEEP_LEARNING),
        ("code", Category.ML_CODING),
        ("star", Category.BEHAVIORAL),
        ("resume", Category.RESUME),
    ]:
        card = only(await flow.command(alias), "question")
        assert card.view.category == category.value, alias


async def test_category_does_not_repeat_until_exhausted(flow: Flow, test_bank):
    math_ids = {q.id for q in test_bank.in_category(Category.MATH_STATS)}
    first_round = [only(await flow.command("math"), "question").view.question_id for _ in math_ids]
    assert sorted(first_round) == sorted(math_ids)
    again = only(await flow.command("math"), "question").view.question_id
    assert again == first_round[0], "after exhaustion the oldest-used question comes back first"


async def test_default_draw_follows_weights_and_never_behavioral(flow: Flow):
    drawn = Counter()
    for _ in range(40):
        drawn[only(await flow.command(""), "question").view.category] += 1
    assert drawn[Category.BEHAVIORAL.value] == 0
    assert drawn[Category.MATH_STATS.value] > drawn[Category.RESUME.value]


async def test_good_answer_outranks_poor_answer(flow: Flow):
    await flow.command("dropout")
    good = only(await flow.as_user("alice").say(GOOD_DROPOUT), "verdict")
    poor = only(await flow.as_user("bob").say(POOR_DROPOUT), "verdict")
    assert good.view.score > 0.8 > 0.2 > poor.view.score
    assert good.visibility is Visibility.EPHEMERAL and good.recipient.display_name == "alice"
    assert good.view.missing == [] or len(good.view.covered) >= 5
    board = only(await flow.command("leaderboard"), "leaderboard").view.rows
    assert [row.name for row in board] == ["alice", "bob"]
    assert board[0].points == good.view.points and board[0].answers == 1


async def test_best_result_on_a_post_counts_once(flow: Flow):
    await flow.command("dropout")
    flow.as_user("alice")
    weak = only(await flow.say(POOR_DROPOUT), "verdict")
    strong = only(await flow.say(GOOD_DROPOUT), "verdict")
    weaker_again = only(await flow.say(POOR_DROPOUT), "verdict")
    best = strong.view.question_points
    assert weak.view.points + strong.view.points == best > weak.view.question_points
    assert (weaker_again.view.points, weaker_again.view.question_points) == (0, best)
    assert f"already earned {best} points for this question; this answer is practice" in (
        weaker_again.blocks[0].text
    )
    row = only(await flow.command("leaderboard"), "leaderboard").view.rows[0]
    assert (row.points, row.answers) == (best, 1)


async def test_a_question_posted_again_earns_only_what_beats_the_best(flow: Flow):
    await flow.command("dropout")
    first = only(await flow.as_user("alice").say(GOOD_DROPOUT), "verdict")
    await flow.command("dropout")
    again = only(await flow.say(GOOD_DROPOUT), "verdict")
    assert first.view.points == first.view.question_points > 0
    assert (again.view.points, again.view.question_points) == (0, first.view.question_points)
    assert "this answer is practice" in again.blocks[0].text
    row = only(await flow.command("leaderboard"), "leaderboard").view.rows[0]
    assert (row.points, row.answers) == (first.view.points, 2)


async def test_numeric_and_choice_answers_are_graded_exactly(flow: Flow):
    await flow.command("test-two-heads")
    assert only(await flow.say("I get 1/4"), "verdict").view.score == 1.0
    assert only(await flow.say("0.5"), "verdict").view.score == 0.0
    await flow.command("test-sparse-choice")
    assert only(await flow.say("B"), "verdict").view.score == 1.0
    assert only(await flow.say("L2 penalty"), "verdict").view.score == 0.0


async def test_unreadable_numeric_answer_gets_guidance_not_a_grade(flow: Flow):
    await flow.command("test-two-heads")
    notice = only(await flow.say("no idea honestly"), "notice")
    assert "number" in notice.blocks[0].text


async def test_hints_come_one_at_a_time_then_stop_at_the_last(flow: Flow, test_bank):
    await flow.command("dropout")
    total = len(test_bank.get("dropout").hints)
    numbers = [only(await flow.command("hint"), "hint").view.number for _ in range(total + 1)]
    assert numbers == [*range(1, total + 1), total]


async def test_buttons_act_on_their_own_post(flow: Flow):
    await flow.command("dropout")
    assert only(await flow.click("Hint"), "hint").view.question_id == "dropout"
    assert only(await flow.click("Reveal"), "reveal").view.question_id == "dropout"


async def test_answers_after_reveal_are_practice_without_points(flow: Flow):
    await flow.command("dropout")
    reveal = only(await flow.command("reveal"), "reveal")
    assert any("inverted" in getattr(block, "text", "") for block in reveal.blocks)
    verdict = only(await flow.say(GOOD_DROPOUT), "verdict")
    assert verdict.view.points == 0
    assert only(await flow.command("leaderboard"), "leaderboard").view.rows == ()


async def test_code_answer_is_stored_with_no_made_up_verdict(flow: Flow, db):
    await flow.command("kmeans")
    replies = await flow.say("```python\ndef kmeans(X, k, max_iters=100):\n    return None\n```")
    stored = only(replies, "code-stored")
    assert "not available" in stored.blocks[0].text
    assert not [r for r in replies if r.kind == "verdict"]
    row = await db.connection.fetchone("SELECT status, score, points FROM attempts")
    assert tuple(row) == ("stored", None, 0)


async def test_plain_text_on_a_code_question_asks_for_a_code_block(flow: Flow):
    await flow.command("kmeans")
    assert "```python" in only(await flow.say("I would use Lloyd's algorithm"), "notice").blocks[0].text


async def test_answer_with_no_open_question_is_explained(flow: Flow):
    notice = only(await flow.say("my answer", thread=None), "notice")
    assert "no question" in notice.blocks[0].text.lower()


async def test_bad_commands_get_short_messages(flow: Flow):
    for text in ["nonsense", "leaderboard forever", "a b c", "hint"]:
        notice = only(await flow.command(text), "notice")
        assert len(notice.blocks[0].text) < 300, text


async def test_huge_and_odd_messages_are_handled(flow: Flow, db):
    await flow.command("dropout")
    huge = only(await flow.say("x" * 100_000), "notice")
    assert "limit" in huge.blocks[0].text
    odd = only(await flow.say("drop\x00out\u202e zeroes ünits 🎲 randomly \x1b[31m"), "verdict")
    assert 0.0 <= odd.view.score <= 1.0
    stored = await db.connection.fetchone("SELECT answer FROM attempts")
    assert "\x00" not in stored[0] and "\x1b" not in stored[0] and "\u202e" not in stored[0]


async def test_leaderboard_periods(flow: Flow, clock):
    await flow.command("dropout")
    await flow.as_user("alice").say(GOOD_DROPOUT)
    clock.advance(days=10)
    await flow.command("test-two-heads")
    await flow.as_user("bob").say("0.25")
    week = only(await flow.command("leaderboard week"), "leaderboard").view.rows
    everyone = only(await flow.command("leaderboard all"), "leaderboard").view.rows
    assert [r.name for r in week] == ["bob"]
    assert {r.name for r in everyone} == {"alice", "bob"}


async def test_help_lists_every_command(flow: Flow, core):
    listed = only(await flow.command("help"), "help").view.commands
    assert listed == tuple(usage((c,)) for c in core.registry)
    assert {"/quiz hint", "/quiz reveal", "/quiz help [command]"} <= set(listed)


async def test_channels_keep_separate_histories(core):
    first, second = Flow(core, channel="C1"), Flow(core, channel="C2")
    await first.command("dropout")
    await first.as_user("alice").say(GOOD_DROPOUT)
    assert only(await second.command("leaderboard"), "leaderboard").view.rows == ()


async def test_generated_question_shows_everyone_the_same_numbers(flow: Flow, db, test_bank):
    card = only(await flow.command("bayes-rare-disease"), "question")
    row = await db.connection.fetchone("SELECT seed FROM posts WHERE id = ?", (card.view.post_id,))
    instance = instantiate(test_bank.get("bayes-rare-disease"), row["seed"])
    assert instance.prompt.strip() in [getattr(block, "text", "") for block in card.blocks]
    right = only(await flow.as_user("alice").say(f"about {instance.expected:.4f}"), "verdict")
    wrong = only(await flow.as_user("bob").say(f"{instance.expected + 0.05:.4f}"), "verdict")
    assert (right.view.score, wrong.view.score) == (1.0, 0.0)
    reveal = only(await flow.command("reveal"), "reveal")
    assert f"{instance.expected:.4f}" in reveal.blocks[1].text
