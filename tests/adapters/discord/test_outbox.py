"""Where replies land: thread answers graded by DM, the mention fallback, and unprompted daily posts."""

from __future__ import annotations

from bot import Core
from tests.support.answers import GOOD_DROPOUT
from tests.support.discord import Starter, ask
from tests.support.fake_discord import (
    ADMIN,
    ALICE,
    APP_ID,
    ATTACH_FILES,
    BOB,
    CHANNEL_ID,
    VIEW_CHANNEL,
    FakeDiscord,
    Interaction,
    custom_ids,
)


async def test_with_the_content_intent_a_thread_message_is_an_answer_graded_by_dm(
    core: Core, fake: FakeDiscord, start: Starter
):
    _, forum_post = fake.add_forum()
    async with start(core, message_content=True) as client:
        assert fake.message_content_intent
        await ask(fake, "dropout")
        thread = next(int(t["id"]) for t in fake.threads() if t["owner_id"] == str(client.user.id))
        await fake.say(forum_post, "a thread the bot did not open is not read", BOB)
        await fake.say(thread, GOOD_DROPOUT, ALICE)
        [verdict] = await fake.wait_for(lambda: fake.dms(ALICE))
        await client.drain(5)
    embed = verdict["embeds"][0]
    assert embed["description"].startswith("✅ Passed")
    assert "answers private until the reveal" in embed["description"], "the core's reminder, kept"
    assert not fake.posts(thread) and not fake.dms(BOB)


async def test_without_the_intent_only_a_message_mentioning_the_bot_counts(fake: FakeDiscord, bot):
    assert not fake.message_content_intent
    await ask(fake, "dropout")
    thread = int(fake.threads()[0]["id"])
    await fake.say(thread, "not graded: Discord hides this text from us", BOB)
    await fake.say(thread, GOOD_DROPOUT, ALICE, mention_bot=True)
    [verdict] = await fake.wait_for(lambda: fake.dms(ALICE))
    assert verdict["embeds"][0]["description"].startswith("✅ Passed")
    [told] = await fake.wait_for(lambda: fake.dms(BOB))
    assert "could not read your reply" in told["content"], "told, never graded"
    await fake.say(CHANNEL_ID, "outside a question thread", BOB, mention_bot=True)
    board = await fake.slash("leaderboard", BOB)
    await fake.wait_for(lambda: board.deleted_original)
    rows = fake.posts()[-1]["embeds"][0]["description"]
    assert "Alice" in rows and "Bob" not in rows


async def test_closed_dms_fall_back_to_a_short_public_mention(fake: FakeDiscord, bot):
    fake.dm_closed.add(ALICE.id)
    await ask(fake, "dropout")
    thread = int(fake.threads()[0]["id"])
    await fake.say(thread, GOOD_DROPOUT, ALICE, mention_bot=True)
    [notice] = await fake.wait_for(lambda: fake.posts(thread))
    assert (
        notice["content"].startswith(f"<@{ALICE.id}>") and "direct messages are closed" in notice["content"]
    )
    assert not notice["embeds"], "the verdict itself stays private"
    mentions = fake.calls_to("POST", rf"/channels/{thread}/messages")[0].body["allowed_mentions"]
    assert mentions["users"] == [ALICE.id] and mentions["parse"] == []


async def test_the_daily_question_is_posted_with_a_thread_and_revealed_there(
    core: Core, clock, fake: FakeDiscord, bot
):
    schedule = await fake.slash("schedule", ADMIN, time="09:00", zone="UTC", days="mon-sun")
    await fake.wait_for(lambda: schedule.deleted_original)
    posted = await core.daily.tick(clock.now)
    assert len(posted) == 1
    card = await fake.wait_for(lambda: [p for p in fake.posts() if p.get("components")])
    [thread] = fake.threads()
    assert thread["name"] == card[0]["embeds"][0]["title"]
    assert [i.split(":")[1] for i in custom_ids(card[0])] in (["answer", "hint"], ["code", "hint"])
    assert await core.daily.tick(clock.now) == [], "each slot is posted once"
    clock.advance(hours=8)
    await core.daily.tick(clock.now)
    [reveal] = await fake.wait_for(lambda: fake.posts(int(thread["id"])))
    assert reveal["embeds"][0]["title"].startswith("Answer: ")


