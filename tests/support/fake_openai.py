"""A local OpenAI-compatible chat endpoint: POST /v1/chat/completions on 127.0.0.1, in the test's loop.

It records each request (JSON body and headers) and answers as the test sets it up: verdicts computed
from the request, an HTTP error, unreadable content, or nothing at all until the test ends (a hung
server). Successful answers have the shape of the openai SDK's `ChatCompletion`
(openai/types/chat/chat_completion.py: id, object "chat.completion", created, model, choices with
index, message {role, content, refusal}, finish_reason and logprobs; usage from
openai/types/completion_usage.py); errors have the API's `{"error": {"message", "type", "code"}}` body.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.events import Actor
from bot.grading import Grade
from bot.judge import Evidence, Judged, Judgement, JudgeSettings, Unavailable
from bot.quiz import _views as quiz_views
from bot.replies import Reply
from questions import Question
from storage import Award

Verdicts = Callable[[dict[str, Any]], list[dict[str, Any]]]


@dataclass
class Received:
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def payload(self) -> dict[str, Any]:
        """The question, key points and answer the bot sent, decoded from the user message."""
        return json.loads(self.body["messages"][-1]["content"])


@dataclass
class Failure:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


def all_absent(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"point": p["point"], "verdict": "absent", "quote": ""} for p in payload["key_points"]]


class FakeOpenAI:
    """Answers with `verdicts(payload)` unless a failure is queued, `content` is forced, or `hang` is set."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.verdicts: Verdicts = all_absent
        self.failures: list[Failure] = []
        self.content: str | None = None
        self.hang = False
        self.port = 0
        self._ids = itertools.count(1)
        self._released = asyncio.Event()
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def __aenter__(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.received.append(Received(body, dict(request.headers)))
        if self.hang:
            await self._released.wait()
        if self.failures:
            failure = self.failures.pop(0)
            error = {"message": f"fake failure {failure.status}", "type": "server_error", "code": None}
            return web.json_response({"error": error}, status=failure.status, headers=failure.headers)
        content = self.content
        if content is None:
            content = json.dumps({"points": self.verdicts(self.received[-1].payload)})
        return web.json_response(self._completion(body["model"], content))

    def _completion(self, model: str, content: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-fake-{next(self._ids)}",
            "object": "chat.completion",
            "created": 1_790_000_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
        }


KEY = "sk-fake-grader-key-neverlog-5f2c"


def settings_for(fake: FakeOpenAI, **changes: Any) -> JudgeSettings:
    """Grader settings pointing at the fake, with a short timeout and no retries unless changed."""
    values: dict[str, Any] = {
        "base_url": fake.base_url,
        "model": "fake-grader",
        "api_key": KEY,
        "timeout": 5.0,
        "max_retries": 0,
    }
    return JudgeSettings(**{**values, **changes})


def quoting(quotes: dict[int, str], verdict: str = "covered") -> Verdicts:
    """A model that gives `verdict` with the given quote for these points (from 1) and absent elsewhere."""

    def verdicts(payload: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"point": p["point"], "verdict": verdict, "quote": quotes[p["point"]]}
            if p["point"] in quotes
            else {"point": p["point"], "verdict": "absent", "quote": ""}
            for p in payload["key_points"]
        ]

    return verdicts


def model_replies(question: Question, recipient: Actor) -> list[Reply]:
    """Every reply the model grader can make, with mistakes quoting the longest answer a form takes."""
    quote = "words " * 700
    points = [p.point for p in question.rubric]
    grade = Grade(
        0.4,
        covered=tuple(points[:1]),
        missing=tuple(points[1:]),
        feedback="You covered 1 key point.",
        mistakes=tuple(f"You wrote “{quote}”, which contradicts: {point}" for point in points),
    )
    evidence = tuple(Evidence(i, Judgement.CONTRADICTED, quote) for i in range(len(points)))
    reviewed = quiz_views.model_verdict(question, Judged(grade, evidence, 3), Award(8, 12), recipient, "1.1")
    notes = [quiz_views.review_unavailable(question, reason, recipient, "1.1") for reason in Unavailable]
    return [reviewed, *notes]
