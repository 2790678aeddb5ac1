"""`/quiz stats [@user]`: a PNG chart and a text summary of one person's progress in the team."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import NotFound
from bot.progress._chart import ChartData, render_png
from bot.replies import Fields, Heading, Image, Reply, Table, Text
from bot.schedule import at_local
from bot.streaks import current_streaks, streak_label
from questions import Category, QuestionBank
from storage import ALL_CATEGORIES, Database, Scope, Totals, User

WEEKS = 12
_MENTION = re.compile(r"^<@!?(?P<id>[\w.-]+)(?:\|[^>]*)?>$")


async def find_user(db: Database, team_id: int, text: str) -> User:
    """A person named by a platform mention (`<@U123>`), `@name`, or a display name."""
    match = _MENTION.match(text.strip())
    wanted = match["id"] if match else text.strip().removeprefix("@")
    user = await db.progress.find_user(team_id, wanted)
    if user is None:
        raise NotFound(f"Nobody called `{wanted[:40]}` has practised in this team yet.")
    return user


def team_averages(totals: dict[str, Totals], bank: QuestionBank) -> dict[str, Totals]:
    """The team's answers and scores per category, from its per-question totals."""
    answers: Counter[str] = Counter()
    scores: Counter[str] = Counter()
    for question_id, total in totals.items():
        if (question := bank.get(question_id)) is not None:
            answers[question.category.value] += total.answers
            scores[question.category.value] += total.score_micros
    return {category: Totals(answers[category], scores[category]) for category in answers}


def week_counts(times: list[datetime], first: date, zone: ZoneInfo) -> list[tuple[date, int]]:
    counts = Counter((t.astimezone(zone).date() - first).days // 7 for t in times)
    return [(first + timedelta(weeks=w), counts.get(w, 0)) for w in range(WEEKS)]


async def stats(db: Database, bank: QuestionBank, user: User, zone: ZoneInfo, now: datetime) -> Reply:
    """Collect the figures, draw the chart in a worker thread, and summarise it in text too."""
    scope = Scope(user.team_id)
    mine = await db.progress.category_totals(scope, user.id)
    team = team_averages(await db.progress.question_totals(user.team_id), bank)
    today = now.astimezone(zone).date()
    first = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
    weeks = week_counts(await db.progress.award_times(user.id, at_local(first, time(0), zone)), first, zone)
    streak = (await current_streaks(db, scope, [user.id], now))[user.id]
    board = await db.progress.leaderboard(scope, caller=user.id, limit=0)
    rows = [(c, _average(mine.get(c.value)), _average(team.get(c.value))) for c in Category]
    overall = mine.get(ALL_CATEGORIES, Totals(0, 0))
    answers = f"{overall.answers} answer{'s' if overall.answers != 1 else ''}"
    title = f"{user.display_name} · {answers} · current streak {streak} day{'s' if streak != 1 else ''}"
    png = await asyncio.to_thread(render_png, ChartData(title, [(c.label, y, t) for c, y, t in rows], weeks))
    return _reply(user, png, rows, mine, weeks, streak, board.caller.rank if board.caller else None, now)


def _average(totals: Totals | None) -> float | None:
    return totals.average if totals and totals.answers else None


def _percent(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


def _reply(
    user: User,
    png: bytes,
    rows: list[tuple[Category, float | None, float | None]],
    mine: dict[str, Totals],
    weeks: list[tuple[date, int]],
    streak: int,
    rank: int | None,
    now: datetime,
) -> Reply:
    overall = mine.get(ALL_CATEGORIES, Totals(0, 0))
    slug = re.sub(r"[^a-z0-9]+", "-", user.display_name.lower()).strip("-") or "user"
    alt = (
        f"Charts for {user.display_name}: average score per category against the team, and answers "
        f"per week over the last {WEEKS} weeks. Current streak: {streak_label(streak)}."
    )
    table = Table(
        ("Category", "You", "Team", "Your answers"),
        tuple(
            (c.label, _percent(you), _percent(team), str(mine[c.value].answers if c.value in mine else 0))
            for c, you, team in rows
        ),
    )
    fields = (
        ("Answers", str(overall.answers)),
        ("Average score", _percent(_average(overall))),
        ("Current streak", streak_label(streak)),
        ("Team rank (all time)", f"#{rank}" if rank else "–"),
    )
    weekly = " ".join(str(count) for _, count in weeks)
    blocks = (
        Heading(f"Stats · {user.display_name}"),
        Image(png, alt, f"stats-{slug}-{now:%Y%m%d-%H%M%S}.png"),
        Fields(fields),
        table,
        Text(f"*Answers per week*, oldest first: {weekly}"),
    )
    data = {
        "user": user.display_name,
        "answers": overall.answers,
        "streak": streak,
        "rank": rank,
        "weekly": [count for _, count in weeks],
        "categories": {c.value: {"you": you, "team": team} for c, you, team in rows},
    }
    return Reply("stats", blocks, data=data)
