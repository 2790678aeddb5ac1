"""Each person's result per round question, from their attempts and the interviewer's marks (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from bot.answers import Outcome
from bot.mock._checklist import detect, states
from bot.mock._rounds import marked_score
from bot.quiz import points_for
from questions import Question
from storage import MockAnswer, MockAttempt, MockMember, MockQuestion

Marks = Mapping[tuple[int, int], bool]


@dataclass(frozen=True)
class QuestionResult:
    position: int
    question: Question
    seconds: int | None
    answered: bool
    late: bool
    used: float | None
    score: float | None
    points: int
    missed: tuple[str, ...]
    answer: str | None


@dataclass(frozen=True)
class Scorecard:
    member: MockMember
    results: tuple[QuestionResult, ...]
    checklist: dict[str, str]
    recommendation: str | None

    @property
    def points(self) -> int:
        return sum(r.points for r in self.results)

    @property
    def overall(self) -> float:
        """Mean score over the questions asked, unanswered ones counting 0."""
        return sum(r.score or 0.0 for r in self.results) / len(self.results) if self.results else 0.0


def result_for(
    slot: MockQuestion,
    question: Question,
    user_id: int,
    answers: Sequence[MockAnswer],
    attempts: Sequence[MockAttempt],
    marks: Marks,
    *,
    pair: bool,
) -> QuestionResult:
    """Best on-time result counts for points; a late one still shows. Pair marks override the grader."""
    best = _best(_theirs(attempts, slot.position, user_id))
    first = next(iter(_theirs(answers, slot.position, user_id)), None)
    given = {point: covered for (position, point), covered in marks.items() if position == slot.position}
    judged = pair and bool(given)
    score, missed = _judged(question, best, given) if judged else _graded(best.attempt)
    counts = score is not None and (best.on_time or judged)
    return QuestionResult(
        position=slot.position,
        question=question,
        seconds=slot.seconds,
        answered=first is not None,
        late=bool(first and first.late),
        used=first.used if first else None,
        score=score,
        points=points_for(question, score) if counts and score is not None else 0,
        missed=missed,
        answer=best.attempt.answer if best.attempt else None,
    )


_Mine = TypeVar("_Mine", MockAnswer, MockAttempt)


def _theirs(items: Sequence[_Mine], position: int, user_id: int) -> list[_Mine]:
    """A person's answers or attempts at one round question, oldest first."""
    return [item for item in items if item.position == position and item.user_id == user_id]


@dataclass(frozen=True)
class _Best:
    """The attempt that stands for a person on one question, and whether it was in time to count."""

    attempt: MockAttempt | None
    on_time: bool


def _best(mine: Sequence[MockAttempt]) -> _Best:
    """The best on-time graded attempt, else the best late one, else the last one stored unchecked."""
    on_time = [a for a in mine if a.status == "graded"]
    scored = on_time or [a for a in mine if a.score is not None]
    if scored:
        return _Best(max(scored, key=lambda a: a.score or 0.0), bool(on_time))
    return _Best(mine[-1] if mine else None, False)


def _judged(question: Question, best: _Best, given: Mapping[int, bool]) -> tuple[float, tuple[str, ...]]:
    """The interviewer's marks, falling back to what the grader found on time for unmarked points."""
    found = best.attempt if best.on_time else None
    auto = set(Outcome.from_json(found.detail).covered) if found else set()
    missed = tuple(p.point for i, p in enumerate(question.rubric) if not given.get(i, p.point in auto))
    return marked_score(question, auto, given), missed


def _graded(best: MockAttempt | None) -> tuple[float | None, tuple[str, ...]]:
    if best is None or best.score is None:
        return None, ()
    return best.score, Outcome.from_json(best.detail).missed


def scorecard(
    member: MockMember,
    agenda: Sequence[tuple[MockQuestion, Question]],
    answers: Sequence[MockAnswer],
    attempts: Sequence[MockAttempt],
    marks: Marks,
    ticked: set[str],
    awarded: Mapping[tuple[int, int], int],
    *,
    pair: bool,
    recommendation: str | None,
) -> Scorecard:
    """The person's card; its points are what the ledger kept, so a question earned before adds nothing."""
    results = tuple(
        replace(
            result_for(slot, question, member.user_id, answers, attempts, marks, pair=pair),
            points=awarded.get((slot.position, member.user_id), 0),
        )
        for slot, question in agenda
        if slot.opened_at is not None
    )
    detected = detect(a.answer for a in attempts if a.user_id == member.user_id)
    return Scorecard(member, results, states(detected, ticked), recommendation)
