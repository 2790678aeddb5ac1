"""Replies for the quiz: what a question card, a verdict, a hint and a reveal contain."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.actions import QuizAction, QuizVerb
from bot.checks import Verdict
from bot.events import Actor
from bot.grading import Grade, GradeBand
from bot.judge import Judged, Judgement, Unavailable
from bot.quiz._scoring import POINTS_BY_DIFFICULTY
from bot.replies import (
    BAND_TONES,
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
from questions import Instance, Kind, Question
from storage import Award, Post, PostResult, PostSource


def question_body(instance: Instance, heading: str) -> list:
    """Heading, prompt, choices and starter code: what every question card shows first."""
    question = instance.question
    blocks: list = [Heading(heading), Text(instance.prompt.strip())]
    if question.kind is Kind.CHOICE:
        blocks.append(
            Text("\n".join(f"{string.ascii_uppercase[i]}) {c}" for i, c in enumerate(question.choices)))
        )
    if question.kind is Kind.CODE and question.code is not None:
        blocks.append(Code(question.code.starter or question.code.signature))
    return blocks


def card_data(question: Question, post: Post) -> dict:
    """What a question card means, for adapters and tests."""
    return {
        "post_id": post.id,
        "question_id": question.id,
        "category": question.category.value,
        "kind": question.kind.value,
        "source": post.source,
    }


def question_card(instance: Instance, post: Post) -> Reply:
    question = instance.question
    blocks = question_body(instance, question.title)
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
        Buttons(tuple(_card_buttons(question, post))),
    ]
    return Reply(ReplyKind.QUESTION, tuple(blocks), data=card_data(question, post))


def _card_buttons(question: Question, post: Post) -> list[Button]:
    """Daily posts reveal on schedule, so only on-demand posts carry a Reveal button."""
    buttons = [answer_button(question, post), Button("Hint", QuizAction(QuizVerb.HINT, post.id).encode())]
    if post.source is PostSource.QUIZ:
        buttons.append(Button("Reveal", QuizAction(QuizVerb.REVEAL, post.id).encode()))
    return buttons


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
        field = FormInput("code", "Your Python solution", placeholder="def solve(...):")
        return Form(action.encode(), "Submit code", (field,), "Run the checks")
    return None


_BAND_MARKS = {GradeBand.PASSED: "✓", GradeBand.PARTIAL: "◐", GradeBand.NOT_YET: "·"}


def answer_status(who: Actor, band: GradeBand | None, shown: str | None, thread_id: str | None) -> Reply:
    """What the thread learns of a private answer: who and how, and the words only in open channels.

    `band` is None for code stored without being run.
    """
    status = band or "submitted code"
    mark = _BAND_MARKS[band] if band else "·"
    blocks: list = [Text(f"{mark} *{who.display_name}* answered privately: {status}")]
    if shown is not None:
        blocks.append(Code(shown, language="text") if "\n" in shown else Text(f"> {shown[:1500]}"))
    return Reply(
        ReplyKind.ANSWER_STATUS,
        tuple(blocks),
        thread_id=thread_id,
        data={"user": who.display_name, "status": status, "shows_answer": shown is not None},
    )


def with_privacy_reminder(reply: Reply) -> Reply:
    """A verdict for a thread reply in a channel that keeps answers private until the reveal."""
    reminder = Notice(
        "This channel keeps answers private until the reveal: next time use *Answer privately* "
        "(or `/quiz answer ...`) so nobody can copy."
    )
    return replace(reply, blocks=(*reply.blocks, reminder))


def _how_to_answer(question: Question) -> str:
    if question.kind is Kind.CODE:
        what = "your solution in a ```python block"
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


def points_data(award: Award | None) -> dict[str, int]:
    """The points an answer added, and the person's points for its question after it."""
    return {"points": award.gained if award else 0, "question_points": award.total if award else 0}


