"""Replies for mock rounds: the agenda, round question cards, the interviewer's view, reveals, scorecards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.events import Actor
from bot.mock._checklist import ITEMS
from bot.mock._rounds import WARNING_SECONDS, clock_text
from bot.mock._scorecard import QuestionResult, Scorecard
from bot.quiz import POINTS_BY_DIFFICULTY, action_id, card_data, question_body
from bot.replies import Button, Buttons, Code, Fields, Heading, Notice, Reply, Table, Text, Tone, Visibility
from questions import Instance, Kind, Question
from storage import MockRound, Post

RECOMMENDATIONS = {"strong-no": "Strong no", "no": "No", "yes": "Yes", "strong-yes": "Strong yes"}
_CHECK_MARK = {"detected": "✓", "ticked": "☑", "open": "☐"}
COMMANDS = (
    ("/quiz mock start [minutes=45] [technical=3] [behavioral=1] [@people...]", "Start a group round here."),
    ("/quiz mock start pair @interviewer @candidate [minutes=45] ...", "Start a pair round."),
    ("/quiz mock join", "Take part in the group round running here."),
    ("/quiz mock status", "The question, time left and who has answered."),
    ("/quiz mock next", "Close the question and move on (host or admin)."),
    ("/quiz mock pause | resume", "Stop or restart the clock (host or admin)."),
    ("/quiz mock end", "End the round and send the scorecards (host or admin)."),
    ("/quiz mock pairing [on|off]", "Weekly practice pairs: show, or turn on/off (admins)."),
    ("/quiz mock optin | optout", "Join or leave the weekly pairing."),
)


def mock_action(verb: str, round_id: int, arg: str) -> str:
    """Button ids carry their own state so they keep working after a restart."""
    return f"mock:{verb}:{round_id}:{arg}"


def help_card() -> Reply:
    return Reply(
        "mock-help",
        (
            Heading("Mock phone screens"),
            Table(("Command", "What it does"), COMMANDS),
            Text(
                "A round runs like a real phone screen: technical questions first, behavioral ones last, "
                "each with its share of the clock and a warning at 2 minutes left."
            ),
        ),
        data={"commands": [usage for usage, _ in COMMANDS]},
    )


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "nobody yet"


def started(
    mock_round: MockRound,
    agenda: Sequence[Question],
    shares: Sequence[int],
    host: str,
    people: Sequence[str],
    interviewer: str | None,
) -> Reply:
    rows = tuple(
        (str(i), q.category.label, "coding" if q.kind is Kind.CODE else q.kind.value, clock_text(s))
        for i, (q, s) in enumerate(zip(agenda, shares, strict=True), start=1)
    )
    if interviewer:
        how = (
            f"*{interviewer}* interviews *{people[0]}*. The interviewer gets the reference answer, key "
            "points, hints and follow-ups privately, marks each key point, and gives a recommendation."
        )
    else:
        how = (
            f"Taking part: {_names(people)}. Everyone answers each question privately; the answers are "
            "revealed together when the question closes. Others can `/quiz mock join`."
        )
    return Reply(
        "mock-started",
        (
            Heading(f"Mock phone screen · {mock_round.minutes} minutes"),
            Text(f"Hosted by *{host}*. {how}"),
            Table(("#", "Section", "Kind", "Time"), rows),
            Notice(
                "A question closes when its time is up or everyone has answered; time it does not use "
                "moves on to the next. The host or an admin can `/quiz mock next`, `pause`, `resume`, `end`."
            ),
        ),
        data={
            "round": mock_round.id,
            "mode": mock_round.mode,
            "minutes": mock_round.minutes,
            "host": host,
            "people": list(people),
            "interviewer": interviewer,
            "agenda": [
                {"category": q.category.value, "kind": q.kind.value, "seconds": s}
                for q, s in zip(agenda, shares, strict=True)
            ],
        },
    )


def round_card(
    instance: Instance, post: Post, mock_round: MockRound, position: int, total: int, seconds: int
) -> Reply:
    """A question card that says where in the round it is; pair rounds leave hints to the interviewer."""
    question = instance.question
    blocks = question_body(instance, f"Q{position + 1} of {total} · {question.title}")
    verb = "code" if question.kind is Kind.CODE else "answer"
    buttons = [
        Button("Submit code" if verb == "code" else "Answer privately", action_id(verb, post.id), True)
    ]
    if mock_round.mode == "group":
        buttons.append(Button("Hint", action_id("hint", post.id)))
    blocks += [
        Fields(
            (
                ("Time", clock_text(seconds)),
                ("Category", question.category.label),
                ("Difficulty", question.difficulty.value),
                ("Worth", f"up to {POINTS_BY_DIFFICULTY[question.difficulty]} points"),
            )
        ),
        Notice(
            "Answer privately with the button or `/quiz answer ...`"
            + (" (code in a ```python block)" if verb == "code" else "")
            + ". Answers are revealed together when the question closes."
        ),
        Buttons(tuple(buttons)),
    ]
    return Reply(
        "question",
        tuple(blocks),
        data={
            **card_data(question, post),
            "round": mock_round.id,
            "position": position,
            "seconds": seconds,
        },
    )


def interviewer_view(
    instance: Instance, mock_round: MockRound, position: int, total: int, candidate: str, recipient: Actor
) -> Reply:
    """Everything an interviewer needs for one question, with buttons to mark each key point."""
    question = instance.question
    blocks: list = [
        Heading(f"Interviewer view · Q{position + 1} of {total} · {question.title}"),
        Notice(f"Only you see this. You are interviewing {candidate}."),
        Text("*Reference answer*\n" + instance.answer.strip()),
    ]
    if question.rubric:
        points = "\n".join(f"{i}. {p.point}" for i, p in enumerate(question.rubric, start=1))
        blocks.append(Text("*Key points* (mark each as you hear it)\n" + points))
    blocks.append(Text("*Hints you may give*\n" + "\n".join(f"• {h}" for h in question.hints)))
    blocks.append(Text("*Follow-ups to ask*\n" + "\n".join(f"• {f}" for f in question.followups)))
    blocks += mark_buttons(mock_round.id, position, len(question.rubric))
    blocks.append(recommend_buttons(mock_round.id))
    return Reply(
        "mock-interviewer",
        tuple(blocks),
        Visibility.DIRECT,
        recipient,
        data={
            "round": mock_round.id,
            "position": position,
            "question_id": question.id,
            "answer": instance.answer,
            "key_points": [p.point for p in question.rubric],
            "hints": list(question.hints),
            "followups": list(question.followups),
        },
    )


def mark_buttons(round_id: int, position: int, count: int) -> list[Buttons]:
    if not count:
        return []
    return [
        Buttons(
            tuple(
                Button(f"{mark} {i + 1}", mock_action(verb, round_id, f"{position}-{i}"))
                for i in range(count)
            )
        )
        for verb, mark in (("hit", "✓"), ("miss", "✗"))
    ]


def recommend_buttons(round_id: int) -> Buttons:
    return Buttons(
        tuple(Button(label, mock_action("rec", round_id, key)) for key, label in RECOMMENDATIONS.items())
    )


def candidate_answer(
    question: Question, position: int, who: str, result: QuestionResult, recipient: Actor
) -> Reply:
    """The candidate's answer, for the interviewer to judge, with what the grader found."""
    when = f"{clock_text(result.used or 0)} in" + (" · late" if result.late else "")
    blocks: list = [Text(f"*{who}* answered Q{position + 1} ({when}).")]
    if result.answer:
        blocks.append(_answer_block(question, result.answer))
    if result.score is not None:
        blocks.append(Text(f"The grader suggests {result.score:.2f}. Your marks decide the score."))
    if result.missed:
        blocks.append(Text("*Not found by the grader*\n" + "\n".join(f"✗ {m}" for m in result.missed)))
    return Reply(
        "mock-candidate-answer",
        tuple(blocks),
        Visibility.DIRECT,
        recipient,
        data={"position": position, "user": who, "score": result.score, "late": result.late},
    )


