"""The typed shape of one question file, validated with pydantic for precise field errors."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from questions._categories import Category

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Kind(StrEnum):
    CONCEPT = "concept"
    NUMERIC = "numeric"
    CHOICE = "choice"
    BEHAVIORAL = "behavioral"
    CODE = "code"


class Language(StrEnum):
    """What a code answer is written in, and so how the sandbox runs it."""

    PYTHON = "python"
    SQL = "sql"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class _Strict(BaseModel):
    # Built on first validation: start-up takes questions from the cache, unvalidated and unchanged.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class KeyPoint(_Strict):
    """One thing a good answer says; `match` lists phrase groups that must all appear."""

    point: NonEmpty
    match: list[list[NonEmpty]] = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)

    @model_validator(mode="after")
    def _groups_not_empty(self) -> KeyPoint:
        if any(not group for group in self.match):
            raise ValueError("every match group needs at least one phrase")
        return self


class Misconception(_Strict):
    """A wrong claim interviewers hear; saying it costs the key points it contradicts."""

    claim: NonEmpty
    """The wrong claim in plain words, quoted back in feedback ("You said L2 gives sparse weights")."""
    match: list[list[NonEmpty]] = Field(min_length=1)
    """Phrase groups with the same rules as a key point's: all said together, affirmed."""
    correction: NonEmpty
    """What is true instead, and why: the rest of the feedback sentence."""
    contradicts: list[int] = Field(default_factory=list)
    """0-based indices of the rubric key points this claim contradicts (zeroed when it is said)."""

    @model_validator(mode="after")
    def _groups_not_empty(self) -> Misconception:
        if any(not group for group in self.match):
            raise ValueError("every match group needs at least one phrase")
        return self


class Tolerance(_Strict):
    """How far a numeric answer may be off: absolute, relative, or both (either suffices)."""

    abs: float | None = Field(default=None, ge=0)
    rel: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_given(self) -> Tolerance:
        if self.abs is None and self.rel is None:
            raise ValueError("give abs or rel")
        return self


class NumericAnswer(_Strict):
    """The expected number; omitted for generated questions, whose generator computes it per post."""

    value: float | None = None
    tolerance: Tolerance
    unit: str = ""


class CodeTask(_Strict):
    """A Python task names the function its checks call; a SQL task runs one query against its tables."""

    language: Language = Language.PYTHON
    function: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")] | None = None
    signature: NonEmpty
    """Python: the function's `def` line. SQL: the tables the query reads, with their columns."""
    starter: str = ""

    @model_validator(mode="after")
    def _function_for_python(self) -> CodeTask:
        if (self.function is None) != (self.language is Language.SQL):
            raise ValueError("a python task names its `function`; a sql task has none")
        return self


class Question(_Strict):
    """A question as stored in the bank."""

    id: Slug
    category: Category
    kind: Kind
    difficulty: Difficulty
    tags: list[Slug] = Field(min_length=1)
    title: NonEmpty
    prompt: NonEmpty
    hints: list[NonEmpty] = Field(min_length=1)
    answer: NonEmpty
    rubric: list[KeyPoint] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)
    followups: list[NonEmpty] = Field(min_length=1)
    notes: str = ""
    source: Literal["seed", "original"] = "original"
    numeric: NumericAnswer | None = None
    choices: list[NonEmpty] = Field(default_factory=list)
    correct: int | None = Field(default=None, ge=0)
    code: CodeTask | None = None
    generator: Slug | None = None

    @property
    def language(self) -> Language:
        """What a code answer to this question is written in (Python unless its task says SQL)."""
        return self.code.language if self.code else Language.PYTHON

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        problems = _kind_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _kind_problems(q: Question) -> list[str]:
    problems: list[str] = []
    if q.kind is Kind.NUMERIC and q.numeric is None:
        problems.append("a numeric question needs `numeric: {value, tolerance}`")
    if q.kind is not Kind.NUMERIC and q.numeric is not None:
        problems.append("`numeric` is only for kind numeric")
    if q.numeric is not None and (q.numeric.value is None) != (q.generator is not None):
        problems.append("a numeric question has either `numeric.value` or a `generator`, not both")
    if q.generator is not None and q.kind is not Kind.NUMERIC:
        problems.append("`generator` is only for kind numeric")
    if q.kind is Kind.CHOICE:
        if len(q.choices) < 2:
            problems.append("a choice question needs at least two `choices`")
        if q.correct is None or q.correct >= len(q.choices):
            problems.append("`correct` must index one of the `choices` (0-based)")
    elif q.choices or q.correct is not None:
        problems.append("`choices` and `correct` are only for kind choice")
    if q.kind is Kind.CODE and q.code is None:
        problems.append("a code question needs `code: {function, signature}`")
    if q.kind in (Kind.CONCEPT, Kind.BEHAVIORAL) and not q.rubric:
        problems.append("a free-text question needs rubric key points")
    for number, wrong in enumerate(q.misconceptions):
        if any(not 0 <= index < len(q.rubric) for index in wrong.contradicts):
            problems.append(f"misconceptions[{number}].contradicts must index rubric key points (0-based)")
    return problems
