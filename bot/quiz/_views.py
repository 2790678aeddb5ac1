"""Replies for the quiz: what a question card, a verdict, a hint and a reveal contain.

Each reply kind is a frozen view whose fields are what it means; its `blocks` say it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from bot.actions import QuizAction, QuizVerb
from bot.checks import TestResult, Verdict
from bot.events import Actor
from bot.grading import Grade, GradeBand
from bot.judge import Judged, Judgement, Unavailable
from bot.quiz._scoring import POINTS_BY_DIFFICULTY
from bot.replies import (
    BAND_TONES,
    Block,
    Button,
    Buttons,
    Code,
    Fields,
    Form,
    FormInput,
    Heading,
    Notice,
    Reply,
    ReplyKind,
    Table,
    Text,
    Tone,
    Visibility,
)
from bot.streaks import streak_label
from questions import Category, Instance, Kind, Language, Question
from storage import Award, Post, PostResult, PostSource


def question_body(instance: Instance, heading: str) -> list[Block]:
    """Heading, prompt, choices and starter code: what every question card shows first."""
    question = instance.question
    blocks: list[Block] = [Heading(heading), Text(instance.prompt.strip())]
    if question.kind is Kind.CHOICE:
        blocks.append(
            Text("\n".join(f"{string.ascii_uppercase[i]}) {c}" for i, c in enumerate(question.choices)))
        )
    if question.kind is Kind.CODE and question.code is not None:
        blocks.append(Code(question.code.starter or question.code.signature, question.language.value))
    return blocks


@dataclass(frozen=True)
class PostedQuestion:
    """What every question card is about: the question as shown and the post that carries it."""

    instance: Instance
    post: Post

    @property
    def question(self) -> Question:
        return self.instance.question

    @property
    def post_id(self) -> int:
        return self.post.id

    @property
    def question_id(self) -> str:
        return self.question.id

    @property
    def category(self) -> Category:
        return self.question.category

    @property
    def question_kind(self) -> Kind:
        return self.question.kind

    @property
    def source(self) -> PostSource:
        return self.post.source


@dataclass(frozen=True)
class QuestionCard(PostedQuestion):
    """A question put up on its own (`/quiz` or the daily post), with its answer, hint and reveal buttons."""

    kind: ClassVar[ReplyKind] = ReplyKind.QUESTION

    def blocks(self) -> tuple[Block, ...]:
        question = self.question
        blocks = question_body(self.instance, question.title)
        blocks += [
            Fields(
                (
                    ("Category", question.category.label),
                    ("Difficulty", question.difficulty.value),
                    ("Question", question.id),
                    ("Worth", f"up to {POINTS_BY_DIFFICULTY[question.difficulty]} points"),
                )
            ),
            Notice(_how_to_answer(question)),
            Buttons(tuple(self._buttons())),
        ]
        return tuple(blocks)

    def _buttons(self) -> list[Button]:
        """Daily posts reveal on schedule, so only on-demand posts carry a Reveal button."""
        hint = Button("Hint", QuizAction(QuizVerb.HINT, self.post.id).encode())
        buttons = [answer_button(self.question, self.post), hint]
        if self.post.source is PostSource.QUIZ:
            buttons.append(Button("Reveal", QuizAction(QuizVerb.REVEAL, self.post.id).encode()))
        return buttons


def question_card(instance: Instance, post: Post) -> Reply:
    return Reply.of(QuestionCard(instance, post))


def answer_button(question: Question, post: Post) -> Button:
    """The primary button of every question card: a code form for coding questions, else a text form."""
    if question.kind is Kind.CODE:
        return Button("Submit code", QuizAction(QuizVerb.CODE, post.id).encode(), primary=True)
    return Button("Answer privately", QuizAction(QuizVerb.ANSWER, post.id).encode(), primary=True)


def form_for(action: QuizAction) -> Form | None:
    """The modal behind a card's answer buttons; other buttons act at once and open nothing."""
    if action.verb is QuizVerb.ANSWER:
        field = FormInput("answer", "Your answer", placeholder="Only you see this until the reveal.")
        return Form(action.encode(), "Answer privately", (field,), "Submit answer")
    if action.verb is QuizVerb.CODE:
        # decided without I/O (Discord takes a modal only as the first reply), so it fits either language
        field = FormInput(
            "code", "Your solution (Python, or SQL for a SQL task)", placeholder="def solve(...):"
        )
        return Form(action.encode(), "Submit code", (field,), "Run the checks")
    return None


