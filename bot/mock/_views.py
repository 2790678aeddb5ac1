"""Replies for mock rounds: the agenda, round question cards, the interviewer's view, reveals, scorecards.

Each reply kind is a frozen view whose fields are what it means; its `blocks` say it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from bot.actions import MockAction, MockVerb, QuizAction, QuizVerb
from bot.events import Actor
from bot.mock._checklist import ITEMS
from bot.mock._rounds import WARNING_SECONDS, clock_text
from bot.mock._scorecard import QuestionResult, Scorecard
from bot.quiz import POINTS_BY_DIFFICULTY, PostedQuestion, answer_button, question_body
from bot.replies import (
    Block,
    Button,
    Buttons,
    Code,
    Fields,
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
from storage import MockRound, Post, RoundMode, RoundState

RECOMMENDATIONS = {"strong-no": "Strong no", "no": "No", "yes": "Yes", "strong-yes": "Strong yes"}
_CHECK_MARK = {"detected": "✓", "ticked": "☑", "open": "☐"}


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "nobody yet"


@dataclass(frozen=True)
class AgendaItem:
    """One question of a round's agenda and its share of the clock."""

    question: Question
    seconds: int


@dataclass(frozen=True)
class RoundStarted:
    """The round's announcement: who hosts, who takes part, and the agenda with its times."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_STARTED
    round: MockRound
    agenda: tuple[AgendaItem, ...]
    host: str
    people: tuple[str, ...]
    interviewer: str | None

    def blocks(self) -> tuple[Block, ...]:
        rows = tuple(
            (
                str(i),
                a.question.category.label,
                "coding" if a.question.kind is Kind.CODE else a.question.kind.value,
                clock_text(a.seconds),
            )
            for i, a in enumerate(self.agenda, start=1)
        )
        return (
            Heading(f"Mock phone screen · {self.round.minutes} minutes"),
            Text(f"Hosted by *{self.host}*. {self._how()}"),
            Table(("#", "Section", "Kind", "Time"), rows),
            Notice(
                "A question closes when its time is up or everyone has answered; time it does not use "
                "moves on to the next. The host or an admin can `/quiz mock next`, `pause`, `resume`, `end`."
            ),
        )

    def _how(self) -> str:
        if self.interviewer:
            return (
                f"*{self.interviewer}* interviews *{self.people[0]}*. The interviewer gets the reference "
                "answer, key points, hints and follow-ups privately, marks each key point, and gives a "
                "recommendation."
            )
        return (
            f"Taking part: {_names(self.people)}. Everyone answers each question privately; the answers are "
            "revealed together when the question closes. Others can `/quiz mock join`."
        )


def started(
    mock_round: MockRound,
    agenda: Sequence[Question],
    shares: Sequence[int],
    host: str,
    people: Sequence[str],
    interviewer: str | None,
) -> Reply:
    items = tuple(AgendaItem(q, s) for q, s in zip(agenda, shares, strict=True))
    return Reply.of(RoundStarted(mock_round, items, host, tuple(people), interviewer))


@dataclass(frozen=True)
class RoundQuestionCard(PostedQuestion):
    """A question card that says where in the round it is; pair rounds leave hints to the interviewer."""

    kind: ClassVar[ReplyKind] = ReplyKind.QUESTION
    round: MockRound = field(kw_only=True)
    position: int = field(kw_only=True)
    total: int = field(kw_only=True)
    seconds: int = field(kw_only=True)

    def blocks(self) -> tuple[Block, ...]:
        question = self.question
        blocks = question_body(self.instance, f"Q{self.position + 1} of {self.total} · {question.title}")
        buttons = [answer_button(question, self.post)]
        if self.round.mode is RoundMode.GROUP:
            buttons.append(Button("Hint", QuizAction(QuizVerb.HINT, self.post.id).encode()))
        blocks += [
            Fields(
                (
                    ("Time", clock_text(self.seconds)),
                    ("Category", question.category.label),
                    ("Difficulty", question.difficulty.value),
                    ("Worth", f"up to {POINTS_BY_DIFFICULTY[question.difficulty]} points"),
                )
            ),
            Notice(
                "Answer privately with the button or `/quiz answer ...`"
                + (" (code in a ```python block)" if question.kind is Kind.CODE else "")
                + ". Answers are revealed together when the question closes."
            ),
            Buttons(tuple(buttons)),
        ]
        return tuple(blocks)


def round_card(
    instance: Instance, post: Post, mock_round: MockRound, position: int, total: int, seconds: int
) -> Reply:
    view = RoundQuestionCard(
        instance, post, round=mock_round, position=position, total=total, seconds=seconds
    )
    return Reply.of(view)


@dataclass(frozen=True)
class InterviewerView:
    """Everything an interviewer needs for one question, with buttons to mark each key point."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_INTERVIEWER
    instance: Instance
    round_id: int
    position: int
    total: int
    candidate: str

    @property
    def question(self) -> Question:
        return self.instance.question

    @property
    def key_points(self) -> tuple[str, ...]:
        return tuple(p.point for p in self.question.rubric)

    def blocks(self) -> tuple[Block, ...]:
        question = self.question
        blocks: list[Block] = [
            Heading(f"Interviewer view · Q{self.position + 1} of {self.total} · {question.title}"),
            Notice(f"Only you see this. You are interviewing {self.candidate}."),
            Text("*Reference answer*\n" + self.instance.answer.strip()),
        ]
        if question.rubric:
            points = "\n".join(f"{i}. {p}" for i, p in enumerate(self.key_points, start=1))
            blocks.append(Text("*Key points* (mark each as you hear it)\n" + points))
        blocks.append(Text("*Hints you may give*\n" + _bullets(question.hints)))
        blocks.append(Text("*Follow-ups to ask*\n" + _bullets(question.followups)))
        blocks += mark_buttons(self.round_id, self.position, len(question.rubric))
        blocks.append(recommend_buttons(self.round_id))
        return tuple(blocks)


