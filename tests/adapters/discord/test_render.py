"""Rendering: every reply the core produces, and every block type at absurd sizes, fits Discord's limits."""

from __future__ import annotations

import re

import discord
import pytest

from adapters.discord._render import (
    ATTACHMENT_BYTES_LIMIT,
    ATTACHMENT_LIMIT,
    BUTTON_LABEL_LIMIT,
    BUTTONS_PER_ROW,
    CONTENT_LIMIT,
    CUSTOM_ID_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    INPUT_LABEL_LIMIT,
    INPUT_LENGTH_LIMIT,
    MODAL_INPUT_LIMIT,
    MODAL_TITLE_LIMIT,
    PLACEHOLDER_LIMIT,
    ROW_LIMIT,
    TITLE_LIMIT,
    Rendered,
    mention_to_reply,
    render,
    render_form,
    thread_name,
)
from adapters.discord._views import QuizModal, build_view
from bot import Actor, Core
from bot.checks import TestResult as CheckResult
from bot.checks import Verdict
from bot.quiz import _views as quiz_views
from bot.replies import (
    Button,
    Buttons,
    Code,
    Fields,
    Form,
    FormInput,
    Heading,
    Image,
    Notice,
    Reply,
    Table,
    Text,
    Tone,
    Visibility,
)
from questions import Kind
from tests.support.fake_openai import model_replies
from tests.support.flow import Flow

HUGE = "word " * 30_000
ALICE = Actor("discord", "1", "alice")
EXPECTED_KINDS = {
    "question",
    "hint",
    "verdict",
    "answer-status",
    "reveal",
    "leaderboard",
    "help",
    "notice",
    "code-stored",
    "settings",
}


def assert_fits(rendered: Rendered) -> None:
    """Discord's limits, and never an empty message."""
    assert rendered.content or rendered.embed, "renders to nothing"
    if rendered.content is not None:
        assert 0 < len(rendered.content) <= CONTENT_LIMIT
        assert rendered.content.count("```") % 2 == 0
    if rendered.embed is not None:
        embed = rendered.embed
        assert embed.title or embed.description or embed.fields
        assert len(embed.title or "") <= TITLE_LIMIT
        assert len(embed.description or "") <= DESCRIPTION_LIMIT
        assert (embed.description or "").count("```") % 2 == 0, "every code fence is closed"
        assert len(embed.fields) <= FIELD_COUNT_LIMIT
        for field in embed.fields:
            assert 0 < len(field.name or "") <= FIELD_NAME_LIMIT
            assert 0 < len(field.value or "") <= FIELD_VALUE_LIMIT
        assert len(embed) <= EMBED_TOTAL_LIMIT
    assert len(rendered.attachments) <= ATTACHMENT_LIMIT
    for attachment in rendered.attachments:
        assert 0 < len(attachment.data) <= ATTACHMENT_BYTES_LIMIT
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}", attachment.filename)
    assert len(rendered.rows) <= ROW_LIMIT
    for row in rendered.rows:
        assert 0 < len(row) <= BUTTONS_PER_ROW
        for button in row:
            assert 0 < len(button.label) <= BUTTON_LABEL_LIMIT
            assert 0 < len(button.custom_id) <= CUSTOM_ID_LIMIT


def assert_form_fits(form: Form) -> None:
    spec = render_form(form)
    assert 0 < len(spec.title) <= MODAL_TITLE_LIMIT
    assert 0 < len(spec.inputs) <= MODAL_INPUT_LIMIT
    assert len(spec.custom_id) <= CUSTOM_ID_LIMIT
    for field in spec.inputs:
        assert 0 < len(field.label) <= INPUT_LABEL_LIMIT
        assert len(field.placeholder) <= PLACEHOLDER_LIMIT
        assert 0 < field.max_length <= INPUT_LENGTH_LIMIT


