"""Buttons and modals: the Answer modal, and buttons on old posts after a restart."""

from __future__ import annotations

import random

from adapters.discord._views import form_values
from bot import Core
from tests.support.answers import GOOD_DROPOUT
from tests.support.discord import Starter, ask
from tests.support.fake_discord import APP_ID, BOB, FakeDiscord, custom_ids

EPHEMERAL = 64


async def open_form(fake: FakeDiscord, topic: str) -> tuple[str, dict]:
    """Ask a question and press its answer button as Bob: the button's id and the modal Discord got."""
    card = await ask(fake, topic)
    button = custom_ids(card)[0]
    press = await fake.click(int(card["id"]), button, BOB)
    await fake.wait_for(lambda: press.callbacks)
    [modal] = press.callbacks
    return button, modal


async def test_answer_button_opens_a_modal_whose_submission_gets_a_private_verdict(fake: FakeDiscord, bot):
    answer_id, modal = await open_form(fake, "dropout")
    assert modal["type"] == 9, "the modal is the first and only response"
    assert modal["data"]["custom_id"] == answer_id and len(modal["data"]["title"]) <= 45
    assert form_values(modal["data"]["components"]) == {}
    [text_input] = [c for row in modal["data"]["components"] for c in row.get("components", [])]
    assert (text_input["custom_id"], text_input["style"]) == ("answer", 2)

    submit = await fake.submit(answer_id, {"answer": GOOD_DROPOUT}, BOB)
    thread = int(fake.threads()[0]["id"])
    await fake.wait_for(lambda: submit.followups and fake.posts(thread))
    assert submit.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    [verdict] = submit.followups
    assert verdict["flags"] == EPHEMERAL
    headline = verdict["embeds"][0]["description"].splitlines()[0]
    assert headline.startswith("✅ Passed") and "points" in headline
    [status] = fake.posts(thread)
    assert "Bob" in status["content"] and "answered privately: passed" in status["content"]
    assert GOOD_DROPOUT[:30] not in status["content"], "private until the reveal"


async def test_buttons_on_old_posts_work_after_a_restart(
    core: Core, db, test_bank, clock, fake, start: Starter
):
    async with start(core):
        card = await ask(fake, "dropout")
    assert not fake.connected
    restarted = Core(db, test_bank, clock=clock, rng=random.Random(99))
    async with start(restarted) as client:
        assert client.core is restarted and "discord" in restarted.outboxes
        hint_id = custom_ids(card)[1]
        press = await fake.click(int(card["id"]), hint_id, BOB)
        thread = int(fake.threads()[0]["id"])
        await fake.wait_for(lambda: fake.posts(thread))
        assert press.callbacks == [{"type": 6}], "acknowledged without a visible placeholder"
        [hint] = fake.posts(thread)
        assert hint["content"].startswith("**Hint 1 of 3**")
        answer = await fake.click(int(card["id"]), custom_ids(card)[0], BOB)
        await fake.wait_for(lambda: answer.callbacks)
        assert answer.callbacks[0]["type"] == 9
    assert len(fake.frames_with(2)) == 2


def test_form_values_reads_action_rows_and_labels():
    rows = [{"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": "42"}]}]
    labels = [{"type": 18, "id": 1, "component": {"type": 4, "custom_id": "code", "value": "x = 1"}}]
    assert form_values(rows) == {"answer": "42"}
    assert form_values(labels) == {"code": "x = 1"}
    assert form_values([{"type": 10, "content": "text"}]) == {}


async def test_a_button_outside_its_channel_is_refused_privately(fake: FakeDiscord, bot):
    card = await ask(fake, "dropout")
    fake.messages[int(card["id"])]["components"][0]["components"][1]["custom_id"] = "quiz:hint:999"
    press = await fake.click(int(card["id"]), "quiz:hint:999", BOB)
    await fake.wait_for(lambda: press.followups)
    [notice] = press.followups
    assert notice["flags"] == EPHEMERAL and "gone" in notice["content"]
    assert not fake.posts(int(fake.threads()[0]["id"]))


async def test_buttons_of_other_action_families_reach_the_core(fake: FakeDiscord, bot):
    card = await ask(fake, "dropout")
    mock_id = "mock:rec:999:strong-yes"
    fake.messages[int(card["id"])]["components"][0]["components"][1]["custom_id"] = mock_id
    press = await fake.click(int(card["id"]), mock_id, BOB)
    await fake.wait_for(lambda: press.followups)
    assert press.callbacks == [{"type": 6}]
    [notice] = press.followups
    assert notice["flags"] == EPHEMERAL


async def test_the_code_modal_says_where_code_longer_than_it_can_hold_goes(fake: FakeDiscord, bot):
    _, modal = await open_form(fake, "classification-metrics")
    [note] = [c["content"] for c in modal["data"]["components"] if c["type"] == 10]
    assert "Longer than 4,000 characters?" in note and f"<@{APP_ID}>" in note and ".py" in note
    [text_input] = [c for row in modal["data"]["components"] for c in row.get("components", [])]
    assert text_input["max_length"] == 4000