def interviewer_view(
    instance: Instance, mock_round: MockRound, position: int, total: int, candidate: str, recipient: Actor
) -> Reply:
    view = InterviewerView(instance, mock_round.id, position, total, candidate)
    return Reply.of(view, Visibility.DIRECT, recipient)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def mark_buttons(round_id: int, position: int, count: int) -> list[Buttons]:
    if not count:
        return []
    return [
        Buttons(
            tuple(
                Button(f"{mark} {i + 1}", MockAction(verb, round_id, f"{position}-{i}").encode())
                for i in range(count)
            )
        )
        for verb, mark in ((MockVerb.HIT, "✓"), (MockVerb.MISS, "✗"))
    ]


def recommend_buttons(round_id: int) -> Buttons:
    return Buttons(
        tuple(
            Button(label, MockAction(MockVerb.RECOMMEND, round_id, key).encode())
            for key, label in RECOMMENDATIONS.items()
        )
    )


@dataclass(frozen=True)
class CandidateAnswer:
    """The candidate's answer, for the interviewer to judge, with what the grader found."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_CANDIDATE_ANSWER
    question: Question
    position: int
    user: str
    result: QuestionResult

    def blocks(self) -> tuple[Block, ...]:
        result = self.result
        when = f"{clock_text(result.used or 0)} in" + (" · late" if result.late else "")
        blocks: list[Block] = [Text(f"*{self.user}* answered Q{self.position + 1} ({when}).")]
        if result.answer:
            blocks.append(_answer_block(self.question, result.answer))
        if result.score is not None:
            blocks.append(Text(f"The grader suggests {result.score:.2f}. Your marks decide the score."))
        if result.missed:
            blocks.append(Text("*Not found by the grader*\n" + "\n".join(f"✗ {m}" for m in result.missed)))
        return tuple(blocks)


def candidate_answer(
    question: Question, position: int, who: str, result: QuestionResult, recipient: Actor
) -> Reply:
    return Reply.of(CandidateAnswer(question, position, who, result), Visibility.DIRECT, recipient)


@dataclass(frozen=True)
class Marked:
    """Where the interviewer's marks for a question stand now: per key point covered, missed or not yet."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_MARKED
    question: Question
    position: int
    marks: Mapping[int, bool | None]
    score: float

    def blocks(self) -> tuple[Block, ...]:
        marks = self.marks
        lines = [
            f"{'✓' if marks[i] else '✗' if marks[i] is False else '·'} {i + 1}. {p.point}"
            for i, p in enumerate(self.question.rubric)
        ]
        return (Text(f"*Q{self.position + 1} marks* · score {self.score:.2f}\n" + "\n".join(lines)),)