def marked(
    question: Question, position: int, states: Mapping[int, bool | None], score: float, recipient: Actor
) -> Reply:
    """Where the interviewer's marks for a question stand now."""
    lines = [
        f"{'✓' if states[i] else '✗' if states[i] is False else '·'} {i + 1}. {p.point}"
        for i, p in enumerate(question.rubric)
    ]
    return Reply(
        "mock-marked",
        (Text(f"*Q{position + 1} marks* · score {score:.2f}\n" + "\n".join(lines)),),
        Visibility.EPHEMERAL,
        recipient,
        data={
            "position": position,
            "score": score,
            "marks": {str(i): v for i, v in states.items()},
        },
    )


def warning(position: int, left: float, thread_id: str | None) -> Reply:
    return Reply(
        "mock-warning",
        (Notice(f"⏳ {clock_text(left)} left on question {position + 1}.", Tone.WARNING),),
        thread_id=thread_id,
        data={"position": position, "seconds_left": round(left), "threshold": WARNING_SECONDS},
    )


def reveal(
    instance: Instance,
    position: int,
    total: int,
    rows: Sequence[tuple[str, QuestionResult]],
    reason: str,
    thread_id: str | None,
) -> Reply:
    """Everyone's answers together, then the reference answer, key points and follow-ups."""
    question = instance.question
    blocks: list = [Heading(f"Q{position + 1} of {total} closed ({reason}) · {question.title}")]
    for name, result in rows:
        blocks.append(Text(f"*{name}* · {_result_label(result)}"))
        if result.answer:
            blocks.append(_answer_block(question, result.answer))
    blocks.append(Text("*Reference answer*\n" + instance.answer.strip()))
    if question.rubric:
        blocks.append(Text("*Key points*\n" + "\n".join(f"• {p.point}" for p in question.rubric)))
    blocks.append(Text("*What an interviewer asks next*\n" + "\n".join(f"• {f}" for f in question.followups)))
    return Reply(
        "mock-reveal",
        tuple(blocks),
        thread_id=thread_id,
        data={
            "position": position,
            "question_id": question.id,
            "reason": reason,
            "results": [
                {"name": n, "score": r.score, "late": r.late, "answered": r.answered, "points": r.points}
                for n, r in rows
            ],
        },
    )


