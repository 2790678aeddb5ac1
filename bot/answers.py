"""What people answer with, and what grading found, as types rather than strings read back.

To add an answer kind (say a fenced SQL query), add a dataclass to `Answer`; mypy then points at
every `match` that must handle it (`assert_never`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.checks import Verdict
from bot.grading import Grade
from bot.judge import Evidence, Judged, Judgement
from bot.text import extract_code
from questions import Language


@dataclass(frozen=True)
class TextAnswer:
    """Words as typed: a thread reply, `/quiz answer ...` or the answer form; code may sit in a fence."""

    text: str

    @property
    def shown(self) -> str:
        return self.text


@dataclass(frozen=True)
class CodeAnswer:
    """Source from the code form (Python or SQL, as the question asks), already out of any fence."""

    code: str

    @property
    def shown(self) -> str:
        return self.code


Answer = TextAnswer | CodeAnswer


def code_from_form(text: str, language: Language) -> CodeAnswer:
    """The code form takes bare code or a fenced block; either way the checks get the code alone."""
    code = extract_code(text, language)
    return CodeAnswer(text if code is None else code)


@dataclass(frozen=True)
class StoredReview:
    """The model grader's verdicts that stood, each with its quote, and how many were thrown out."""

    model: str
    evidence: tuple[Evidence, ...]
    discarded: int

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.model,
            "evidence": [
                {"point": e.index, "verdict": e.judgement.value, "quote": e.quote} for e in self.evidence
            ],
            "discarded": self.discarded,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoredReview:
        evidence = tuple(
            Evidence(e["point"], Judgement(e["verdict"]), e.get("quote", ""))
            for e in data.get("evidence", ())
        )
        return cls(str(data.get("name", "")), evidence, int(data.get("discarded", 0)))


@dataclass(frozen=True)
class Outcome:
    """What grading found in one attempt, text or code; stored as the attempt's `detail` JSON.

    Text answers fill the key points (and `review` after a model review); code answers fill `verdict`.
    Code stored without being run has no outcome (`{}` reads back as an empty one).
    """

    covered: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    review: StoredReview | None = None
    verdict: Verdict | None = None

    @classmethod
    def of_grade(cls, grade: Grade, judged: Judged | None = None, model: str = "") -> Outcome:
        review = StoredReview(model, judged.evidence, judged.discarded) if judged else None
        return cls(grade.covered, grade.missing, grade.mistakes, review)

    @classmethod
    def of_verdict(cls, verdict: Verdict) -> Outcome:
        return cls(verdict=verdict)

    @property
    def failed_tests(self) -> tuple[str, ...]:
        """Required tests that did not pass: what a coding answer missed."""
        required = self.verdict.required if self.verdict else ()
        return tuple(t.name for t in required if t.status != "pass")

    @property
    def missed(self) -> tuple[str, ...]:
        """Key points not found, else failed required tests: what a scorecard lists as missed."""
        return self.missing or self.failed_tests

    def to_json(self) -> dict[str, object]:
        if self.verdict is not None:
            return self.verdict.to_json()
        detail: dict[str, object] = {"covered": list(self.covered), "missing": list(self.missing)}
        if self.mistakes:
            detail["mistakes"] = list(self.mistakes)
        if self.review is not None:
            detail["model"] = self.review.to_json()
        return detail

    @classmethod
    def from_json(cls, detail: Mapping[str, Any]) -> Outcome:
        """Reads every `detail` ever stored: text grades, code verdicts, and `{}` for unrun code."""
        if "tests" in detail:
            return cls(verdict=Verdict.from_json(detail))
        model = detail.get("model")
        return cls(
            tuple(detail.get("covered", ())),
            tuple(detail.get("missing", ())),
            tuple(detail.get("mistakes", ())),
            StoredReview.from_json(model) if isinstance(model, Mapping) else None,
        )