def marked(
    question: Question, position: int, states: Mapping[int, bool | None], score: float, recipient: Actor
) -> Reply:
    return Reply.of(Marked(question, position, dict(states), score), Visibility.EPHEMERAL, recipient)


@dataclass(frozen=True)
class TimeWarning:
    """Little time left on the question on the clock."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_WARNING
    threshold: ClassVar[int] = WARNING_SECONDS
    position: int
    seconds_left: int

    def blocks(self) -> tuple[Block, ...]:
        text = f"⏳ {clock_text(self.seconds_left)} left on question {self.position + 1}."
        return (Notice(text, Tone.WARNING),)


def warning(position: int, left: float, thread_id: str | None) -> Reply:
    return Reply.of(TimeWarning(position, round(left)), thread_id=thread_id)


@dataclass(frozen=True)
class RevealRow:
    """One person's result on a closed round question."""

    name: str
    result: QuestionResult


@dataclass(frozen=True)
class RoundReveal:
    """Everyone's answers together, then the reference answer, key points and follow-ups."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_REVEAL
    instance: Instance
    position: int
    total: int
    results: tuple[RevealRow, ...]
    reason: str

    @property
    def question_id(self) -> str:
        return self.instance.question.id

    def blocks(self) -> tuple[Block, ...]:
        question = self.instance.question
        blocks: list[Block] = [
            Heading(f"Q{self.position + 1} of {self.total} closed ({self.reason}) · {question.title}")
        ]
        for row in self.results:
            blocks.append(Text(f"*{row.name}* · {_result_label(row.result)}"))
            if row.result.answer:
                blocks.append(_answer_block(question, row.result.answer))
        blocks.append(Text("*Reference answer*\n" + self.instance.answer.strip()))
        if question.rubric:
            blocks.append(Text("*Key points*\n" + _bullets([p.point for p in question.rubric])))
        blocks.append(Text("*What an interviewer asks next*\n" + _bullets(question.followups)))
        return tuple(blocks)


def reveal(
    instance: Instance,
    position: int,
    total: int,
    rows: Sequence[tuple[str, QuestionResult]],
    reason: str,
    thread_id: str | None,
) -> Reply:
    results = tuple(RevealRow(name, result) for name, result in rows)
    return Reply.of(RoundReveal(instance, position, total, results, reason), thread_id=thread_id)


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


@dataclass(frozen=True)
class RoundStatus:
    """The question on the clock, time left and who has answered, for whoever asked."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_STATUS
    round: MockRound
    question: Question
    total: int
    seconds_left: int
    round_seconds_left: int
    answered: tuple[str, ...]
    waiting: tuple[str, ...]

    @property
    def position(self) -> int:
        return self.round.position

    @property
    def state(self) -> RoundState:
        return self.round.state

    def blocks(self) -> tuple[Block, ...]:
        return (
            Heading(f"Mock round · Q{self.position + 1} of {self.total} · {self.question.title}"),
            Fields(
                (
                    ("Clock", "paused" if self.state is RoundState.PAUSED else "running"),
                    ("Time left", clock_text(self.seconds_left)),
                    ("Round time left", clock_text(self.round_seconds_left)),
                    ("Answered", _names(self.answered)),
                    ("Waiting for", ", ".join(self.waiting) or "nobody"),
                )
            ),
        )


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
    view = RoundStatus(
        mock_round, question, total, round(left), round(round_left), tuple(answered), tuple(waiting)
    )
    return Reply.of(view, Visibility.EPHEMERAL, recipient)


