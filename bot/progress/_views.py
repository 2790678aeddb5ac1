"""Replies for progress: leaderboards, stats, weak spots, seasons, reviews and forget-me.

Each reply kind is a frozen view whose fields are what it means; its `blocks` say it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from bot.grading import Grade
from bot.replies import BAND_TONES, Block, Fields, Heading, Image, Notice, ReplyKind, Table, Text, Tone
from bot.streaks import streak_label
from questions import Category, Instance, Kind

COLUMNS = ("#", "Name", "Points", "Answers", "Avg score", "Streak")


@dataclass(frozen=True)
class BoardRow:
    """One person's place on a leaderboard; `you` marks the person who asked."""

    rank: int
    name: str
    points: int
    answers: int
    average_score: float
    streak: int
    you: bool

    def cells(self) -> tuple[str, ...]:
        score = f"{self.average_score:.2f}"
        return (
            str(self.rank),
            self.name,
            str(self.points),
            str(self.answers),
            score,
            streak_label(self.streak),
        )


@dataclass(frozen=True)
class Leaderboard:
    """The top of a ranking, and the asker's own row when it is below the top."""

    kind: ClassVar[ReplyKind] = ReplyKind.LEADERBOARD
    title: str
    period: str
    since: datetime | None
    category: Category | None
    scope: str
    """`channel` or `team`."""
    rows: tuple[BoardRow, ...]
    below: BoardRow | None
    ranked: int

    @property
    def you(self) -> BoardRow | None:
        """The asker's row, wherever it is; None when they have no graded answers in the period."""
        return self.below or next((r for r in self.rows if r.you), None)

    def blocks(self) -> tuple[Block, ...]:
        if not self.rows:
            return (Heading(self.title), Text("No graded answers in this period yet. Start with `/quiz`."))
        cells = [r.cells() for r in self.rows]
        if self.below:
            cells += [("⋯", "", "", "", "", ""), self.below.cells()]
        return (Heading(self.title), Table(COLUMNS, tuple(cells)), Text(self._footer()))

    def _footer(self) -> str:
        mine = self.you
        if mine is None:
            return f"Ranked: {self.ranked}. You have no graded answers in this period yet."
        return f"You are *#{mine.rank}* of {self.ranked} with {mine.points} points."


@dataclass(frozen=True)
class Spot:
    name: str
    average: float
    answers: int


@dataclass(frozen=True)
class WeakSpots:
    """Categories and tags where the team's best answers score lowest, and whether the draw leans on them."""

    kind: ClassVar[ReplyKind] = ReplyKind.WEAK_SPOTS
    min_answers: int
    """Answers a category needs before it is judged."""
    categories: tuple[Spot, ...]
    tags: tuple[Spot, ...]
    nudging: bool

    def blocks(self) -> tuple[Block, ...]:
        heading = Heading("Team weak spots")
        if not self.categories:
            needed = f"Not enough answers yet: a category needs {self.min_answers} before it is judged."
            return (heading, Text(needed))
        rows = tuple((Category(s.name).label, f"{s.average:.2f}", str(s.answers)) for s in self.categories)
        blocks: list[Block] = [heading, Table(("Category", "Avg score", "Answers"), rows)]
        if self.tags:
            tags = tuple((s.name, f"{s.average:.2f}", str(s.answers)) for s in self.tags)
            blocks.append(Table(("Tag", "Avg score", "Answers"), tags))
        blocks.append(Notice(self._nudge_note()))
        return tuple(blocks)

    def _nudge_note(self) -> str:
        if self.nudging:
            return (
                "This channel's daily question leans toward the weakest category and tags. "
                "Admins: `/quiz weak-spots nudge off` to stop."
            )
        return "Admins can make this channel's daily question lean toward these: `/quiz weak-spots nudge on`."


@dataclass(frozen=True)
class Placed:
    """A person's final place in a season: rank, name and points."""

    rank: int
    name: str
    points: int


