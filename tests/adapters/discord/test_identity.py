"""Who and where: a pair round run from direct messages, as interviewers and candidates really use it."""

from __future__ import annotations

from bot import Core
from tests.support.discord import ask
from tests.support.fake_discord import (
    ADMIN,
    ALICE,
    BOB,
    CAROL,
    CHANNEL_ID,
    FakeDiscord,
    Interaction,
    User,
    custom_ids,
)

EPHEMERAL = 64


async def done(fake: FakeDiscord, interaction: Interaction) -> Interaction:
    """Wait until the bot has answered an interaction: placeholder removed, private reply or direct answer."""
    answered = lambda: [c for c in interaction.callbacks if c["type"] == 4]  # noqa: E731
    await fake.wait_for(lambda: interaction.deleted_original or interaction.followups or answered())
    return interaction


def with_button(messages: list[dict], verb: str) -> dict:
    """The latest message carrying a `mock:<verb>:...` button."""
    return [m for m in messages if any(i.startswith(f"mock:{verb}:") for i in custom_ids(m))][-1]


def button(message: dict, prefix: str) -> str:
    return next(i for i in custom_ids(message) if i.startswith(prefix))


def text_of(followups: list[dict]) -> str:
    """Everything the private replies say, plain or in embeds."""
    parts = [f.get("content") or "" for f in followups]
    parts += [e.get("description") or "" for f in followups for e in f.get("embeds") or []]
    return "\n".join(parts)


async def test_a_pair_round_runs_with_the_interviewer_and_candidate_acting_from_their_dms(
    core: Core, fake: FakeDiscord, bot
):
    weights = await fake.slash("weights", ADMIN, weights="math=0 coding=0 dl=0 resume=1")
    await done(fake, weights)
    people = f"<@{BOB.id}> <@{CAROL.id}>"
    start = await fake.slash(
        "mock start", ALICE, pair=True, people=people, minutes=30, technical=2, behavioral=0
    )
    await done(fake, start)
    view = with_button(await fake.wait_for(lambda: fake.dms(BOB)), "hit")
    assert "Only you see this" in view["embeds"][0]["description"]

    card = [p for p in fake.posts(CHANNEL_ID) if p.get("components")][-1]
    answer_id = custom_ids(card)[0]
    opened = await fake.click(int(card["id"]), answer_id, CAROL)
    await fake.wait_for(lambda: opened.callbacks)
    answered = await fake.submit(
        answer_id, {"answer": "I would clarify the goal first? Then compare models."}, CAROL
    )
    await done(fake, answered)

    hit = await fake.click(int(view["id"]), button(view, "mock:hit:"), BOB)
    await done(fake, hit)
    assert hit.callbacks[0]["type"] == 6, "a DM button is acknowledged, not refused"
    assert "Q1 marks" in text_of(hit.followups) and hit.followups[0]["flags"] == EPHEMERAL

    recommend = await fake.click(int(view["id"]), button(view, "mock:rec:"), BOB)
    await done(fake, recommend)
    assert "Recommendation recorded" in text_of(recommend.followups)

    end = await fake.slash("mock end", ALICE)
    await done(fake, end)
    scorecard = with_button(await fake.wait_for(lambda: fake.dms(CAROL)), "tick")
    tick = await fake.click(int(scorecard["id"]), button(scorecard, "mock:tick:"), CAROL)
    await done(fake, tick)
    assert "checklist" in text_of(tick.followups).lower()
    refused = [i for i in (hit, recommend, tick) if "server channels" in text_of(i.followups)]
    assert not refused and not fake.refusals()


async def test_names_and_echoed_answers_show_as_typed_not_as_markdown(fake: FakeDiscord, bot):
    mallory = User(940000000000000077, "**mal** <@&123456789012345678>")
    visibility = await fake.slash("visibility", ADMIN, mode="open")
    await done(fake, visibility)
    card = await ask(fake, "dropout")
    answer_id = custom_ids(card)[0]
    words = "Dropout zeroes units [see this](http://evil.example) ||spoiler||"
    submit = await fake.submit(answer_id, {"answer": words}, mallory)
    await done(fake, submit)
    thread = int(fake.threads()[0]["id"])
    [status] = await fake.wait_for(lambda: fake.posts(thread))
    shown = status["content"] or status["embeds"][0]["description"]
    assert "**\\*\\*Mal\\*\\* <@\u200b&123456789012345678>** answered" in shown, "no markup, no ping"
    assert "\\[see this](http://evil.example) \\|\\|spoiler\\|\\|" in shown, "no masked link, no spoiler"
    board = await fake.slash("leaderboard", mallory)
    await done(fake, board)
    rows = fake.posts()[-1]["embeds"][0]["description"]
    assert "1  **Mal** <@" in rows, "a code-block table shows the name as typed, without escapes"