@dataclass(frozen=True)
class ClockChange:
    """The round's clock stopped or restarted (`kind` says which), and by whom."""

    kind: ReplyKind
    text: str
    position: int
    seconds_left: int

    def blocks(self) -> tuple[Block, ...]:
        return (Notice(self.text),)


def clock_change(kind: ReplyKind, text: str, position: int, left: float) -> Reply:
    return Reply.of(ClockChange(kind, text, position, round(left)))


@dataclass(frozen=True)
class Joined:
    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_JOINED
    user: str
    people: tuple[str, ...]

    def blocks(self) -> tuple[Block, ...]:
        return (Text(f"*{self.user}* joined the round. Taking part: {_names(self.people)}."),)


def joined(name: str, people: Sequence[str]) -> Reply:
    return Reply.of(Joined(name, tuple(people)))


@dataclass(frozen=True)
class RoundSummary:
    """The round's results for the channel, best first; each person also gets a private scorecard."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_SUMMARY
    round_id: int
    results: tuple[Scorecard, ...]

    def blocks(self) -> tuple[Block, ...]:
        rows = tuple(
            (
                c.member.display_name,
                f"{sum(r.answered for r in c.results)}/{len(c.results)}",
                f"{c.overall:.2f}",
                str(c.points),
                str(sum(r.late for r in c.results)),
            )
            for c in sorted(self.results, key=lambda c: (-c.points, -c.overall, c.member.display_name))
        )
        return (
            Heading("Mock round over"),
            Table(("Who", "Answered", "Score", "Points", "Late"), rows),
            Text("Each participant got a private scorecard. Points count on `/quiz leaderboard`."),
        )


def summary(mock_round: MockRound, cards: Sequence[Scorecard]) -> Reply:
    return Reply.of(RoundSummary(mock_round.id, tuple(cards)))


@dataclass(frozen=True)
class ScorecardView:
    """Per question: score, time, key points missed and follow-ups; then the checklist to tick."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_SCORECARD
    card: Scorecard
    round: MockRound
    started_at: datetime
    own: bool
    """The person's own card (with buttons to tick the checklist) rather than the interviewer's copy."""

    @property
    def user(self) -> str:
        return self.card.member.display_name

    @property
    def points(self) -> int:
        return self.card.points

    @property
    def recommendation(self) -> str | None:
        return self.card.recommendation

    @property
    def checklist(self) -> dict[str, str]:
        return self.card.checklist

    @property
    def questions(self) -> tuple[QuestionResult, ...]:
        return self.card.results

    def blocks(self) -> tuple[Block, ...]:
        card = self.card
        whose = "Your" if self.own else f"{self.user}'s"
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
        pair = self.round.mode is RoundMode.PAIR
        blocks: list[Block] = [
            Heading(f"{whose} mock phone screen · {self.started_at:%d %b %Y}"),
            Fields(
                (
                    ("Overall", f"{card.overall:.2f}"),
                    ("Points", str(card.points)),
                    *((("Recommendation", _recommendation(card.recommendation)),) if pair else ()),
                )
            ),
            Table(("#", "Question", "Score", "Points", "Time used"), rows),
        ]
        blocks += [Text(_review(r)) for r in card.results]
        blocks.append(Text("*Phone-screen checklist*\n" + checklist_lines(card.checklist)))
        blocks += self._tick_buttons()
        return tuple(blocks)

    def _tick_buttons(self) -> list[Block]:
        open_items = [item for item in ITEMS if self.card.checklist[item.key] != "detected"]
        if not (self.own and open_items):
            return []
        ticks = tuple(
            Button(f"Tick: {item.label}", MockAction(MockVerb.TICK, self.round.id, item.key).encode())
            for item in open_items
        )
        return [Notice("✓ found in your answers · tick the rest yourself if you did them."), Buttons(ticks)]


def scorecard(
    card: Scorecard, mock_round: MockRound, started_at: datetime, recipient: Actor, *, own: bool
) -> Reply:
    return Reply.of(ScorecardView(card, mock_round, started_at, own), Visibility.DIRECT, recipient)


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


