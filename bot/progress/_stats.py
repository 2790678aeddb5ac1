"""`/quiz stats [@user]`: a PNG chart and a text summary of one person's progress in the team."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.progress._chart import ChartData, render_png
from bot.progress._views import CategoryStat, Stats
from bot.replies import Image, Reply
from bot.schedule import at_local
from bot.streaks import current_streaks, streak_label
from questions import Category, QuestionBank
from storage import ALL_CATEGORIES, Database, Scope, Totals, User

WEEKS = 12


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
    categories = {
        c: CategoryStat(c, you, team, mine[c.value].answers if c.value in mine else 0)
        for c, you, team in rows
    }
    view = Stats(
        user=user.display_name,
        chart=Image(png, alt, f"stats-{slug}-{now:%Y%m%d-%H%M%S}.png"),
        answers=overall.answers,
        average=_average(overall),
        streak=streak,
        rank=rank,
        weekly=tuple(count for _, count in weeks),
        categories=categories,
    )
    return Reply.of(view)
