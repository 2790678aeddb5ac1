"""Block Kit rendering: golden outputs, and a contract over every reply the core makes and Slack's limits."""

from __future__ import annotations

import pytest

from adapters.slack import render, render_form
from adapters.slack._render import MAX_BLOCKS, form_values, from_slack
from bot import Actor
from bot.actions import QuizAction, QuizVerb
from bot.checks import Verdict
from bot.checks._verdict import TestResult as CheckResult
from bot.quiz import _views as quiz_views
from bot.replies import (
    Button,
    Buttons,
    Code,
    Fields,
    Form,
    FormInput,
    Heading,
    Notice,
    Reply,
    Table,
    Text,
    Tone,
    Visibility,
)
from tests.support.fake_openai import model_replies
from tests.support.fake_slack import block_problems, view_problems
from tests.support.flow import Flow

ALICE = Actor("slack", "U0ALICE", "alice")


def test_golden_text_is_escaped_and_fences_lose_their_language():
    reply = Reply("hint", (Text("*Hint* <!channel> & `x < y`\n```python\nprint(1)\n```"),))
    assert render(reply) == {
        "text": "*Hint* &lt;!channel&gt; &amp; `x &lt; y`",
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*Hint* &lt;!channel&gt; &amp; `x &lt; y`\n```\nprint(1)\n```",
                },
            }
        ],
    }


def test_golden_card_parts():
    reply = Reply(
        "question",
        (
            Heading("How dropout works"),
            Fields((("Category", "Deep learning"), ("Worth", "up to 20 points"))),
            Notice("Careful", Tone.WARNING),
            Buttons(
                (Button("Answer privately", "quiz:answer:7", primary=True), Button("Hint", "quiz:hint:7"))
            ),
        ),
    )
    assert render(reply)["blocks"] == [
        {"type": "header", "text": {"type": "plain_text", "text": "How dropout works", "emoji": True}},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": "*Category*\nDeep learning"},
                {"type": "mrkdwn", "text": "*Worth*\nup to 20 points"},
            ],
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": ":warning: Careful"}},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Answer privately", "emoji": True},
                    "action_id": "quiz:answer:7",
                    "value": "quiz:answer:7",
                    "style": "primary",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Hint", "emoji": True},
                    "action_id": "quiz:hint:7",
                    "value": "quiz:hint:7",
                },
            ],
        },
    ]


def test_golden_a_messages_only_table_is_a_slack_table_block_placed_last():
    """Slack shows a table block at the end of its message, so the footer text comes before it."""
    table = Table(("#", "Name", "Points"), (("1", "alice", "20"), ("2", "bob", "")))
    reply = Reply("leaderboard", (Heading("Leaderboard"), table, Text("Streaks count weekdays.")))
    rendered = render(reply)["blocks"]
    cells = lambda *texts: [{"type": "raw_text", "text": t} for t in texts]  # noqa: E731
    assert [b["type"] for b in rendered] == ["header", "section", "table"]
    assert rendered[-1] == {
        "type": "table",
        "rows": [cells("#", "Name", "Points"), cells("1", "alice", "20"), cells("2", "bob", "–")],
    }
    assert not block_problems(rendered)


def test_tables_past_slacks_limits_or_two_in_a_message_stay_monospace():
    long = Table(("n",), tuple((str(i),) for i in range(100)))
    assert render(Reply("leaderboard", (long,)))["blocks"][0]["type"] == "section"
    small = Table(("n",), (("1",),))
    two = render(Reply("leaderboard", (small, small)))["blocks"]
    assert [b["type"] for b in two] == ["section", "section"] and not block_problems(two)


def test_golden_form_and_its_values():
    form = Form(
        "quiz:code:3", "Submit code", (FormInput("code", "Your Python solution", placeholder="def f"),)
    )
    view = render_form(form, '{"channel":"C1"}')
    assert view == {
        "type": "modal",
        "callback_id": "quiz:code:3",
        "title": {"type": "plain_text", "text": "Submit code", "emoji": True},
        "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "private_metadata": '{"channel":"C1"}',
        "blocks": [
            {
                "type": "input",
                "block_id": "code",
                "label": {"type": "plain_text", "text": "Your Python solution", "emoji": True},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "code",
                    "multiline": True,
                    "max_length": 3000,
                    "placeholder": {"type": "plain_text", "text": "def f", "emoji": True},
                },
                "hint": {
                    "type": "plain_text",
                    "text": (
                        "Up to 3,000 characters here. Longer? Reply in the question's thread with a "
                        "```python block, or share your code there as a snippet or a .py file."
                    ),
                    "emoji": True,
                },
            }
        ],
    }
    submitted = {"state": {"values": {"code": {"code": {"type": "plain_text_input", "value": "x = 1"}}}}}
    assert form_values(submitted) == {"code": "x = 1"}


def test_inbound_text_is_decoded_from_slack_markup():
    typed = "if a &lt; b &amp;&amp; c &gt; d: see <https://x.io/a|the docs> or <https://y.io> <@U1>"
    assert from_slack(typed) == "if a < b && c > d: see the docs or https://y.io <@U1>"
    assert from_slack("<@U0BOB|bob> and <@W0ANN>") == "<@U0BOB> and <@W0ANN>", "a mention keeps its user id"
    assert from_slack("&amp;lt;") == "&lt;", "decoded once, as typed"