@dataclass(frozen=True)
class Checklist:
    """The phone-screen checklist after a tick: each item detected, ticked or open."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_CHECKLIST
    checklist: Mapping[str, str]

    def blocks(self) -> tuple[Block, ...]:
        return (Text("*Phone-screen checklist*\n" + checklist_lines(self.checklist)),)


def checklist(states: Mapping[str, str], recipient: Actor) -> Reply:
    return Reply.of(Checklist(dict(states)), Visibility.EPHEMERAL, recipient)


@dataclass(frozen=True)
class RecommendPrompt:
    """Asks the interviewer for a recommendation once the round is over."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_RECOMMEND
    round_id: int
    candidate: str

    def blocks(self) -> tuple[Block, ...]:
        return (
            Text(f"The round is over. What is your recommendation for *{self.candidate}*?"),
            recommend_buttons(self.round_id),
        )


def recommend_prompt(round_id: int, candidate: str, recipient: Actor) -> Reply:
    return Reply.of(RecommendPrompt(round_id, candidate), Visibility.DIRECT, recipient)


@dataclass(frozen=True)
class Recommendation:
    """The interviewer's recommendation: confirmed to them, or told to the candidate."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_RECOMMENDATION
    recommendation: str
    interviewer: str
    to_candidate: bool

    def blocks(self) -> tuple[Block, ...]:
        label = RECOMMENDATIONS[self.recommendation]
        text = (
            f"*{self.interviewer}* recommends: *{label}*."
            if self.to_candidate
            else f"Recommendation recorded: *{label}*."
        )
        return (Notice(text, Tone.SUCCESS),)


def recommendation(value: str, interviewer: str, recipient: Actor, *, to_candidate: bool) -> Reply:
    visibility = Visibility.DIRECT if to_candidate else Visibility.EPHEMERAL
    return Reply.of(Recommendation(value, interviewer, to_candidate), visibility, recipient)


@dataclass(frozen=True)
class Pairs:
    """This week's practice pairs (a trio when the count is odd), or who was left without one."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_PAIRS
    week: str
    groups: tuple[tuple[str, ...], ...]
    alone: tuple[str, ...]

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = [Heading(f"Mock-interview pairs · week of {self.week}")]
        if self.groups:
            lines = [("• " + " ↔ ".join(g) + (" (trio)" if len(g) == 3 else "")) for g in self.groups]
            blocks.append(Text("\n".join(lines)))
            blocks.append(
                Text(
                    "Find a time together and run `/quiz mock start pair @interviewer @candidate`; "
                    "swap roles for a second round."
                )
            )
        else:
            blocks.append(
                Text(f"Not enough people this week ({_names(self.alone)}). Join with `/quiz mock optin`.")
            )
        return tuple(blocks)


def pairs(monday: str, groups: Sequence[Sequence[str]], alone: Sequence[str]) -> Reply:
    return Reply.of(Pairs(monday, tuple(tuple(g) for g in groups), tuple(alone)))


@dataclass(frozen=True)
class PairingStatus:
    """Whether weekly pairing is on, when the next pairs come, and who opted in."""

    kind: ClassVar[ReplyKind] = ReplyKind.MOCK_PAIRING
    enabled: bool
    next: datetime | None
    """None while pairing is off."""
    members: tuple[str, ...]
    change: str | None

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = [Heading("Weekly mock-interview pairing")]
        if self.change:
            blocks.append(Notice(self.change, Tone.SUCCESS))
        when = f"{self.next:%a %d %b %H:%M %Z}" if self.next else "–"
        pairing = (("Pairing", "on" if self.enabled else "off"), ("Next pairs", when))
        blocks.append(Fields((*pairing, ("Opted in", _names(self.members)))))
        blocks.append(Text("Opt in with `/quiz mock optin`, out with `/quiz mock optout`."))
        return tuple(blocks)


def pairing_status(
    enabled: bool, next_at: datetime | None, members: Sequence[str], change: str | None
) -> Reply:
    shown = next_at if enabled else None
    return Reply.of(PairingStatus(enabled, shown, tuple(members), change))
