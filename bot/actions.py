"""The one codec for button and form ids: `<family>:<verb>:<number>[:<arg>]`, state carried in the id.

Ids carry their own state so buttons on old posts keep working after a restart. Adapters route
every id of this shape to the core (`ID_TEMPLATE`); only `decode` says which ones the core knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ID_TEMPLATE = r"(?P<family>[a-z]+):(?P<verb>[a-z-]+):(?P<id>\d+)(?::(?P<arg>[^:\s]{1,80}))?"
"""Every id the core might own, as a regular expression without anchors (Discord's DynamicItem wants one)."""

ID_PATTERN = re.compile(rf"^{ID_TEMPLATE}$")
"""`ID_TEMPLATE` anchored at both ends, for adapters that match ids with `re.search`."""

_MOCK_ARG = re.compile(r"^[a-z0-9-]{1,40}$")


class Family(StrEnum):
    QUIZ = "quiz"
    MOCK = "mock"


class QuizVerb(StrEnum):
    """What a question card's buttons (and the forms two of them open) do to a post."""

    ANSWER = "answer"
    CODE = "code"
    HINT = "hint"
    REVEAL = "reveal"


class MockVerb(StrEnum):
    """What the interviewer's and the scorecard's buttons do to a round."""

    HIT = "hit"
    MISS = "miss"
    RECOMMEND = "rec"
    TICK = "tick"


@dataclass(frozen=True)
class QuizAction:
    verb: QuizVerb
    post_id: int

    def encode(self) -> str:
        return f"{Family.QUIZ}:{self.verb}:{self.post_id}"


@dataclass(frozen=True)
class MockAction:
    """`arg` is `<position>-<point>` for a mark, a recommendation key, or a checklist item."""

    verb: MockVerb
    round_id: int
    arg: str

    def encode(self) -> str:
        return f"{Family.MOCK}:{self.verb}:{self.round_id}:{self.arg}"


Action = QuizAction | MockAction

_QUIZ_VERBS = frozenset(QuizVerb)
_MOCK_VERBS = frozenset(MockVerb)


def decode(action_id: str) -> Action | None:
    """The action an id names, or None for an id from another version or a tampered payload."""
    match = ID_PATTERN.match(action_id)
    if match is None:
        return None
    family, verb, number, arg = match["family"], match["verb"], int(match["id"]), match["arg"]
    if family == Family.QUIZ and arg is None and verb in _QUIZ_VERBS:
        return QuizAction(QuizVerb(verb), number)
    if family == Family.MOCK and arg is not None and verb in _MOCK_VERBS and _MOCK_ARG.match(arg):
        return MockAction(MockVerb(verb), number, arg)
    return None
