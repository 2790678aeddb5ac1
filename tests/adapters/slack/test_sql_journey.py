"""A SQL task in a Slack thread against the fake: the query runs in the real sandbox, verdicts are private."""

from __future__ import annotations

import random

import pytest
import pytest_asyncio

from adapters.slack import build, http_server
from bot import Core
from bot.checks import CodeChecker
from storage import open_database
from tests.adapters.slack.helpers import ALICE, BOB, add_people, ask, button
from tests.adapters.slack.helpers import settings_for as slack_settings
from tests.support.fake_slack import FakeSlack
from tests.support.flow import ManualClock
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")

TASK = "sql-top-earners-per-department"


@pytest_asyncio.fixture(loop_scope="module")
async def fake():
    async with FakeSlack() as slack:
        add_people(slack)
        yield slack


@pytest_asyncio.fixture(loop_scope="module")
async def slack(fake: FakeSlack, tmp_path, bank, sandbox_pool):
    db = await open_database(tmp_path / "slack-sql.db")
    core = Core(db, bank, clock=ManualClock(), rng=random.Random(11), checker=CodeChecker(sandbox_pool))
    bot = build(slack_settings(fake), core, post_interval=0)
    try:
        async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
            fake.app_url = f"http://127.0.0.1:{port}/slack/events"
            yield bot
            await bot.bridge.drain(5.0)
    finally:
        await db.close()


async def private_notes(fake: FakeSlack, user: str, count: int):
    return await fake.wait_for(
        "chat.postEphemeral", lambda c: c.params["user"] == user, count=count, within=15
    )


async def test_a_sql_task_from_a_thread_reply_to_the_leaderboard(fake: FakeSlack, slack, bank):
    card = await ask(fake, TASK)
    assert "```sql block" in card.all_text()
    thread = card.response["ts"]
    query = reference_solution(bank, TASK)
    await fake.reply(f"my query:\n```sql\n{query}```", user=ALICE, thread_ts=thread)
    checking, verdict = (await private_notes(fake, ALICE, 2))[:2]
    assert "Checking your code" in checking.all_text()
    assert "Passed" in verdict.all_text() and "20 points" in verdict.all_text()
    assert all(note.params["thread_ts"] == thread for note in (checking, verdict))

    await fake.reply("```sql\nDELETE FROM employees;\n```", user=BOB, thread_ts=thread)
    refused = (await private_notes(fake, BOB, 2))[1].all_text()
    assert "Not passed yet" in refused
    assert "only reading is allowed here, and the query tried DELETE" in refused

    await fake.command("leaderboard", user=BOB)
    board = await fake.wait_for("chat.postMessage", lambda c: "Leaderboard" in c.all_text())
    assert "alice" in board[0].all_text()


async def test_a_wrong_query_through_the_modal_names_the_missing_rows(fake: FakeSlack, slack):
    card = await ask(fake, TASK, user=BOB)
    await fake.click(button(card, "code"), user=BOB, card=card)
    opened = (
        await fake.wait_for("views.open", lambda c: c.params["view"]["callback_id"] == button(card, "code"))
    )[-1]
    ties_dropped = (
        "SELECT department, name, salary FROM (SELECT department, name, salary, ROW_NUMBER() OVER "
        "(PARTITION BY department ORDER BY salary DESC) AS rn FROM employees) WHERE rn <= 3 "
        "ORDER BY department, salary DESC, name"
    )
    delivered = await fake.submit(opened, {"code": ties_dropped}, user=BOB)
    assert delivered.status == 200
    notes = await fake.wait_for(
        "chat.postEphemeral",
        lambda c: c.params["user"] == BOB and "Not passed yet" in c.all_text(),
        within=15,
    )
    text = notes[-1].all_text()
    assert "expected row(s) missing" in text and "a tie takes up the places below it" in text