_BAND_MARKS = {GradeBand.PASSED: "✓", GradeBand.PARTIAL: "◐", GradeBand.NOT_YET: "·"}


@dataclass(frozen=True)
class AnswerStatus:
    """What the thread learns of a private answer: who and how, and the words only in open channels."""

    kind: ClassVar[ReplyKind] = ReplyKind.ANSWER_STATUS
    user: str
    band: GradeBand | None
    """None for code stored without being run."""
    shown: str | None

    @property
    def status(self) -> str:
        return self.band or "submitted code"

    @property
    def shows_answer(self) -> bool:
        return self.shown is not None

    def blocks(self) -> tuple[Block, ...]:
        mark = _BAND_MARKS[self.band] if self.band else "·"
        blocks: list[Block] = [Text(f"{mark} *{self.user}* answered privately: {self.status}")]
        if self.shown is not None:
            shown = self.shown
            blocks.append(Code(shown, language="text") if "\n" in shown else Text(f"> {shown[:1500]}"))
        return tuple(blocks)


def answer_status(who: Actor, band: GradeBand | None, shown: str | None, thread_id: str | None) -> Reply:
    return Reply.of(AnswerStatus(who.display_name, band, shown), thread_id=thread_id)


def with_privacy_reminder(reply: Reply) -> Reply:
    """A verdict for a thread reply in a channel that keeps answers private until the reveal."""
    reminder = Notice(
        "This channel keeps answers private until the reveal: next time use *Answer privately* "
        "(or `/quiz answer ...`) so nobody can copy."
    )
    return replace(reply, blocks=(*reply.blocks, reminder))


def code_noun(language: Language) -> str:
    """How to send code in this language: a fenced block labelled with it."""
    return "query in a ```sql block" if language is Language.SQL else "solution in a ```python block"


def _how_to_answer(question: Question) -> str:
    if question.kind is Kind.CODE:
        what = "your " + code_noun(question.language)
    elif question.kind is Kind.CHOICE:
        what = "the letter of your choice"
    elif question.kind is Kind.NUMERIC:
        what = "the number (0.25, 1/4 and 25% all work)"
    elif question.kind is Kind.BEHAVIORAL:
        what = "a STAR story: situation, task, action, result"
    else:
        what = "your answer; it is graded against the key points"
    return f"Answer privately with the button or `/quiz answer ...`, or reply in the thread, with {what}."


def scoring(award: Award | None) -> str:
    """What an answer earned, truthfully: points count once per question and person in a season."""
    if award is None:
        return "practice: the answer was revealed, so no points"
    if award.gained and award.earned_before:
        return f"{award.gained} more points ({award.total} for this question now)"
    if award.earned_before:
        return f"you already earned {award.earned_before} points for this question; this answer is practice"
    return f"{award.gained} points"


@dataclass(frozen=True)
class Scored:
    """A graded answer to a question and what it added to its author's points (None: practice)."""

    question: Question
    award: Award | None

    @property
    def question_id(self) -> str:
        return self.question.id

    @property
    def points(self) -> int:
        """The points this answer added."""
        return self.award.gained if self.award else 0

    @property
    def question_points(self) -> int:
        """The author's points for this question after it."""
        return self.award.total if self.award else 0


@dataclass(frozen=True)
class GradeVerdict(Scored):
    """The offline grader's verdict on a text answer, for its author only."""

    kind: ClassVar[ReplyKind] = ReplyKind.VERDICT
    reviewed: ClassVar[bool] = False
    grade: Grade = field(kw_only=True)

    @property
    def score(self) -> float:
        return self.grade.score

    @property
    def status(self) -> GradeBand:
        return self.grade.verdict

    @property
    def covered(self) -> tuple[str, ...]:
        return self.grade.covered

    @property
    def missing(self) -> tuple[str, ...]:
        return self.grade.missing

    @property
    def mistakes(self) -> tuple[str, ...]:
        return self.grade.mistakes

    def blocks(self) -> tuple[Block, ...]:
        grade = self.grade
        status = grade.verdict
        blocks: list[Block] = [
            Notice(
                f"{status.capitalize()} · score {grade.score:.2f} · {scoring(self.award)}", BAND_TONES[status]
            ),
            Text(grade.feedback),
        ]
        for mark, items in (("✓", grade.covered), ("⚠", grade.mistakes), ("✗", grade.missing)):
            if items:
                blocks.append(Text("\n".join(f"{mark} {item}" for item in items)))
        return tuple(blocks)


