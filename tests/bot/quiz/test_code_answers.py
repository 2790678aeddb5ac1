"""Code answers in chat: acknowledged at once, checked in the real sandbox, verdict with points."""

from __future__ import annotations

import asyncio
import random

import pytest
import pytest_asyncio

from bot import Core, MessagePosted
from bot.checks import CodeChecker
from bot.sandbox import Launcher, SandboxPool, find_launcher
from storage import open_database
from tests.support.flow import Flow, ManualClock, only
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(loop_scope="module")
async def db(tmp_path):
    database = await open_database(tmp_path / "code.db")
    yield database
    await database.close()


def flow_with(db, bank, checker, platform: str = "test") -> Flow:
    return Flow(Core(db, bank, clock=ManualClock(), rng=random.Random(3), checker=checker), platform=platform)


async def test_correct_code_is_acknowledged_then_passes_with_points(db, bank, sandbox_pool):
    flow = flow_with(db, bank, CodeChecker(sandbox_pool))
    await flow.command("classification-metrics")
    replies = await flow.say(
        f"here you go\n```python\n{reference_solution(bank, 'classification-metrics')}```"
    )
    assert [r.kind for r in replies] == ["code-checking", "code-verdict"]
    verdict = replies[1]
    assert verdict.view.passed is True and verdict.view.points == 10
    assert {t.status for t in verdict.view.tests} == {"pass"}
    board = only(await flow.command("leaderboard"), "leaderboard").view.rows
    assert board[0].points == 10


async def test_wrong_code_gets_actionable_failures(db, bank, sandbox_pool):
    flow = flow_with(db, bank, CodeChecker(sandbox_pool))
    await flow.command("classification-metrics")
    wrong = "def classification_metrics(y_true, y_pred):\n    return {'precision': 1.0, 'recall': 1.0}\n"
    verdict = (await flow.say(f"```python\n{wrong}```"))[-1]
    assert verdict.view.passed is False and verdict.view.points == 0
    assert "missing key(s): f1" in verdict.view.tests[0].message


async def test_a_reposted_question_earns_once_and_a_failed_resubmit_shows_no_points(db, bank, sandbox_pool):
    flow = flow_with(db, bank, CodeChecker(sandbox_pool)).as_user("carol")
    correct = f"```python\n{reference_solution(bank, 'classification-metrics')}```"
    await flow.command("classification-metrics")
    assert (await flow.say(correct))[-1].view.points == 10
    await flow.command("classification-metrics")
    again = (await flow.say(correct))[-1]
    assert (again.view.points, again.view.question_points) == (0, 10)
    assert "already earned 10 points for this question; this answer is practice" in again.blocks[0].text
    failed = (await flow.say("```python\ndef classification_metrics(y_true, y_pred):\n    return {}\n```"))[
        -1
    ]
    assert failed.view.passed is False and failed.view.points == 0
    assert "· 10 points" not in failed.blocks[0].text and "practice" in failed.blocks[0].text


async def test_syntax_error_is_a_clear_verdict(db, bank, sandbox_pool):
    flow = flow_with(db, bank, CodeChecker(sandbox_pool))
    await flow.command("kmeans")
    verdict = (await flow.say("```python\ndef kmeans(X, k:\n    pass\n```"))[-1]
    assert verdict.kind == "code-verdict" and verdict.view.passed is False
    assert verdict.view.tests[0].message.startswith("SyntaxError on line 1")


async def test_team_chat_refuses_to_run_code_without_the_sandbox(db, bank):
    unisolated = SandboxPool(Launcher(find_launcher().python, None), size=1)
    await unisolated.start()
    try:
        team = flow_with(db, bank, CodeChecker(unisolated), platform="slack")
        await team.command("kmeans")
        refusal = only(await team.say(f"```python\n{reference_solution(bank, 'kmeans')}```"), "code-stored")
        assert "no working sandbox" in refusal.blocks[0].text
        console = flow_with(db, bank, CodeChecker(unisolated), platform="console")
        await console.command("kmeans")
        verdict = (await console.say(f"```python\n{reference_solution(bank, 'kmeans')}```"))[-1]
        assert verdict.kind == "code-verdict" and verdict.view.passed is True
    finally:
        await unisolated.close()


async def test_a_fourth_check_at_once_is_refused_and_nothing_is_graded_for_it(db, bank, sandbox_pool):
    flow = flow_with(db, bank, CodeChecker(sandbox_pool))
    await flow.command("kmeans")
    slow = f"import time\ntime.sleep(1.5)\n{reference_solution(bank, 'kmeans')}"
    answer = MessagePosted(flow.actor, flow.where.in_thread(flow.thread), f"```python\n{slow}```")
    before = len(flow.outbox.sent)
    await asyncio.gather(*(flow.core.handle(answer, flow.outbox) for _ in range(4)))
    replies = [s.reply for s in flow.outbox.sent[before:]]
    kinds = [r.kind for r in replies]
    assert kinds.count("code-checking") == 3 and kinds.count("code-verdict") == 3
    refusals = [r for r in replies if r.kind == "notice"]
    assert [r.blocks[0].text for r in refusals] == [
        "You have 3 code checks waiting; wait for their verdicts."
    ]
    assert (await db.connection.fetchone("SELECT count(*) FROM attempts"))[0] == 3