async def every_reply(core: Core) -> list[Reply]:
    """Drive the core through each feature as a Discord channel would, and keep all it said."""
    flow = Flow(core, platform="discord")
    kinds = {}
    for question in core.quiz.bank:
        kinds.setdefault(question.kind, question)
    assert set(kinds) == set(Kind)
    answers = {Kind.CODE: "```python\ndef solve():\n    return 1\n```", Kind.CHOICE: "B", Kind.NUMERIC: "0.5"}
    for question in sorted(kinds.values(), key=lambda q: q.kind is Kind.CONCEPT):
        await flow.command(question.id)
        await flow.say(answers.get(question.kind, "I would say it regularises the network"))
        for _ in question.hints:
            await flow.click("Hint")
    await flow.as_user("bob").command("answer a private answer to the latest question")
    await flow.command("reveal")
    await flow.say("an answer after the reveal is practice")
    for line in ("leaderboard", "leaderboard week", "help", "no-such-command please", "hint"):
        await flow.command(line)
    for line in ("stats", "season", "weak-spots", "review", "mock status", "mock start", "forget-me"):
        if line.split()[0] in core.registry.names():
            await flow.command(line)
    admin = flow.as_user("ada", admin=True)
    for line in (
        "schedule 08:00 Europe/Berlin mon-fri",
        "weights math=50 dl=50",
        "visibility open",
        "settings",
    ):
        await admin.command(line)
    return [sent.reply for sent in flow.outbox.sent]


async def test_every_reply_the_core_produces_fits_discord(core: Core):
    replies = await every_reply(core)
    assert {r.kind for r in replies} >= EXPECTED_KINDS
    for reply in replies:
        assert_fits(render(reply))
        for block in reply.blocks:
            if isinstance(block, Buttons):
                for button in block.buttons:
                    form = core.form_for(button.action_id)
                    if form is not None:
                        assert_form_fits(form)
                        children = QuizModal(render_form(form)).children
                        inputs = [c for c in children if isinstance(c, discord.ui.TextInput)]
                        assert len(inputs) == len(form.inputs)
    cards = [r for r in replies if r.kind == "question"]
    assert all(render(card).rows and 0 < len(thread_name(card)) <= 100 for card in cards)


async def test_every_block_type_at_absurd_sizes_still_fits():
    buttons = tuple(Button("L" * 200 if i == 0 else f"b{i}", f"quiz:hint:{i}", i == 1) for i in range(31))
    reply = Reply(
        "everything",
        (
            Heading("H" * 1000),
            Heading("second heading " * 10),
            Text("*bold* " + HUGE),
            Code("print('x')\n" * 5000 + "```"),
            Fields(tuple((f"name {i} " * 40, f"value {i} " * 200) for i in range(40))),
            Table(("a", "b", "c"), tuple((str(i), "x" * 100, "y" * 300) for i in range(600))),
            Notice("n" * 10_000, Tone.ERROR),
            Buttons(buttons),
            Buttons((Button("too long", "quiz:hint:" + "9" * 120),)),
            *(Image(b"\x89PNG" + bytes(100), f"chart {i}", "../chart 1 é.png") for i in range(12)),
            Image(bytes(ATTACHMENT_BYTES_LIMIT + 1), "a chart too big to upload", "big.png"),
        ),
        Visibility.EPHEMERAL,
        ALICE,
    )
    rendered = render(reply)
    assert_fits(rendered)
    assert rendered.embed is not None and rendered.embed.title.startswith("HHH")
    assert sum(len(row) for row in rendered.rows) == 25
    view = build_view(rendered.rows)
    assert view is not None and len(view.to_components()) == ROW_LIMIT
    for block in reply.blocks:
        assert_fits(render(Reply("one", (block,))))


def test_code_verdicts_with_many_tests_and_long_output_fit(test_bank):
    tests = tuple(CheckResult(f"test {i} " * 5, "required", "fail", "m" * 400, "f" * 50) for i in range(80))
    verdict = Verdict("kmeans", False, tests, "printed\n" * 5000, 12.5, 7)
    reply = quiz_views.code_verdict(test_bank.get("kmeans"), verdict, None, ALICE, "1")
    assert_fits(render(reply))