def verdict(
    question: Question, grade: Grade, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    return Reply.of(GradeVerdict(question, award, grade=grade), Visibility.EPHEMERAL, recipient, thread_id)


@dataclass(frozen=True)
class ReviewedVerdict(GradeVerdict):
    """The grade after the model's review, which replaces the one posted before it."""

    kind: ClassVar[ReplyKind] = ReplyKind.MODEL_VERDICT
    reviewed: ClassVar[bool] = True
    judged: Judged = field(kw_only=True)

    @property
    def discarded(self) -> int:
        return self.judged.discarded

    def blocks(self) -> tuple[Block, ...]:
        counts = {j: sum(e.judgement is j for e in self.judged.evidence) for j in Judgement}
        summary = (
            f"Updated after a model review: {counts[Judgement.COVERED]} key point(s) confirmed and "
            f"{counts[Judgement.CONTRADICTED]} contradicted, each by a quote from your answer; "
            f"{counts[Judgement.ABSENT]} not found"
        )
        if self.judged.discarded:
            summary += f"; {self.judged.discarded} verdict(s) ignored for lack of evidence"
        first, *rest = super().blocks()
        return (first, Text(summary + "."), *rest)


def model_verdict(
    question: Question, judged: Judged, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    view = ReviewedVerdict(question, award, grade=judged.grade, judged=judged)
    return Reply.of(view, Visibility.EPHEMERAL, recipient, thread_id)


_UNAVAILABLE = {
    Unavailable.TIMEOUT: "The model review took too long",
    Unavailable.RATE_LIMITED: "The model grader is busy (rate limited)",
    Unavailable.FAILED: "The model grader returned an error",
    Unavailable.UNREADABLE: "The model's review could not be read",
    Unavailable.PERSON_BUDGET: "You have used today's model reviews",
    Unavailable.DAILY_BUDGET: "Today's model reviews for this bot are used up",
}


@dataclass(frozen=True)
class ReviewUnavailable:
    """One line: no model review this time, so the offline grade just posted stands."""

    kind: ClassVar[ReplyKind] = ReplyKind.MODEL_VERDICT
    reviewed: ClassVar[bool] = False
    question_id: str
    reason: Unavailable

    def blocks(self) -> tuple[Block, ...]:
        return (Notice(f"{_UNAVAILABLE[self.reason]}; the grade above stands.", Tone.INFO),)


def review_unavailable(
    question: Question, reason: Unavailable, recipient: Actor, thread_id: str | None
) -> Reply:
    return Reply.of(ReviewUnavailable(question.id, reason), Visibility.EPHEMERAL, recipient, thread_id)


@dataclass(frozen=True)
class CodeStored:
    """Code kept without being run (no sandbox here), so it gets no verdict and no points."""

    kind: ClassVar[ReplyKind] = ReplyKind.CODE_STORED
    question_id: str
    reason: str

    def blocks(self) -> tuple[Block, ...]:
        return (
            Notice(
                f"Saved your code, but it was not run: {self.reason} It gets no verdict and no points.",
                Tone.WARNING,
            ),
            Text("Compare it with the reference solution after `/quiz reveal`."),
        )


def code_stored(question: Question, reason: str, recipient: Actor, thread_id: str | None) -> Reply:
    return Reply.of(CodeStored(question.id, reason), Visibility.EPHEMERAL, recipient, thread_id)


@dataclass(frozen=True)
class CodeChecking:
    """The acknowledgement sent at once, before the hidden tests finish."""

    kind: ClassVar[ReplyKind] = ReplyKind.CODE_CHECKING
    question_id: str

    def blocks(self) -> tuple[Block, ...]:
        return (Notice("Checking your code against the hidden tests…"),)


def checking(question: Question, recipient: Actor, thread_id: str | None) -> Reply:
    return Reply.of(CodeChecking(question.id), Visibility.EPHEMERAL, recipient, thread_id)


_STATUS_MARK = {"pass": "✓", "fail": "✗", "error": "!"}


@dataclass(frozen=True)
class CodeVerdict(Scored):
    """The hidden tests' results on submitted code, for its author only."""

    kind: ClassVar[ReplyKind] = ReplyKind.CODE_VERDICT
    verdict: Verdict = field(kw_only=True)

    @property
    def passed(self) -> bool:
        return self.verdict.passed

    @property
    def tests(self) -> tuple[TestResult, ...]:
        return self.verdict.tests

    @property
    def score(self) -> float:
        return self.verdict.score

    def blocks(self) -> tuple[Block, ...]:
        verdict = self.verdict
        required = verdict.required
        passed = sum(t.status == "pass" for t in required)
        headline = "Passed" if verdict.passed else "Not passed yet"
        timing = f"{verdict.duration_ms:.0f} ms"
        blocks: list[Block] = [
            Notice(
                f"{headline} · {passed}/{len(required)} required tests · {scoring(self.award)} · {timing}",
                Tone.SUCCESS if verdict.passed else Tone.ERROR,
            ),
            Table(
                ("", "Test", "Kind", "Result"),
                tuple((_STATUS_MARK[t.status], t.name, t.kind, t.message or "ok") for t in verdict.tests),
            ),
        ]
        if verdict.followups:
            blocks.append(
                Text("*An interviewer would ask next*\n" + "\n".join(f"• {f}" for f in verdict.followups))
            )
        if verdict.stdout.strip():
            blocks.append(Text("*Your printed output*"))
            blocks.append(Code(verdict.stdout[:1500], language="text"))
        return tuple(blocks)


def code_verdict(
    question: Question, verdict: Verdict, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    view = CodeVerdict(question, award, verdict=verdict)
    return Reply.of(view, Visibility.EPHEMERAL, recipient, thread_id)


@dataclass(frozen=True)
class Hint:
    """The next hint in the question's thread; `number` counts from 1 and stops at the last."""

    kind: ClassVar[ReplyKind] = ReplyKind.HINT
    question: Question
    number: int

    @property
    def question_id(self) -> str:
        return self.question.id

    def blocks(self) -> tuple[Block, ...]:
        hints = self.question.hints
        more = "" if self.number < len(hints) else " (that was the last one)"
        return (Text(f"*Hint {self.number} of {len(hints)}*{more}: {hints[self.number - 1]}"),)


def hint(question: Question, number: int, thread_id: str | None) -> Reply:
    return Reply.of(Hint(question, min(number, len(question.hints))), thread_id=thread_id)


@dataclass(frozen=True)
class RevealRow:
    """One person's best result on the revealed question; `score` None when their code was not run."""

    user_id: int
    name: str
    score: float | None
    streak: int


@dataclass(frozen=True)
class Reveal:
    """The answer, key points and follow-ups, with everyone's results; points are final from here on."""

    kind: ClassVar[ReplyKind] = ReplyKind.REVEAL
    instance: Instance
    results: tuple[RevealRow, ...]

    @property
    def question_id(self) -> str:
        return self.instance.question.id

    def blocks(self) -> tuple[Block, ...]:
        question = self.instance.question
        blocks: list[Block] = [Heading(f"Answer: {question.title}"), Text(self.instance.answer.strip())]
        if question.rubric:
            blocks.append(Text("*Key points*\n" + "\n".join(f"• {p.point}" for p in question.rubric)))
        if self.results:
            rows = tuple((r.name, _result_label(r.score), streak_label(r.streak)) for r in self.results)
            blocks.append(Table(("Who", "Result", "Streak"), rows))
        else:
            blocks.append(Text("Nobody answered this one before the reveal."))
        followups = "\n".join(f"• {f}" for f in question.followups)
        blocks.append(Text("*What an interviewer asks next*\n" + followups))
        blocks.append(Notice("Points are final; answers from now on count as practice."))
        return tuple(blocks)


def reveal(
    instance: Instance, results: Sequence[PostResult], streaks: Mapping[int, int], thread_id: str | None
) -> Reply:
    rows = tuple(
        RevealRow(r.user_id, r.display_name, r.best_score, streaks.get(r.user_id, 0)) for r in results
    )
    return Reply.of(Reveal(instance, rows), thread_id=thread_id)


def _result_label(score: float | None) -> str:
    if score is None:
        return "code submitted (not checked)"
    return f"{Grade(score).verdict} · {score:.2f}"