async def replies_the_core_makes(flow: Flow, bank) -> list[Reply]:
    """Drive the core through every path that shows something, and collect what it showed."""
    await flow.command("help")
    await flow.command("leaderboard")
    await flow.command("dropout")
    await flow.as_user("alice").say("Dropout zeroes units with probability p and rescales by 1/(1-p).")
    await flow.as_user("bob").command("answer it ensembles thinned networks")
    for _ in range(4):
        await flow.command("hint")
    await flow.command("reveal")
    await flow.say("after the reveal it is practice")
    await flow.command("leaderboard week")
    for question_id in ("ambiguous-requirements", "activation-memory-for-backprop", "test-sparse-choice"):
        await flow.command(question_id)
    await flow.command("adam-step")
    await flow.say("```python\ndef adam_step():\n    pass\n```")
    await flow.command("no-such-thing")
    await flow.as_user("olivia", admin=True).command("schedule 08:30 Europe/Berlin mon-fri")
    await flow.command("settings")
    made = [sent.reply for sent in flow.outbox.sent]
    question = bank.get("kmeans")
    verdict = Verdict(
        "kmeans",
        False,
        (
            CheckResult("shapes", "required", "pass"),
            CheckResult(
                "empty cluster", "edge", "fail", "expected no NaN, got NaN", "What if a cluster empties?"
            ),
            CheckResult("big k", "required", "error", "ValueError on line 3 of your code"),
        ),
        "iteration 1\n" * 400,
        31.5,
        12345,
    )
    made += [
        quiz_views.checking(question, ALICE, "1.1"),
        quiz_views.code_verdict(question, verdict, None, ALICE, "1.1"),
        Reply(
            "error",
            (Notice("Something went wrong on our side (ref 1a2b3c4d).", Tone.ERROR),),
            Visibility.EPHEMERAL,
            ALICE,
        ),
    ]
    return made


async def test_every_reply_the_core_makes_renders_within_block_kit_limits(flow: Flow, test_bank):
    replies = await replies_the_core_makes(flow, test_bank)
    kinds = {r.kind for r in replies}
    assert kinds >= {
        "help",
        "leaderboard",
        "question",
        "verdict",
        "answer-status",
        "hint",
        "reveal",
        "notice",
        "code-stored",
        "settings",
        "code-checking",
        "code-verdict",
        "error",
    }, kinds
    for reply in replies:
        check_rendering(reply)


def check_rendering(reply: Reply) -> dict:
    message = render(reply)
    assert message["blocks"], f"{reply.kind} rendered to nothing"
    assert block_problems(message["blocks"]) == [], reply.kind
    assert 0 < len(message["text"]) <= 3000, reply.kind
    wanted = [b.action_id for block in reply.blocks if isinstance(block, Buttons) for b in block.buttons]
    shown = [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert shown == wanted, f"{reply.kind}: buttons must survive rendering"
    return message


def every_block(size: int) -> Reply:
    return Reply(
        "everything",
        (
            Heading("H" * size),
            Text(("word & <tag> " * 40 + "\n") * (size // 400 + 1)),
            Code("x = '<&>'\n" * (size // 10)),
            Fields(tuple((f"key {i}", "v" * size) for i in range(25))),
            Table(("a", "b"), tuple((str(i), "<cell>" * (size // 600 + 1)) for i in range(size // 50))),
            Notice("n" * size, Tone.ERROR),
            Buttons(tuple(Button(f"Button {i} " * 10, f"quiz:hint:{i}") for i in range(30))),
        ),
    )


@pytest.mark.parametrize("size", [1, 3_000, 20_000, 200_000])
def test_every_block_type_at_any_size_fits(size: int):
    message = check_rendering(every_block(size))
    assert len(message["blocks"]) <= MAX_BLOCKS


def test_a_huge_text_is_trimmed_with_a_note_and_keeps_its_buttons():
    reply = Reply("huge", (Text("line of text\n" * 50_000), Buttons((Button("Hint", "quiz:hint:1"),))))
    message = check_rendering(reply)
    assert len(message["blocks"]) == MAX_BLOCKS
    assert (
        message["blocks"][-2]["type"] == "context"
        and "too long" in message["blocks"][-2]["elements"][0]["text"]
    )
    assert message["blocks"][-1]["type"] == "actions"


@pytest.mark.parametrize(
    "blocks",
    [(), (Text(""),), (Text("   \n "), Code("\n\n")), (Heading(""),)],
    ids=["none", "empty", "blank", "head"],
)
def test_a_reply_never_renders_to_nothing(blocks):
    message = check_rendering(Reply("empty-kind", blocks))
    assert message["blocks"][0]["type"] == "section"


def test_forms_from_the_core_fit_slack_modals():
    for verb in (QuizVerb.ANSWER, QuizVerb.CODE):
        form = quiz_views.form_for(QuizAction(verb, 99_999_999))
        assert form is not None and view_problems(render_form(form, "x" * 3000)) == []
    code_form = quiz_views.form_for(QuizAction(QuizVerb.CODE, 1))
    assert code_form is not None
    with pytest.raises(ValueError):
        render_form(code_form, "x" * 3001)


def test_cut_text_never_ends_inside_an_escape():
    block = render(Reply("fields", (Fields((("k", "&" * 5000),)),)))["blocks"][0]
    text = block["fields"][0]["text"]
    assert len(text) <= 2000 and text.endswith("&amp;…")


def test_a_chart_degrades_to_its_description_instead_of_failing():
    from bot.replies import Image, Reply, Text

    message = render(
        Reply("stats", (Text("Your average: 0.80"), Image(b"\x89PNG...", "Scores by category", "s.png")))
    )
    context = message["blocks"][-1]
    assert context["type"] == "context" and "Scores by category" in context["elements"][0]["text"]


def test_model_grader_replies_fit(test_bank):
    for reply in model_replies(test_bank.get("confidence-vs-credible-interval"), ALICE):
        check_rendering(reply)