def verdict(
    question: Question, grade: Grade, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    status = grade.verdict
    blocks: list = [
        Notice(f"{status.capitalize()} · score {grade.score:.2f} · {scoring(award)}", BAND_TONES[status]),
        Text(grade.feedback),
    ]
    if grade.covered:
        blocks.append(Text("\n".join(f"✓ {item}" for item in grade.covered)))
    if grade.mistakes:
        blocks.append(Text("\n".join(f"⚠ {item}" for item in grade.mistakes)))
    if grade.missing:
        blocks.append(Text("\n".join(f"✗ {item}" for item in grade.missing)))
    return Reply(
        ReplyKind.VERDICT,
        tuple(blocks),
        Visibility.EPHEMERAL,
        recipient,
        thread_id,
        data={
            "question_id": question.id,
            "score": grade.score,
            "status": status,
            **points_data(award),
            "covered": list(grade.covered),
            "mistakes": list(grade.mistakes),
            "missing": list(grade.missing),
        },
    )


_UNAVAILABLE = {
    Unavailable.TIMEOUT: "The model review took too long",
    Unavailable.RATE_LIMITED: "The model grader is busy (rate limited)",
    Unavailable.FAILED: "The model grader returned an error",
    Unavailable.UNREADABLE: "The model's review could not be read",
    Unavailable.PERSON_BUDGET: "You have used today's model reviews",
    Unavailable.DAILY_BUDGET: "Today's model reviews for this bot are used up",
}


def review_unavailable(
    question: Question, reason: Unavailable, recipient: Actor, thread_id: str | None
) -> Reply:
    """One line: no model review this time, so the offline grade just posted stands."""
    return Reply(
        ReplyKind.MODEL_VERDICT,
        (Notice(f"{_UNAVAILABLE[reason]}; the grade above stands.", Tone.INFO),),
        Visibility.EPHEMERAL,
        recipient,
        thread_id,
        data={"question_id": question.id, "reviewed": False, "reason": reason.value},
    )


def model_verdict(
    question: Question, judged: Judged, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    """The grade after the model's review, which replaces the one posted before it."""
    counts = {j: sum(e.judgement is j for e in judged.evidence) for j in Judgement}
    summary = (
        f"Updated after a model review: {counts[Judgement.COVERED]} key point(s) confirmed and "
        f"{counts[Judgement.CONTRADICTED]} contradicted, each by a quote from your answer; "
        f"{counts[Judgement.ABSENT]} not found"
    )
    if judged.discarded:
        summary += f"; {judged.discarded} verdict(s) ignored for lack of evidence"
    reply = verdict(question, judged.grade, award, recipient, thread_id)
    return replace(
        reply,
        kind=ReplyKind.MODEL_VERDICT,
        blocks=(reply.blocks[0], Text(summary + "."), *reply.blocks[1:]),
        data={**reply.data, "reviewed": True, "discarded": judged.discarded},
    )


def code_stored(question: Question, reason: str, recipient: Actor, thread_id: str | None) -> Reply:
    return Reply(
        ReplyKind.CODE_STORED,
        (
            Notice(
                f"Saved your code, but it was not run: {reason} It gets no verdict and no points.",
                Tone.WARNING,
            ),
            Text("Compare it with the reference solution after `/quiz reveal`."),
        ),
        Visibility.EPHEMERAL,
        recipient,
        thread_id,
        data={"question_id": question.id},
    )


def checking(question: Question, recipient: Actor, thread_id: str | None) -> Reply:
    return Reply(
        ReplyKind.CODE_CHECKING,
        (Notice("Checking your code against the hidden tests…"),),
        Visibility.EPHEMERAL,
        recipient,
        thread_id,
        data={"question_id": question.id},
    )


_STATUS_MARK = {"pass": "✓", "fail": "✗", "error": "!"}


def code_verdict(
    question: Question, verdict: Verdict, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    required = verdict.required
    passed = sum(t.status == "pass" for t in required)
    headline = "Passed" if verdict.passed else "Not passed yet"
    timing = f"{verdict.duration_ms:.0f} ms"
    blocks: list = [
        Notice(
            f"{headline} · {passed}/{len(required)} required tests · {scoring(award)} · {timing}",
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
    return Reply(
        ReplyKind.CODE_VERDICT,
        tuple(blocks),
        Visibility.EPHEMERAL,
        recipient,
        thread_id,
        data={**verdict.to_json(), **points_data(award), "score": verdict.score},
    )


def hint(question: Question, number: int, thread_id: str | None) -> Reply:
    shown = min(number, len(question.hints))
    text = question.hints[shown - 1]
    more = "" if shown < len(question.hints) else " (that was the last one)"
    return Reply(
        ReplyKind.HINT,
        (Text(f"*Hint {shown} of {len(question.hints)}*{more}: {text}"),),
        thread_id=thread_id,
        data={"question_id": question.id, "number": shown},
    )


def reveal(
    instance: Instance, results: Sequence[PostResult], streaks: Mapping[int, int], thread_id: str | None
) -> Reply:
    question = instance.question
    blocks: list = [Heading(f"Answer: {question.title}"), Text(instance.answer.strip())]
    if question.rubric:
        blocks.append(Text("*Key points*\n" + "\n".join(f"• {p.point}" for p in question.rubric)))
    if results:
        rows = tuple(
            (r.display_name, _result_label(r.best_score), _streak_label(streaks.get(r.user_id, 0)))
            for r in results
        )
        blocks.append(Table(("Who", "Result", "Streak"), rows))
    else:
        blocks.append(Text("Nobody answered this one before the reveal."))
    blocks.append(Text("*What an interviewer asks next*\n" + "\n".join(f"• {f}" for f in question.followups)))
    blocks.append(Notice("Points are final; answers from now on count as practice."))
    return Reply(
        ReplyKind.REVEAL,
        tuple(blocks),
        thread_id=thread_id,
        data={
            "question_id": question.id,
            "results": [
                {"name": r.display_name, "score": r.best_score, "streak": streaks.get(r.user_id, 0)}
                for r in results
            ],
        },
    )


def _streak_label(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}" if days else "–"


def _result_label(score: float | None) -> str:
    if score is None:
        return "code submitted (not checked)"
    return f"{Grade(score).verdict} · {score:.2f}"