@dataclass(frozen=True)
class SeasonStarted:
    """A new season, closing the previous one (or all time so far) with its top three."""

    kind: ClassVar[ReplyKind] = ReplyKind.SEASON_STARTED
    season: str
    closing: str
    podium: tuple[Placed, ...]

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = [
            Notice(f"Season *{self.season}* has started. Leaderboards now count from here.", Tone.SUCCESS),
            Text("Nothing was deleted: `/quiz leaderboard all` still shows all time."),
        ]
        if self.podium:
            lines = "\n".join(f"{p.rank}. {p.name} · {p.points} points" for p in self.podium)
            blocks.append(Text(f"*Final top three of {self.closing}*\n{lines}"))
        return tuple(blocks)


@dataclass(frozen=True)
class SeasonRow:
    """A season with its end (None while running) and its winner or current leader."""

    name: str
    started_at: datetime
    ended_at: datetime | None
    leader: Placed | None


@dataclass(frozen=True)
class Seasons:
    """The team's seasons, newest first."""

    kind: ClassVar[ReplyKind] = ReplyKind.SEASONS
    seasons: tuple[SeasonRow, ...]
    zone: ZoneInfo

    def blocks(self) -> tuple[Block, ...]:
        if not self.seasons:
            text = Text(
                "No seasons yet, so leaderboards count all time. An admin can start one with "
                "`/quiz season start NAME`; nothing is deleted."
            )
            return (Heading("Seasons"), text)
        rows = tuple(
            (
                s.name,
                self._day(s.started_at),
                self._day(s.ended_at) if s.ended_at else "running",
                f"{s.leader.name} ({s.leader.points})" if s.leader else "–",
            )
            for s in self.seasons
        )
        return (Heading("Seasons"), Table(("Season", "Started", "Ended", "Top"), rows))

    def _day(self, moment: datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{local.day} {local:%b %Y}"


@dataclass(frozen=True)
class CategoryStat:
    """A person's and the team's average score in a category (None without answers), and their answers."""

    category: Category
    you: float | None
    team: float | None
    answers: int


@dataclass(frozen=True)
class Stats:
    """One person's progress: a chart, the figures behind it, and answers per week."""

    kind: ClassVar[ReplyKind] = ReplyKind.STATS
    user: str
    chart: Image
    answers: int
    average: float | None
    streak: int
    rank: int | None
    """All-time team rank; None without graded answers."""
    weekly: tuple[int, ...]
    """Answers per week, oldest first."""
    categories: Mapping[Category, CategoryStat]

    def blocks(self) -> tuple[Block, ...]:
        fields = (
            ("Answers", str(self.answers)),
            ("Average score", _score(self.average)),
            ("Current streak", streak_label(self.streak)),
            ("Team rank (all time)", f"#{self.rank}" if self.rank else "–"),
        )
        table = Table(
            ("Category", "You", "Team", "Your answers"),
            tuple(
                (c.category.label, _score(c.you), _score(c.team), str(c.answers))
                for c in self.categories.values()
            ),
        )
        weekly = " ".join(str(count) for count in self.weekly)
        return (
            Heading(f"Stats · {self.user}"),
            self.chart,
            Fields(fields),
            table,
            Text(f"*Answers per week*, oldest first: {weekly}"),
        )


def _score(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


@dataclass(frozen=True)
class ReviewQuestion:
    """A question due for review, for its owner only; answering it earns no points."""

    kind: ClassVar[ReplyKind] = ReplyKind.REVIEW_QUESTION
    instance: Instance
    due: int
    """How many questions are due now, this one included."""

    @property
    def question_id(self) -> str:
        return self.instance.question.id

    def blocks(self) -> tuple[Block, ...]:
        question = self.instance.question
        blocks: list[Block] = [Heading(f"Review · {question.title}"), Text(self.instance.prompt.strip())]
        if question.kind is Kind.CHOICE:
            blocks.append(Text("\n".join(f"{chr(65 + i)}) {c}" for i, c in enumerate(question.choices))))
        blocks += [
            Fields(
                (("Category", question.category.label), ("Due now", str(self.due)), ("Question", question.id))
            ),
            Notice(
                "Only you see this. Answer with `/quiz review answer <your answer>`; no points, just memory."
            ),
        ]
        return tuple(blocks)


@dataclass(frozen=True)
class NextDue:
    question_id: str
    title: str
    due: datetime


@dataclass(frozen=True)
class NothingDue:
    """Nothing to review now: when the next card is due, and coding questions to practise elsewhere."""

    kind: ClassVar[ReplyKind] = ReplyKind.REVIEW_EMPTY
    has_cards: bool
    upcoming: NextDue | None
    code_due: tuple[str, ...]

    @property
    def next(self) -> str | None:
        return self.upcoming.question_id if self.upcoming else None

    def blocks(self) -> tuple[Block, ...]:
        if not self.has_cards:
            return (
                Notice(
                    "Nothing to review yet: answer a few questions first, and they come back here when due."
                ),
            )
        lines = ["Nothing due right now."]
        if self.upcoming is not None:
            lines.append(f"Next due: *{self.upcoming.title}* on {self.upcoming.due:%a %d %b}.")
        if self.code_due:
            listed = ", ".join(f"`/quiz {q}`" for q in self.code_due)
            lines.append(f"Coding questions due (practise them in the channel): {listed}")
        return (Notice(" ".join(lines), Tone.SUCCESS),)


@dataclass(frozen=True)
class ReviewVerdict:
    """A review answer's grade, the rating it gave the card, and when the card comes back."""

    kind: ClassVar[ReplyKind] = ReplyKind.REVIEW_VERDICT
    question_id: str
    grade: Grade
    rating: str
    due: datetime
    days: int
    remaining: int

    @property
    def score(self) -> float:
        return self.grade.score

    def blocks(self) -> tuple[Block, ...]:
        grade = self.grade
        band = grade.verdict
        plural = "s" if self.days != 1 else ""
        blocks: list[Block] = [
            Notice(
                f"{band.capitalize()} · score {grade.score:.2f} · rated {self.rating} · "
                f"back in {self.days} day{plural} ({self.due:%a %d %b})",
                BAND_TONES[band],
            ),
            Text(grade.feedback),
        ]
        if grade.mistakes:
            blocks.append(Text("\n".join(f"⚠ {item}" for item in grade.mistakes)))
        if grade.missing:
            blocks.append(Text("\n".join(f"✗ {item}" for item in grade.missing)))
        more = f"{self.remaining} more due: `/quiz review`." if self.remaining else "All caught up."
        blocks.append(Text(more))
        return tuple(blocks)


@dataclass(frozen=True)
class ReviewDaily:
    """Whether the daily question now re-asks what the channel is most likely to have forgotten."""

    kind: ClassVar[ReplyKind] = ReplyKind.REVIEW_DAILY
    reask_forgotten: bool

    def blocks(self) -> tuple[Block, ...]:
        text = (
            "The daily question now re-asks, when one is due, the question this channel is most likely to "
            "have forgotten (by FSRS)."
            if self.reask_forgotten
            else "The daily question no longer re-asks forgotten questions."
        )
        return (Notice(text, Tone.SUCCESS),)


@dataclass(frozen=True)
class ForgetMeAsked:
    """What forgetting would delete, counted, and how to confirm."""

    kind: ClassVar[ReplyKind] = ReplyKind.FORGET_ME
    counts: Mapping[str, int]

    def blocks(self) -> tuple[Block, ...]:
        listed = ", ".join(
            f"{n} {label if n != 1 else label.removesuffix('s')}" for label, n in self.counts.items()
        )
        text = (
            f"This permanently deletes everything ScreenPrep keeps about you in this team: {listed}, "
            "your name, your leaderboard places and your review schedule. Team figures drop your share. "
            "To go ahead, send `/quiz forget-me confirm` within 10 minutes."
        )
        return (Notice(text, Tone.WARNING),)


@dataclass(frozen=True)
class Forgotten:
    kind: ClassVar[ReplyKind] = ReplyKind.FORGOTTEN
    user_id: int

    def blocks(self) -> tuple[Block, ...]:
        text = "Done: everything ScreenPrep kept about you here is deleted. Answer again to start afresh."
        return (Notice(text, Tone.SUCCESS),)
