"""Replies for the quiz: what a question card, a verdict, a hint and a reveal contain."""

from __future__ import annotations

import string
from collections.abc import Sequence

from bot.checks import Verdict
from bot.events import Actor
from bot.grading import Grade
from bot.quiz._scoring import POINTS_BY_DIFFICULTY
from bot.replies import Button, Buttons, Code, Fields, Heading, Notice, Reply, Table, Text, Tone, Visibility
from questions import Instance, Kind, Question
from storage import Award, Post, Standing


def action_id(verb: str, post_id: int) -> str:
    """Button ids carry their own state so they keep working after a restart."""
    return f"quiz:{verb}:{post_id}"


def question_card(instance: Instance, post: Post) -> Reply:
    question = instance.question
    blocks: list = [Heading(question.title), Text(instance.prompt.strip())]
    if question.kind is Kind.CHOICE:
        blocks.append(
            Text("\n".join(f"{string.ascii_uppercase[i]}) {c}" for i, c in enumerate(question.choices)))
        )
    if question.kind is Kind.CODE and question.code is not None:
        blocks.append(Code(question.code.starter or question.code.signature))
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
        Buttons((Button("Hint", action_id("hint", post.id)), Button("Reveal", action_id("reveal", post.id)))),
    ]
    return Reply(
        "question",
        tuple(blocks),
        data={
            "post_id": post.id,
            "question_id": question.id,
            "category": question.category.value,
            "kind": question.kind.value,
        },
    )


def _how_to_answer(question: Question) -> str:
    if question.kind is Kind.CODE:
        return "Reply in the thread with your solution in a ```python block."
    if question.kind is Kind.CHOICE:
        return "Reply in the thread with the letter of your choice."
    if question.kind is Kind.NUMERIC:
        return "Reply in the thread with the number (0.25, 1/4 and 25% all work)."
    if question.kind is Kind.BEHAVIORAL:
        return "Reply in the thread with a STAR story: situation, task, action, result."
    return "Reply in the thread with your answer; it is graded against the key points."


def verdict(
    question: Question, grade: Grade, award: Award | None, recipient: Actor, thread_id: str | None
) -> Reply:
    status = grade.verdict
    tone = {"passed": Tone.SUCCESS, "partial": Tone.WARNING}.get(status, Tone.ERROR)
    if award is None:
        scoring = "practice: the answer was revealed, so no points"
    elif award.improved:
        scoring = f"{award.points} points"
    else:
        scoring = f"your best so far stays at {award.points} points"
    blocks: list = [
        Notice(f"{status.capitalize()} · score {grade.score:.2f} · {scoring}", tone),
        Text(grade.feedback),
    ]
    if grade.covered:
        blocks.append(Text("\n".join(f"✓ {item}" for item in grade.covered)))
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
            "points": award.points if award else 0,
            "covered": list(grade.covered),
            "missing": list(grade.missing),
        },
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
    scoring = "practice, no points" if award is None else f"{award.points} points"
    blocks: list = [
        Notice(
            f"{headline} · {passed}/{len(required)} required tests · {scoring} · {timing}",
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
        data={**verdict.to_json(), "points": award.points if award else 0, "score": verdict.score},
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


def reveal(instance: Instance, thread_id: str | None) -> Reply:
    question = instance.question
    blocks: list = [Heading(f"Answer: {question.title}"), Text(instance.answer.strip())]
    if question.rubric:
        blocks.append(Text("*Key points*\n" + "\n".join(f"• {p.point}" for p in question.rubric)))
    blocks.append(Text("*What an interviewer asks next*\n" + "\n".join(f"• {f}" for f in question.followups)))
    blocks.append(Notice("Answers from now on count as practice, without points."))
    return Reply("reveal", tuple(blocks), thread_id=thread_id, data={"question_id": question.id})


def leaderboard(title: str, standings: Sequence[Standing]) -> Reply:
    if not standings:
        return Reply(
            "leaderboard",
            (Heading(title), Text("No graded answers yet. Start with `/quiz`.")),
            data={"rows": []},
        )
    rows = tuple(
        (str(s.rank), s.display_name, str(s.points), str(s.answers), f"{s.average_score:.2f}")
        for s in standings
    )
    return Reply(
        "leaderboard",
        (Heading(title), Table(("#", "Name", "Points", "Answers", "Avg score"), rows)),
        data={
            "rows": [
                {
                    "rank": s.rank,
                    "name": s.display_name,
                    "points": s.points,
                    "answers": s.answers,
                    "average_score": s.average_score,
                }
                for s in standings
            ]
        },
    )
