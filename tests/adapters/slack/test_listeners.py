"""The real Bolt app over signed HTTP: slash command, thread replies, buttons, modals, retries, admins."""

from __future__ import annotations

import time

from adapters.slack import SlackBot
from bot.commands import Command
from bot.context import Context
from tests.support.answers import GOOD_DROPOUT, POOR_DROPOUT
from tests.support.fake_slack import (
    BOT_USER,
    CHANNEL,
    FakeSlack,
    _texts,
    file_share_event,
    home_opened_event,
    joined_event,
    message_event,
)
from tests.support.slack import (
    ALICE,
    BOB,
    LISTED,
    OWNER,
    answer_privately,
    ask,
    button,
)


async def test_full_journey_question_thread_answer_verdict_leaderboard(fake: FakeSlack, slack: SlackBot):
    """The reply comes the moment the card is seen: the bot must already know the card's thread."""
    delivered = await fake.command("dropout", user=ALICE)
    assert delivered.status == 200 and delivered.seconds < 3
    card = (await fake.wait_for("chat.postMessage", lambda c: c.ok))[0]
    assert card.params["channel"] == CHANNEL and "thread_ts" not in card.params
    assert "How dropout works" in card.all_text()
    assert [a.split(":")[1] for a in card.action_ids()] == ["answer", "hint", "reveal"]

    thread = card.response["ts"]
    assert (await fake.reply(GOOD_DROPOUT, user=ALICE, thread_ts=thread)).status == 200
    verdict = (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE))[0]
    assert verdict.ok and verdict.params["thread_ts"] == thread
    assert "Passed" in verdict.all_text()

    await fake.reply(POOR_DROPOUT, user=BOB, thread_ts=thread)
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)

    await fake.command("leaderboard", user=BOB)
    board = await fake.wait_for("chat.postMessage", lambda c: c.ok and "Leaderboard" in c.all_text())
    text = board[0].all_text()
    assert "alice" in text and "bob" in text and text.index("alice") < text.index("bob")
    assert not fake.responses, "everything went through the Web API; response_url is only a fallback"


async def test_bad_or_stale_signature_gets_401_and_runs_nothing(fake: FakeSlack, slack: SlackBot):
    forged = await fake.command("dropout", user=ALICE, secret="not-the-signing-secret")
    stale = await fake.command("dropout", user=ALICE, timestamp=int(time.time()) - 10 * 60)
    assert (forged.status, stale.status) == (401, 401)
    good = await fake.command("help", user=ALICE)
    assert good.status == 200
    await fake.wait_for("chat.postMessage")
    assert [c.method for c in fake.calls if c.method.startswith("chat.")] == ["chat.postMessage"]
    assert len(fake.calls_to("users.info")) == 1, "only the signed request reached a listener"


async def test_retried_event_is_handled_once(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    thread = card.response["ts"]
    first = await fake.reply(GOOD_DROPOUT, user=ALICE, thread_ts=thread, event_id="Ev0DUPLICATE")
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE)
    again = await fake.reply(GOOD_DROPOUT, user=ALICE, thread_ts=thread, event_id="Ev0DUPLICATE", retry=1)
    assert first.status == again.status == 200
    await fake.reply(POOR_DROPOUT, user=BOB, thread_ts=thread)
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)
    assert len(fake.ephemerals(ALICE)) == 1, "the retry must not be graded again"


async def test_messages_outside_question_threads_are_ignored(fake: FakeSlack, slack: SlackBot):
    await fake.deliver("events_api", message_event("just chatting", user=ALICE))
    other_thread = message_event("a reply under a person's post", user=ALICE, thread_ts="1700000000.000100")
    other_thread["event"]["parent_user_id"] = BOB
    await fake.deliver("events_api", other_thread)
    await fake.command("help", user=BOB)
    await fake.wait_for("chat.postMessage")
    assert fake.ephemerals(ALICE) == [], "no 'no question here' noise for ordinary conversation"