@pytest.mark.parametrize(
    ("blocks", "content"),
    [
        ((Notice("Only admins can do that.", Tone.WARNING),), "⚠️ Only admins can do that."),
        ((Text("*Hint 1 of 2*: think of `x*y`"),), "**Hint 1 of 2**: think of `x*y`"),
        ((Text("Code goes in a ```python block."),), "Code goes in a \\`\\`\\`python block."),
    ],
)
def test_a_lone_short_text_is_plain_content_with_discord_markdown(blocks, content):
    assert render(Reply("notice", blocks)) == Rendered(content, None)


def test_a_question_card_is_an_embed_with_fields_and_a_row_of_buttons():
    reply = Reply(
        "question",
        (
            Heading("How dropout works"),
            Text("Explain *dropout*."),
            Code("def f():\n    return 1"),
            Fields((("Category", "Deep learning"), ("Difficulty", "medium"))),
            Notice("Answer privately."),
            Buttons((Button("Answer privately", "quiz:answer:7", True), Button("Hint", "quiz:hint:7"))),
        ),
    )
    rendered = render(reply)
    embed = rendered.embed.to_dict()
    assert embed["title"] == "How dropout works"
    assert embed["description"] == (
        "Explain **dropout**.\n\n```python\ndef f():\n    return 1\n```\n\nℹ️ Answer privately."
    )
    assert [(f["name"], f["value"], f["inline"]) for f in embed["fields"]] == [
        ("Category", "Deep learning", True),
        ("Difficulty", "medium", True),
    ]
    assert rendered.rows == ((rendered.rows[0][0], rendered.rows[0][1]),)
    assert [(b.label, b.custom_id, b.primary) for b in rendered.rows[0]] == [
        ("Answer privately", "quiz:answer:7", True),
        ("Hint", "quiz:hint:7", False),
    ]
    assert thread_name(reply) == "How dropout works"


def test_forms_become_modals_within_limits():
    form = Form(
        "quiz:answer:1",
        "A title far longer than the forty-five characters a modal allows",
        tuple(FormInput(f"in{i}", "L" * 80, placeholder="p" * 300, max_length=99_999) for i in range(7)),
    )
    assert_form_fits(form)
    with pytest.raises(ValueError, match="form id"):
        render_form(Form("quiz:answer:" + "1" * 100, "t", ()))


def test_an_image_is_an_upload_shown_in_the_embed_with_its_alt_text():
    chart = Image(b"\x89PNG" + bytes(10), "Scores per week: 3, 5, 8", "stats-alice.png")
    rendered = render(Reply("stats", (Heading("Stats · alice"), chart)))
    [attachment] = rendered.attachments
    assert (attachment.filename, attachment.description) == ("stats-alice.png", "Scores per week: 3, 5, 8")
    assert rendered.embed.image.url == "attachment://stats-alice.png"
    too_big = render(Reply("stats", (Image(bytes(ATTACHMENT_BYTES_LIMIT + 1), "A big chart", "x.png"),)))
    assert not too_big.attachments and "A big chart" in too_big.embed.description


def test_model_grader_replies_fit(test_bank):
    for reply in model_replies(test_bank.get("confidence-vs-credible-interval"), ALICE):
        assert_fits(render(reply))


def test_a_quoted_answer_renders_as_typed_and_core_markup_still_renders():
    reply = Reply(
        "answer-status",
        (Text("✓ *Bob* answered privately: passed"), Text("> # Big [link](http://x.example) *bold* @here")),
    )
    description = render(reply).embed.description
    assert description.startswith("✓ **Bob** answered"), "the core's own bold still renders"
    assert description.endswith("> \\# Big \\[link](http://x.example) \\*bold\\* @\u200bhere")


def test_without_the_intent_instructions_to_reply_in_a_thread_ask_for_a_mention():
    help_text = Text("Answer a question by replying in its thread.")
    card_notice = Notice("Answer privately with the button, or reply in the thread, with your answer.")
    other = Text("Threads are for answers.")
    honest = mention_to_reply(Reply("help", (help_text, card_notice, other)), "<@1>")
    assert [b.text for b in honest.blocks] == [
        "Answer a question by replying in its thread starting with <@1>.",
        "Answer privately with the button, or reply in the thread starting with <@1>, with your answer.",
        "Threads are for answers.",
    ]