async def test_a_question_asked_in_a_forum_post_is_refused_privately(
    core: Core, fake: FakeDiscord, start: Starter
):
    _, forum_post = fake.add_forum()
    async with start(core):
        ask = await fake.slash("ask", ALICE, forum_post, topic="dropout")
        await fake.wait_for(lambda: ask.followups)
    [notice] = ask.followups
    assert notice["flags"] == 64 and "text channels" in notice["content"]
    assert not fake.calls_to("POST", r"/channels/\d+/messages")


async def test_a_chart_is_uploaded_and_shown_as_the_embed_image(fake: FakeDiscord, bot):
    stats = await fake.slash("stats", ALICE)
    await fake.wait_for(lambda: stats.deleted_original or stats.followups)
    [upload] = [c for c in fake.calls if c.files]
    [png] = upload.files
    assert png["data"].startswith(b"\x89PNG") and png["filename"].endswith(".png")
    embed = upload.body["embeds"][0]
    assert embed["image"]["url"] == f"attachment://{png['filename']}"
    assert upload.body["attachments"][0]["description"], "alt text for screen readers"


def card_notice(card: dict) -> str:
    return card["embeds"][0]["description"].split("\n\n")[-1]


async def test_without_the_intent_the_card_asks_for_a_mention_and_an_unread_reply_is_told_once(
    fake: FakeDiscord, bot
):
    card = await ask(fake, "dropout")
    assert f"reply in the thread starting with <@{APP_ID}>" in card_notice(card)
    thread = int(fake.threads()[0]["id"])
    await fake.say(thread, GOOD_DROPOUT, BOB)
    [told] = await fake.wait_for(lambda: fake.dms(BOB))
    notice = told["content"]
    assert f"Start your reply with <@{APP_ID}>" in notice and "Answer privately" in notice
    await fake.say(thread, "a second try, still unread", BOB)
    await fake.say(thread, GOOD_DROPOUT, ALICE, mention_bot=True)
    await fake.wait_for(lambda: fake.dms(ALICE))
    assert len(fake.dms(BOB)) == 1, "told once per thread, not on every message"


async def test_with_the_intent_the_card_invites_plain_thread_replies(
    core: Core, fake: FakeDiscord, start: Starter
):
    async with start(core, message_content=True):
        card = await ask(fake, "dropout")
    assert "reply in the thread, with" in card_notice(card) and f"<@{APP_ID}>" not in card_notice(card)


def said(interaction: Interaction) -> str:
    return " ".join(f.get("content") or "" for f in interaction.followups)


async def test_a_chart_without_attach_files_names_the_permission_and_the_channel(
    core: Core, fake: FakeDiscord, start: Starter
):
    fake.deny(CHANNEL_ID, ATTACH_FILES)
    async with start(core):
        stats = await fake.slash("stats", ALICE)
        await fake.wait_for(lambda: stats.followups)
    notice = said(stats)
    assert "**Attach Files**" in notice and f"<#{CHANNEL_ID}>" in notice
    assert "Something went wrong" not in notice
    assert [c.status for c in fake.calls if c.files] == [403], "Discord refused the upload, as the fake says"


async def test_a_channel_the_bot_cannot_see_is_named_with_the_view_channels_permission(
    core: Core, fake: FakeDiscord, start: Starter
):
    fake.deny(CHANNEL_ID, VIEW_CHANNEL)
    async with start(core):
        ask = await fake.slash("ask", topic="dropout")
        await fake.wait_for(lambda: ask.followups)
    assert "**View Channels**" in said(ask) and f"<#{CHANNEL_ID}>" in said(ask)


async def test_a_reply_after_the_interaction_token_expired_comes_by_dm(fake: FakeDiscord, bot):
    card = await ask(fake, "dropout")
    answer_id = custom_ids(card)[0]
    submit = await fake.submit(answer_id, {"answer": GOOD_DROPOUT}, BOB, expire_on_ack=True)
    [verdict] = await fake.wait_for(lambda: fake.dms(BOB))
    assert verdict["embeds"][0]["description"].startswith("✅ Passed")
    assert 50027 in submit.refused, "Discord refused the follow-up with 401 Invalid Webhook Token"
    assert not submit.followups


async def test_a_rate_limited_post_is_retried_after_retry_after(fake: FakeDiscord, bot):
    fake.rate_limit("POST", rf"/channels/{CHANNEL_ID}/messages", retry_after=0.01)
    card = await ask(fake, "dropout")
    assert card["embeds"][0]["title"] == "How dropout works"
    statuses = [c.status for c in fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages")]
    assert statuses == [429, 200]