async def test_hint_button_answers_in_the_thread(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    assert (await fake.click(button(card, "hint"), user=BOB, card=card)).status == 200
    hint = await fake.wait_for("chat.postMessage", lambda c: c.params.get("thread_ts") == card.response["ts"])
    assert "Hint 1 of" in hint[0].all_text()


async def test_answer_privately_opens_a_modal_and_its_answer_is_graded(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    await fake.click(button(card, "answer"), user=BOB, card=card)
    opened = (await fake.wait_for("views.open"))[0]
    assert opened.ok, opened.response
    view = opened.params["view"]
    assert view["callback_id"] == button(card, "answer")
    assert view["blocks"][0]["element"]["multiline"] is True
    assert not fake.calls_to("users.info", lambda c: c.params["user"] == BOB), "the modal opens first"

    assert (await fake.submit(opened, {"answer": GOOD_DROPOUT}, user=BOB)).status == 200
    verdict = (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB))[0]
    assert "Passed" in verdict.all_text() and verdict.params["thread_ts"] == card.response["ts"]
    status = await fake.wait_for("chat.postMessage", lambda c: "answered privately" in c.all_text())
    assert status[0].params["thread_ts"] == card.response["ts"]
    assert GOOD_DROPOUT[:40] not in status[0].all_text(), "a private answer stays private until the reveal"


async def test_non_admin_gets_a_polite_refusal_and_admins_pass(fake: FakeSlack, slack: SlackBot, core):
    async def secret(ctx: Context) -> None:
        await ctx.notice(f"settings changed by {ctx.actor.display_name}")

    core.registry.add(Command("tune", "An admin-only test command.", secret, admin=True))
    await fake.command("tune", user=ALICE)
    refusal = (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE))[0]
    assert "Only admins can use `/quiz tune`" in refusal.all_text()
    assert "settings changed" not in refusal.all_text()

    for admin in (OWNER, LISTED):
        await fake.command("tune", user=admin)
        done = await fake.wait_for("chat.postEphemeral", lambda c, who=admin: c.params["user"] == who)
        assert "settings changed by" in done[0].all_text(), admin


async def test_non_admin_cannot_change_the_schedule_but_a_workspace_owner_can(
    fake: FakeSlack, slack: SlackBot
):
    await fake.command("schedule 08:00", user=ALICE)
    refusal = (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE))[0]
    assert "Only admins can use `/quiz schedule" in refusal.all_text()
    assert not fake.calls_to("chat.postMessage"), "nothing changed, nothing announced"

    await fake.command("schedule 08:00", user=OWNER)
    card = await fake.wait_for("chat.postMessage", lambda c: "Daily question settings" in c.all_text())
    assert "Schedule updated" in card[0].all_text() and "08:00" in card[0].all_text()


async def test_slash_command_where_the_bot_is_not_a_member_explains_privately(
    fake: FakeSlack, slack: SlackBot
):
    fake.outside.add("C0ELSEWHERE")
    delivered = await fake.command("dropout", user=ALICE, channel="C0ELSEWHERE")
    assert delivered.status == 200
    await fake.wait_until(lambda: bool(fake.responses))
    assert fake.responses[0]["response_type"] == "ephemeral"
    assert "/invite @ScreenPrep" in fake.responses[0]["text"] + str(fake.responses[0]["blocks"])


async def test_slacks_url_verification_challenge_is_answered(fake: FakeSlack, slack: SlackBot):
    challenge = {
        "token": "verification-token",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
    delivered = await fake.deliver("events_api", challenge)
    assert delivered.status == 200 and challenge["challenge"] in delivered.body


async def test_a_button_the_core_does_not_know_gets_a_private_explanation(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    assert (await fake.click("zzz:poke:1", user=BOB, card=card)).status == 200
    told = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)
    assert "not recognised" in told[0].all_text()


async def test_a_pair_round_starts_with_real_mentions_of_someone_new(fake: FakeSlack, slack: SlackBot):
    """Slack escapes `@dana.k` to `<@U0DANA|dana.k>`: the id reaches the core, though Dana is new here."""
    fake.add_user("U0DANA", "Dana", handle="dana.k")
    await fake.command("help", user=ALICE)
    await fake.wait_for("chat.postMessage")
    await fake.command("mock start pair @alice @dana.k", user=ALICE)
    started = await fake.wait_for("chat.postMessage", lambda c: c.ok and "interviews" in c.all_text())
    assert "*alice* interviews" in started[0].all_text()
    assert not fake.ephemerals(ALICE), [c.all_text() for c in fake.ephemerals(ALICE)]


async def test_stats_for_a_mentioned_person_shows_their_chart(fake: FakeSlack, slack: SlackBot):
    """`/quiz stats @bob.smith` names Bob by id (his display name is "Bob"), and the PNG is uploaded."""
    fake.add_user("U0BOBS", "Bob", handle="bob.smith")
    card = await ask(fake, "dropout")
    await fake.reply(GOOD_DROPOUT, user="U0BOBS", thread_ts=card.response["ts"])
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == "U0BOBS")

    await fake.command("stats @bob.smith", user=ALICE)
    # A process's first matplotlib chart takes seconds on a busy machine.
    stats = await fake.wait_for(
        "chat.postMessage", lambda c: c.ok and "Stats · Bob" in c.all_text(), within=30
    )
    await fake.wait_until(lambda: bool(fake.shared), within=30)
    chart = fake.shared[0]
    assert chart["data"].startswith(b"\x89PNG") and chart["filename"].endswith(".png")
    assert chart["channel"] == CHANNEL and "Bob" in chart["title"]
    assert "attached below" in stats[0].all_text()


async def test_an_answer_shared_as_a_snippet_is_graded(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    snippet = fake.add_file(
        "answer.txt", GOOD_DROPOUT.encode(), filetype="text", mimetype="text/plain", mode="snippet"
    )
    event = file_share_event("", [snippet], user=ALICE, thread_ts=card.response["ts"])
    assert (await fake.deliver("events_api", event)).status == 200
    verdict = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE)
    assert "Passed" in verdict[0].all_text()


