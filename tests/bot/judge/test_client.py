"""The model judge against a local OpenAI-compatible server: what is sent, what comes back, what fails."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.judge import Judgement, JudgeUnavailable, Unavailable, open_judge
from questions import QuestionBank
from tests.support.fake_openai import KEY, Failure, FakeOpenAI, quoting, settings_for

DAY = date(2026, 11, 23)
ANSWER = "The parameter is fixed and the interval is random; repeated samples give 95% coverage."


@pytest.fixture
async def fake():
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture
def rubric(test_bank: QuestionBank):
    return test_bank.get("confidence-vs-credible-interval").rubric


async def test_sends_only_the_question_its_key_points_and_the_answer(fake: FakeOpenAI, rubric):
    async with open_judge(settings_for(fake)) as judge:
        await judge.review("What is a CI?", rubric, ANSWER, person=1, day=DAY)
    (request,) = fake.received
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == "fake-grader"
    assert request.body["response_format"]["type"] == "json_schema"
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert request.payload == {
        "question": "What is a CI?",
        "key_points": [{"point": i, "text": p.point} for i, p in enumerate(rubric, start=1)],
        "answer": ANSWER,
    }


async def test_the_models_verdicts_come_back_as_validated_data(fake: FakeOpenAI, rubric):
    fake.verdicts = quoting({1: "The parameter is fixed"})
    async with open_judge(settings_for(fake)) as judge:
        review = await judge.review("What is a CI?", rubric, ANSWER, person=1, day=DAY)
    first_two = [(v.point, v.verdict) for v in review.points][:2]
    assert first_two == [(1, Judgement.COVERED), (2, Judgement.ABSENT)]
    assert review.points[0].quote == "The parameter is fixed"


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Failure(500), Unavailable.FAILED),
        (Failure(429, {"retry-after": "1"}), Unavailable.RATE_LIMITED),
        (Failure(401), Unavailable.FAILED),
    ],
)
async def test_http_errors_become_a_reason(fake: FakeOpenAI, rubric, failure: Failure, reason: Unavailable):
    fake.failures.append(failure)
    async with open_judge(settings_for(fake)) as judge:
        with pytest.raises(JudgeUnavailable) as caught:
            await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
    assert caught.value.reason is reason


@pytest.mark.parametrize(
    "content",
    [
        "not json {",
        '{"points": [{"point": 1, "verdict": "full marks", "quote": ""}]}',
        '{"points": [{"point": 1, "verdict": "covered"}]}',
        '{"score": 1.0}',
        "",
    ],
)
async def test_unreadable_or_off_schema_content_is_unreadable(fake: FakeOpenAI, rubric, content: str):
    fake.content = content
    async with open_judge(settings_for(fake)) as judge:
        with pytest.raises(JudgeUnavailable) as caught:
            await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
    assert caught.value.reason is Unavailable.UNREADABLE


async def test_a_server_slower_than_the_timeout_times_out(fake: FakeOpenAI, rubric):
    fake.hang = True
    async with open_judge(settings_for(fake, timeout=0.2)) as judge:
        with pytest.raises(JudgeUnavailable) as caught:
            await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
    assert caught.value.reason is Unavailable.TIMEOUT


async def test_a_rate_limit_is_retried_when_retries_are_allowed(fake: FakeOpenAI, rubric):
    fake.failures.append(Failure(429, {"retry-after-ms": "1"}))
    async with open_judge(settings_for(fake, max_retries=1)) as judge:
        review = await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
    assert len(fake.received) == 2 and len(review.points) == len(rubric)


async def test_daily_budgets_per_person_and_in_total_stop_calls_before_sending(fake: FakeOpenAI, rubric):
    async with open_judge(settings_for(fake, daily_per_person=1, daily_total=2)) as judge:
        await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
        with pytest.raises(JudgeUnavailable) as person:
            await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
        await judge.review("Q?", rubric, ANSWER, person=2, day=DAY)
        with pytest.raises(JudgeUnavailable) as total:
            await judge.review("Q?", rubric, ANSWER, person=3, day=DAY)
        await judge.review("Q?", rubric, ANSWER, person=1, day=date(2026, 11, 24))
    assert (person.value.reason, total.value.reason) == (Unavailable.PERSON_BUDGET, Unavailable.DAILY_BUDGET)
    assert len(fake.received) == 3


async def test_the_key_never_reaches_the_logs(fake: FakeOpenAI, rubric, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    fake.failures.append(Failure(500))
    settings = settings_for(fake)
    async with open_judge(settings) as judge:
        with pytest.raises(JudgeUnavailable):
            await judge.review("Q?", rubric, ANSWER, person=1, day=DAY)
        await judge.review("Q?", rubric, ANSWER, person=2, day=DAY)
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__!r}" for r in caplog.records)
    assert "model review unavailable: failed" in logged
    assert any(r.name.startswith("openai") for r in caplog.records), "the SDK's debug logs are checked too"
    assert fake.received[0].headers["Authorization"].endswith(KEY)
    assert KEY not in logged and KEY not in repr(settings)


async def test_nothing_is_sent_when_no_grader_is_configured(fake: FakeOpenAI):
    async with open_judge(None) as judge:
        assert judge is None
    assert fake.received == []
