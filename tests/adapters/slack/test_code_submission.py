"""Code answers, Python and SQL, through the Submit code modal and thread replies, in the real sandbox."""

from __future__ import annotations

import random

import pytest
import pytest_asyncio

from adapters.slack import build, http_server
from bot import Core
from bot.checks import CodeChecker
from storage import open_database
from tests.support.fake_slack import FakeSlack
from tests.support.flow import ManualClock
from tests.support.slack import ALICE, BOB, add_people, ask, button, settings_for
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(loop_scope="module")
async def fake():
    async with FakeSlack() as slack:
        add_people(slack)
        yield slack


@pytest_asyncio.fixture(loop_scope="module")
async def slack(fake: FakeSlack, tmp_path, bank, sandbox_pool):
    db = await open_database(tmp_path / "slack-code.db")
    core = Core(db, bank, clock=ManualClock(), rng=random.Random(5), checker=CodeChecker(sandbox_pool))
    bot = build(settings_for(fake), core, post_interval=0)
    try:
        async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
            fake.app_url = f"http://127.0.0.1:{port}/slack/events"
            yield bot
            await bot.bridge.drain(5.0)
    finally:
        await db.close()


async def submit_code(fake: FakeSlack, card, code: str, *, user: str):
    await fake.click(button(card, "code"), user=user, card=card)
    opened = (
        await fake.wait_for("views.open", lambda c: c.params["view"]["callback_id"] == button(card, "code"))
    )[-1]
    assert opened.ok, opened.response
    delivered = await fake.submit(opened, {"code": code}, user=user)
    assert delivered.status == 200 and delivered.seconds < 3, "the modal closes at once; checks run after"


async def test_correct_code_through_the_modal_passes_with_points(fake: FakeSlack, slack, bank):
    card = await ask(fake, "classification-metrics")
    assert [a.split(":")[1] for a in card.action_ids()] == ["code", "hint", "reveal"]
    await submit_code(fake, card, reference_solution(bank, "classification-metrics"), user=ALICE)

    notes = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE, count=2, within=15)
    checking, verdict = notes[0].all_text(), notes[1].all_text()
    assert "Checking your code" in checking
    assert "Passed" in verdict and "10 points" in verdict and "✓" in verdict
    assert all(n.params["thread_ts"] == card.response["ts"] for n in notes)
    status = await fake.wait_for("chat.postMessage", lambda c: "answered privately" in c.all_text())
    assert "passed" in status[0].all_text() and "def " not in status[0].all_text()

    await fake.command("leaderboard", user=BOB)
    board = await fake.wait_for("chat.postMessage", lambda c: "Leaderboard" in c.all_text())
    assert "alice" in board[0].all_text()


async def test_wrong_code_through_the_modal_gets_an_actionable_failure(fake: FakeSlack, slack):
    card = await ask(fake, "classification-metrics")
    wrong = "def classification_metrics(y_true, y_pred):\n    return {'precision': 1.0, 'recall': 1.0}\n"
    await submit_code(fake, card, wrong, user=BOB)
    notes = await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB, count=2, within=15)
    assert "Not passed yet" in notes[1].all_text() and "missing key(s): f1" in notes[1].all_text()


SQL_TASK = "sql-top-earners-per-department"


async def private_notes(fake: FakeSlack, user: str, count: int):
    return await fake.wait_for(
        "chat.postEphemeral", lambda c: c.params["user"] == user, count=count, within=15
    )


async def test_a_sql_task_from_a_thread_reply_to_the_leaderboard(fake: FakeSlack, slack, bank):
    card = await ask(fake, SQL_TASK)
    assert "```sql block" in card.all_text()
    thread = card.response["ts"]
    query = reference_solution(bank, SQL_TASK)
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
    card = await ask(fake, SQL_TASK, user=BOB)
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


async def test_a_pandas_answer_in_the_thread_is_checked_in_the_sandbox(fake: FakeSlack, slack, bank):
    card = await ask(fake, "user-conversion-summary")
    thread = card.response["ts"]

    def here(user: str):
        """Private notes to `user` in this question's thread (earlier tests in the module post others)."""
        return lambda c: c.params["user"] == user and c.params.get("thread_ts") == thread

    wrong = "def user_summary(events):\n    return events.groupby('user_id').size().reset_index()\n"
    await fake.reply(f"```python\n{wrong}```", user=BOB, thread_ts=thread)
    notes = await fake.wait_for("chat.postEphemeral", here(BOB), count=2, within=15)
    assert "Not passed yet" in notes[1].all_text() and "has no column 'events'" in notes[1].all_text()

    right = reference_solution(bank, "user-conversion-summary")
    await fake.reply(f"```python\n{right}```", user=ALICE, thread_ts=thread)
    notes = await fake.wait_for("chat.postEphemeral", here(ALICE), count=2, within=15)
    assert "Passed" in notes[1].all_text() and "2/2 required" in notes[1].all_text()
    assert all(n.params["thread_ts"] == thread for n in notes)
