"""A coding question in a round is checked in the real sandbox exactly as a daily one is."""

from __future__ import annotations

import random

import pytest
import pytest_asyncio

from bot import Core
from bot.checks import CodeChecker
from questions import QuestionBank
from storage import open_database
from tests.support.flow import Flow, ManualClock, only
from tests.support.mock import cards, sent
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")

WRONG = "def classification_metrics(y_true, y_pred):\n    return {'precision': 1.0, 'recall': 1.0}\n"


@pytest_asyncio.fixture(loop_scope="module")
async def db(tmp_path):
    database = await open_database(tmp_path / "code-round.db")
    yield database
    await database.close()


async def test_code_answers_in_a_round_get_the_sandbox_verdict_and_failed_tests_on_the_scorecard(
    db, bank: QuestionBank, sandbox_pool
):
    small = QuestionBank({q: bank.get(q) for q in ("classification-metrics", "learn-new-technology")})
    flow = Flow(Core(db, small, clock=ManualClock(), rng=random.Random(3), checker=CodeChecker(sandbox_pool)))
    flow.core.attach(flow.where.platform, flow.outbox)
    await flow.as_user("bob").command("mock status")
    started = only(await flow.as_user("alice").command("mock start 30 1 1 @bob"), "mock-started")
    assert [a.question.kind for a in started.view.agenda] == ["code", "behavioral"]
    assert [a.seconds for a in started.view.agenda] == [1440, 360], "coding gets four times behavioral"

    card = cards(flow)[-1]
    code = f"```python\n{reference_solution(bank, 'classification-metrics')}```"
    replies = await flow.as_user("alice").fill("Submit code", code, card)
    assert [r.kind for r in replies] == ["code-checking", "code-verdict", "answer-status"]
    assert replies[1].view.passed is True and replies[1].view.points == 10
    replies = await flow.as_user("bob").fill("Submit code", WRONG, card)
    assert replies[1].view.passed is False

    reveal = only(sent(flow, "mock-reveal"), "mock-reveal")
    assert [(r.name, r.result.score) for r in reveal.view.results] == [("alice", 1.0), ("bob", 0.0)]
    await flow.as_user("alice").command("mock end")
    bob = sent(flow, "mock-scorecard", to="bob")[-1].view.questions[0]
    assert bob.score == 0.0 and bob.missed, "failed required tests are what bob missed"
    assert sent(flow, "mock-scorecard", to="alice")[-1].view.questions[0].points == 10