async def test_a_shared_file_that_is_not_text_gets_a_clear_answer(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    photo = fake.add_file("whiteboard.png", b"\x89PNG....", filetype="png", mimetype="image/png")
    await fake.deliver(
        "events_api", file_share_event("my answer", [photo], user=BOB, thread_ts=card.response["ts"])
    )
    told = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)
    text = told[0].all_text()
    assert "only read text" in text and "whiteboard.png" in text and "snippet" in text
    assert told[0].params["thread_ts"] == card.response["ts"]


async def test_a_private_verdict_is_also_kept_in_the_persons_messages(fake: FakeSlack, slack: SlackBot):
    await answer_privately(fake, await ask(fake, "dropout"), GOOD_DROPOUT, user=BOB)
    copy = await fake.wait_for("chat.postMessage", lambda c: c.ok and c.params["channel"] == "D" + BOB)
    text = copy[0].all_text()
    assert "Passed" in text and "`dropout`" in text and "#quiz" in text


async def test_quiz_answer_says_which_question_it_graded(fake: FakeSlack, slack: SlackBot):
    """Slash commands carry no thread, so the verdict names the channel's latest question it went to."""
    await ask(fake, "dropout")
    await ask(fake, "test-two-heads")
    await fake.command(f"answer {GOOD_DROPOUT}", user=ALICE)
    verdict = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE)
    text = verdict[0].all_text()
    assert "`test-two-heads`, this channel's latest question" in text and "Answer privately" in text


async def test_the_code_form_says_what_to_do_with_longer_code(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "classification-metrics")
    await fake.click(button(card, "code"), user=ALICE, card=card)
    opened = (await fake.wait_for("views.open"))[0]
    block = opened.params["view"]["blocks"][0]
    assert block["element"]["max_length"] == 3000
    assert "Reply in the question's thread" in block["hint"]["text"] and "snippet" in block["hint"]["text"]


async def test_an_expired_trigger_gets_a_press_again_note(fake: FakeSlack, slack: SlackBot):
    card = await ask(fake, "dropout")
    fake.trigger_seconds = 0.0
    await fake.click(button(card, "answer"), user=BOB, card=card)
    refused = (await fake.wait_for("views.open"))[0]
    assert refused.response["error"] == "expired_trigger_id"
    told = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)
    assert "press the button again" in told[0].all_text()


async def test_the_bot_says_hello_when_it_joins_a_channel_and_only_then(fake: FakeSlack, slack: SlackBot):
    await fake.deliver("events_api", joined_event(ALICE, channel="C0NEW"))
    await fake.deliver("events_api", joined_event(BOT_USER, channel="C0NEW"))
    hello = await fake.wait_for("chat.postMessage", lambda c: c.params["channel"] == "C0NEW")
    text = hello[0].all_text()
    assert "/quiz" in text and "/quiz leaderboard" in text and "/quiz help" in text
    await fake.command("help", user=ALICE)
    await fake.wait_for("chat.postMessage", lambda c: c.params["channel"] == CHANNEL)
    assert len(fake.calls_to("chat.postMessage", lambda c: c.params["channel"] == "C0NEW")) == 1


async def test_the_app_home_shows_points_rank_streak_reviews_and_verdicts(fake: FakeSlack, slack: SlackBot):
    await answer_privately(fake, await ask(fake, "dropout"), GOOD_DROPOUT, user=ALICE)

    assert (await fake.deliver("events_api", home_opened_event(ALICE))).status == 200
    published = (await fake.wait_for("views.publish", lambda c: c.params["user_id"] == ALICE))[0]
    assert published.ok, published.response
    home = "\n".join(_texts(published.params["view"]))
    assert "points" in home and "rank *#1*" in home and "streak" in home
    assert "Spaced review" in home and "`dropout` in #quiz: passed" in home
    assert "Channel settings" not in home, "settings are for admins"

    await fake.deliver("events_api", home_opened_event(OWNER))
    owner = (await fake.wait_for("views.publish", lambda c: c.params["user_id"] == OWNER))[0]
    assert "Channel settings" in "\n".join(_texts(owner.params["view"]))
    assert "#quiz" in "\n".join(_texts(owner.params["view"]))


async def test_an_answer_echoed_in_an_open_channel_shows_as_typed(fake: FakeSlack, slack: SlackBot):
    await fake.command("visibility open", user=OWNER)
    await fake.wait_for("chat.postMessage", lambda c: "Daily question settings" in c.all_text())
    await ask(fake, "dropout")
    await fake.command("answer *dropout* zeroes _units_ at random", user=ALICE)
    status = await fake.wait_for("chat.postMessage", lambda c: "answered privately" in c.all_text())
    text = status[0].all_text()
    assert "∗dropout∗ zeroes ˍunitsˍ at random" in text and "*dropout*" not in text
    assert "*alice* answered privately" in text, "the bot's own formatting stays"
