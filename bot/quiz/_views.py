"""Replies for the quiz: what a question card, a verdict, a hint and a reveal contain."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.checks import Verdict
from bot.events import Actor
from bot.grading import Grade
from bot.judge import Judged, Judgement, Unavailable
from bot.quiz._scoring import POINTS_BY_DIFFICULTY
from bot.replies import (
    Button,
    Buttons,
    Code,
    Fields,
    Form,
    FormInput,
    Heading,
    Notice,
    Reply,
    Table,
    Text,
    Tone,
    Visibility,
)
from questions import Instance, Kind, Language, Question
from storage import Award, Post, PostResult


def action_id(verb: str, post_id: int) -> str:
    """Button ids carry their own state so they keep working after a restart."""
    return f"quiz:{verb}:{post_id}"


def question_body(instance: Instance, heading: str) -> list:
    """Heading, prompt, choices and starter code: what every question card shows first."""
    question = instance.question
    blocks: list = [Heading(heading), Text(instance.prompt.strip())]
    if question.kind is Kind.CHOICE:
        blocks.append(
            Text("\n".join(f"{string.ascii_uppercase[i]}) {c}" for i, c in enumerate(question.choices)))
        )
    if question.kind is Kind.CODE and question.code is not None:
        blocks.append(Code(question.code.starter or question.code.signature, question.language.value))
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
    return Reply("question", tuple(blocks), data=card_data(question, post))


def _card_buttons(question: Question, post: Post) -> list[Button]:
    """Daily posts reveal on schedule, so only on-demand posts carry a Reveal button."""
    if question.kind is Kind.CODE:
        buttons = [Button("Submit code", action_id("code", post.id), primary=True)]
    else:
        buttons = [Button("Answer privately", action_id("answer", post.id), primary=True)]
    buttons.append(Button("Hint", action_id("hint", post.id)))
    if post.source == "quiz":
        buttons.append(Button("Reveal", action_id("reveal", post.id)))
    return buttons


def form_for(verb: str, post_id: int) -> Form | None:
    """The modal behind a card's answer buttons; other buttons act at once and open nothing."""
    if verb == "answer":
        field = FormInput("answer", "Your answer", placeholder="Only you see this until the reveal.")
        return Form(action_id("answer", post_id), "Answer privately", (field,), "Submit answer")
    if verb == "code":
        # decided without I/O (Discord takes a modal only as the first reply), so it fits either language
        field = FormInput(
            "code", "Your solution (Python, or SQL for a SQL task)", placeholder="def solve(...):"
        )
        return Form(action_id("code", post_id), "Submit code", (field,), "Run the checks")
    return None


def answer_status(who: Actor, status: str, shown: str | None, thread_id: str | None) -> Reply:
    """What the thread learns of a private answer: who and how, and the words only in open channels."""
    mark = {"passed": "✓", "partial": "◐"}.get(status, "·")
    blocks: list = [Text(f"{mark} *{who.display_name}* answered privately: {status}")]
    if shown is not None:
        blocks.append(Code(shown, language="text") if "\n" in shown else Text(f"> {shown[:1500]}"))
    return Reply(
        "answer-status",
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


def points_data(award: Award | None) -> dict[str, int]:
    """The points an answer added, and the person's points for its question after it."""
    return {"points": award.gained if award else 0, "question_points": award.total if award else 0}


def verdict(
    question: Question, grade: Grade, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    status = grade.verdict
    tone = {"passed": Tone.SUCCESS, "partial": Tone.WARNING}.get(status, Tone.ERROR)
    blocks: list = [
        Notice(f"{status.capitalize()} · score {grade.score:.2f} · {scoring(award)}", tone),
        Text(grade.feedback),
    ]
    if grade.covered:
        blocks.append(Text("\n".join(f"✓ {item}" for item in grade.covered)))
    if grade.mistakes:
        blocks.append(Text("\n".join(f"⚠ {item}" for item in grade.mistakes)))
    if grade.missing:
        blocks.append(Text("\n".join(f"✗ {item}" for item in grade.missing)))
    return Reply(
        "verdict",
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
        "model-verdict",
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
        kind="model-verdict",
        blocks=(reply.blocks[0], Text(summary + "."), *reply.blocks[1:]),
        data={**reply.data, "reviewed": True, "discarded": judged.discarded},
    )


def code_stored(question: Question, reason: str, recipient: Actor, thread_id: str | None) -> Reply:
    return Reply(
        "code-stored",
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
        "code-checking",
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
        "code-verdict",
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
        "hint",
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
        "reveal",
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