def _answer_block(question: Question, answer: str) -> Code | Text:
    if question.kind is Kind.CODE or "\n" in answer.strip():
        return Code(answer[:1500], language=question.language.value if question.kind is Kind.CODE else "text")
    return Text(f"> {answer[:1500]}")


def _result_label(result: QuestionResult) -> str:
    if not result.answered:
        return "no answer"
    score = "not checked" if result.score is None else f"{result.score:.2f}"
    late = " · late" if result.late else ""
    return f"{score} · {clock_text(result.used or 0)}{late}"


def status(
    mock_round: MockRound,
    question: Question,
    total: int,
    left: float,
    round_left: float,
    answered: Sequence[str],
    waiting: Sequence[str],
    recipient: Actor,
) -> Reply:
    state = "paused" if mock_round.state == "paused" else "running"
    return Reply(
        "mock-status",
        (
            Heading(f"Mock round · Q{mock_round.position + 1} of {total} · {question.title}"),
            Fields(
                (
                    ("Clock", state),
                    ("Time left", clock_text(left)),
                    ("Round time left", clock_text(round_left)),
                    ("Answered", _names(answered)),
                    ("Waiting for", ", ".join(waiting) or "nobody"),
                )
            ),
        ),
        Visibility.EPHEMERAL,
        recipient,
        data={
            "round": mock_round.id,
            "mode": mock_round.mode,
            "state": mock_round.state,
            "position": mock_round.position,
            "question_id": question.id,
            "seconds_left": round(left),
            "round_seconds_left": round(round_left),
            "answered": list(answered),
            "waiting": list(waiting),
        },
    )


def clock_change(kind: str, text: str, position: int, left: float) -> Reply:
    return Reply(kind, (Notice(text),), data={"position": position, "seconds_left": round(left)})


def joined(name: str, people: Sequence[str]) -> Reply:
    return Reply(
        "mock-joined",
        (Text(f"*{name}* joined the round. Taking part: {_names(people)}."),),
        data={"user": name, "people": list(people)},
    )


def summary(mock_round: MockRound, cards: Sequence[Scorecard]) -> Reply:
    rows = tuple(
        (
            c.member.display_name,
            f"{sum(r.answered for r in c.results)}/{len(c.results)}",
            f"{c.overall:.2f}",
            str(c.points),
            str(sum(r.late for r in c.results)),
        )
        for c in sorted(cards, key=lambda c: (-c.points, -c.overall, c.member.display_name))
    )
    return Reply(
        "mock-summary",
        (
            Heading("Mock round over"),
            Table(("Who", "Answered", "Score", "Points", "Late"), rows),
            Text("Each participant got a private scorecard. Points count on `/quiz leaderboard`."),
        ),
        data={
            "round": mock_round.id,
            "results": [
                {"name": c.member.display_name, "points": c.points, "score": round(c.overall, 4)}
                for c in cards
            ],
        },
    )


def scorecard(
    card: Scorecard, mock_round: MockRound, started_at: datetime, recipient: Actor, *, own: bool
) -> Reply:
    """Per question: score, time, key points missed and follow-ups; then the checklist to tick."""
    whose = "Your" if own else f"{card.member.display_name}'s"
    rows = tuple(
        (
            str(r.position + 1),
            r.question.title[:48],
            "–" if r.score is None else f"{r.score:.2f}",
            str(r.points),
            _time_label(r),
        )
        for r in card.results
    )
    blocks: list = [
        Heading(f"{whose} mock phone screen · {started_at:%d %b %Y}"),
        Fields(
            (
                ("Overall", f"{card.overall:.2f}"),
                ("Points", str(card.points)),
                *(
                    (("Recommendation", _recommendation(card.recommendation)),)
                    if mock_round.mode == "pair"
                    else ()
                ),
            )
        ),
        Table(("#", "Question", "Score", "Points", "Time used"), rows),
    ]
    for r in card.results:
        blocks.append(Text(_review(r)))
    blocks.append(Text("*Phone-screen checklist*\n" + checklist_lines(card.checklist)))
    open_items = [item for item in ITEMS if card.checklist[item.key] != "detected"]
    if own and open_items:
        blocks.append(Notice("✓ found in your answers · tick the rest yourself if you did them."))
        blocks.append(
            Buttons(
                tuple(
                    Button(f"Tick: {item.label}", mock_action("tick", mock_round.id, item.key))
                    for item in open_items
                )
            )
        )
    return Reply(
        "mock-scorecard",
        tuple(blocks),
        Visibility.DIRECT,
        recipient,
        data={
            "round": mock_round.id,
            "user": card.member.display_name,
            "points": card.points,
            "overall": round(card.overall, 4),
            "recommendation": card.recommendation,
            "checklist": dict(card.checklist),
            "questions": [
                {
                    "position": r.position,
                    "question_id": r.question.id,
                    "score": r.score,
                    "points": r.points,
                    "seconds": r.seconds,
                    "used": None if r.used is None else round(r.used),
                    "late": r.late,
                    "missed": list(r.missed),
                    "followups": list(r.question.followups[:2]),
                }
                for r in card.results
            ],
        },
    )


