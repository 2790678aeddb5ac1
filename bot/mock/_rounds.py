"""Pure round logic: the agenda, each question's share of the clock, time used, and pair-round scores."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.errors import UserError
from bot.quiz import draw_category, pick_question
from questions import Category, Kind, Question, QuestionBank
from storage import MockQuestion

WARNING_SECONDS = 120
MIN_SHARE_SECONDS = 180
LIMITS = {"minutes": (5, 180), "technical": (0, 6), "behavioral": (0, 3)}


@dataclass(frozen=True)
class Plan:
    """What a round asks for: its length and how many technical and behavioral questions."""

    minutes: int = 45
    technical: int = 3
    behavioral: int = 1

    def check(self) -> None:
        """Refuse plans no phone screen looks like, with the limit that was crossed."""
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise UserError(f"`{name}` must be between {low} and {high}, not {value}.")
        if self.technical + self.behavioral == 0:
            raise UserError("A round needs at least one question: `technical=` or `behavioral=` above 0.")


def weight_of(question: Question) -> float:
    """Coding questions take twice the time of other technical ones; behavioral ones half."""
    if question.kind is Kind.CODE:
        return 2.0
    return 0.5 if question.category is Category.BEHAVIORAL else 1.0


def time_shares(weights: Sequence[float], total_seconds: int) -> list[int]:
    """Whole seconds by weight (largest remainder first), so the shares add up to the total exactly."""
    if not weights:
        return []
    total_weight = sum(weights)
    exact = [total_seconds * w / total_weight for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[: total_seconds - sum(shares)]:
        shares[i] += 1
    return shares


def plan_agenda(
    bank: QuestionBank,
    weights: Mapping[Category, int],
    last_used: Mapping[str, int],
    plan: Plan,
    rng: random.Random,
) -> list[Question]:
    """Technical questions drawn by the channel's weights, then the behavioral ones; none twice."""
    chosen: list[Question] = []
    for _ in range(plan.technical):
        taken = {q.id for q in chosen}
        usable: dict[Category, int] = {
            c: w
            for c, w in weights.items()
            if c is not Category.BEHAVIORAL and any(q.id not in taken for q in bank.in_category(c))
        }
        if not any(usable.values()):
            raise UserError(
                "This channel's weights leave no technical questions to draw: an admin can change them "
                "with `/quiz weights`, or start with `technical=0`."
            )
        category = draw_category(usable, bank, rng)
        chosen.append(_pick(bank, category, taken, last_used, rng))
    for _ in range(plan.behavioral):
        chosen.append(_pick(bank, Category.BEHAVIORAL, {q.id for q in chosen}, last_used, rng))
    return chosen


def _pick(
    bank: QuestionBank, category: Category, taken: Collection[str], last_used: Mapping[str, int], rng
) -> Question:
    candidates = [q for q in bank.in_category(category) if q.id not in taken]
    if not candidates:
        raise UserError(f"There are not enough {category.label} questions for that many in one round.")
    return pick_question(candidates, last_used, rng)


def check_shares(plan: Plan, agenda: Sequence[Question]) -> list[int]:
    """The planned shares, refusing a round that leaves some question under the minimum."""
    weights = [weight_of(q) for q in agenda]
    shares = time_shares(weights, plan.minutes * 60)
    if min(shares) < MIN_SHARE_SECONDS:
        longest = LIMITS["minutes"][1]
        enough = (m for m in range(plan.minutes, longest + 1) if _fits(weights, m))
        needed = next(enough, None)
        advice = f"Try `minutes={needed}` or fewer questions." if needed else "Ask for fewer questions."
        raise UserError(
            f"{plan.minutes} minutes is too short for these {len(agenda)} questions: each needs at least "
            f"{MIN_SHARE_SECONDS // 60} minutes (coding ones get twice the time, behavioral ones half). "
            + advice
        )
    return shares


def _fits(weights: Sequence[float], minutes: int) -> bool:
    """Whether every question's share of `minutes` reaches the minimum, by the same split the round uses."""
    return min(time_shares(weights, minutes * 60)) >= MIN_SHARE_SECONDS


def share_for(questions: Sequence[MockQuestion], position: int, total_seconds: int) -> int:
    """A question's share when it opens: time earlier questions did not use moves on to the rest."""
    spent = sum(min(q.used, q.seconds or 0) for q in questions[:position])
    remaining = max(total_seconds - round(spent), 0)
    return time_shares([q.weight for q in questions[position:]], remaining)[0]


def clock_used(question: MockQuestion, now: datetime) -> float:
    """Seconds on the question's clock at `now`; after it closed, wall time keeps counting (lateness)."""
    if question.closed_at is not None:
        return question.used + max((now - question.closed_at).total_seconds(), 0.0)
    running = (now - question.resumed_at).total_seconds() if question.resumed_at else 0.0
    return question.used + max(running, 0.0)


def round_seconds_left(questions: Sequence[MockQuestion], total_seconds: int, now: datetime) -> float:
    """The round's time left: closed questions count the time they used, the open one its running clock.

    A closed question's clock keeps counting lateness, which must not count again here: the open
    question's clock already runs for the same seconds.
    """
    spent = sum(
        min(q.used if q.closed_at is not None else clock_used(q, now), q.seconds or 0)
        for q in questions
        if q.opened_at
    )
    return total_seconds - spent


def seconds_left(question: MockQuestion, now: datetime) -> float:
    return (question.seconds or 0) - clock_used(question, now)


def clock_text(seconds: float) -> str:
    """`12:05`, or `1:02:05` from an hour on; never negative."""
    whole = max(round(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def marked_score(question: Question, auto_covered: Collection[str], marks: Mapping[int, bool]) -> float:
    """Weighted share of key points covered: the interviewer's mark where given, else the grader's."""
    rubric = question.rubric
    total = sum(p.weight for p in rubric)
    covered = sum(p.weight for i, p in enumerate(rubric) if marks.get(i, p.point in auto_covered))
    return covered / total if total else 0.0