def _time_label(result: QuestionResult) -> str:
    if result.used is None:
        return f"– of {clock_text(result.seconds or 0)}"
    late = " (late)" if result.late else ""
    return f"{clock_text(result.used)} of {clock_text(result.seconds or 0)}{late}"


def _review(result: QuestionResult) -> str:
    lines = [f"*Q{result.position + 1} · {result.question.title}*"]
    if result.missed:
        lines.append("Missed: " + "; ".join(result.missed))
    lines.append("Follow-ups: " + " · ".join(result.question.followups[:2]))
    return "\n".join(lines)


def _recommendation(value: str | None) -> str:
    return RECOMMENDATIONS[value] if value else "waiting for the interviewer"


def checklist_lines(states: Mapping[str, str]) -> str:
    return "\n".join(f"{_CHECK_MARK[states[item.key]]} {item.label}" for item in ITEMS)


def checklist(states: Mapping[str, str], recipient: Actor) -> Reply:
    return Reply(
        "mock-checklist",
        (Text("*Phone-screen checklist*\n" + checklist_lines(states)),),
        Visibility.EPHEMERAL,
        recipient,
        data={"checklist": dict(states)},
    )


def recommend_prompt(round_id: int, candidate: str, recipient: Actor) -> Reply:
    return Reply(
        "mock-recommend",
        (
            Text(f"The round is over. What is your recommendation for *{candidate}*?"),
            recommend_buttons(round_id),
        ),
        Visibility.DIRECT,
        recipient,
        data={"round": round_id},
    )


def recommendation(value: str, interviewer: str, recipient: Actor, *, to_candidate: bool) -> Reply:
    text = (
        f"*{interviewer}* recommends: *{RECOMMENDATIONS[value]}*."
        if to_candidate
        else f"Recommendation recorded: *{RECOMMENDATIONS[value]}*."
    )
    return Reply(
        "mock-recommendation",
        (Notice(text, Tone.SUCCESS),),
        Visibility.DIRECT if to_candidate else Visibility.EPHEMERAL,
        recipient,
        data={"recommendation": value},
    )


def pairs(monday: str, groups: Sequence[Sequence[str]], alone: Sequence[str]) -> Reply:
    lines = [("• " + " ↔ ".join(g) + (" (trio)" if len(g) == 3 else "")) for g in groups]
    blocks: list = [Heading(f"Mock-interview pairs · week of {monday}")]
    if groups:
        blocks.append(Text("\n".join(lines)))
        blocks.append(
            Text(
                "Find a time together and run `/quiz mock start pair @interviewer @candidate`; "
                "swap roles for a second round."
            )
        )
    else:
        blocks.append(Text(f"Not enough people this week ({_names(alone)}). Join with `/quiz mock optin`."))
    return Reply("mock-pairs", tuple(blocks), data={"week": monday, "groups": [list(g) for g in groups]})


def pairing_status(
    enabled: bool, next_at: datetime | None, members: Sequence[str], change: str | None
) -> Reply:
    blocks: list = [Heading("Weekly mock-interview pairing")]
    if change:
        blocks.append(Notice(change, Tone.SUCCESS))
    when = f"{next_at:%a %d %b %H:%M %Z}" if enabled and next_at else "–"
    blocks.append(
        Fields((("Pairing", "on" if enabled else "off"), ("Next pairs", when), ("Opted in", _names(members))))
    )
    blocks.append(Text("Opt in with `/quiz mock optin`, out with `/quiz mock optout`."))
    return Reply(
        "mock-pairing",
        tuple(blocks),
        data={
            "enabled": enabled,
            "next": next_at.isoformat() if enabled and next_at else None,
            "members": list(members),
        },
    )
