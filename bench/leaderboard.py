"""Leaderboard and stats-chart latency on a large team: 1,000,000 attempts, 2,000 people, 50 channels.

All channels belong to one team (the hardest case for the team-wide board) with five time zones. Every
person has a home channel and three in ten a second one; a year of posts (daily on weekdays, plus
on-demand ones) gets fifty attempts each from the channel's members, so some answer a post twice. Points
go into the real ledger, so its one roll-up builds the running totals exactly as in production.

A period's start needs a mark (everyone's totals at that instant, per time zone in use). The bot's
scheduler makes the day's week, month and season marks every five minutes (`prepare_marks`, timed
here once); the first call of each variant is then timed separately, and only marks nobody prepares
(a category, a `since` date) are made there. Then each `/quiz leaderboard` variant (channel and
team scope; week, month, season, since a date, all time; plus a category) runs through Core.handle into
a null outbox, asked by a different person each round, streaks included; the SQL ranking alone is timed
too, and so are the streaks of a board's people computed afresh (boards reuse streaks until an
answer, a daily post or a zone changes, or the minute turns). `/quiz stats` renders the PNG chart.
The floor is one aiosqlite round trip (`SELECT 1`) in the same run. Setup objects are frozen out of
the garbage collector before timing (as a long-running bot's are after start-up). The query plans
are printed.

    python bench/leaderboard.py [--attempts 1000000] [--users 2000] [--channels 50] [--rounds 40] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import Actor, CommandInvoked, Conversation, Core, MessageRef
from bot.streaks import current_streaks
from questions import QuestionBank, load_bank
from storage import Database, Scope, open_database
from storage._db import to_db_time

VARIANTS = (
    "week",
    "month",
    "",
    "since {since}",
    "all",
    "week team",
    "month team",
    "team",
    "since {since} team",
    "all team",
    "month math team",
)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland")
ATTEMPTS_PER_POST = 50
DAYS = 365


class NullOutbox:
    def __init__(self) -> None:
        self.count = 0

    async def send(self, conversation, reply) -> MessageRef:
        self.count += 1
        return MessageRef(f"m{self.count}", conversation.thread_id or f"m{self.count}")


def summary(samples: list[float], floor: float) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    return {
        "p50_ms": round(median, 3),
        "p99_ms": round(p99, 3),
        "stdev_ms": round(statistics.pstdev(ordered), 3),
        "ratio_p50_vs_floor": round(median / floor, 1),
    }


async def fill(
    db: Database, bank: QuestionBank, attempts: int, users: int, channels: int, now: datetime
) -> dict[int, list[int]]:
    """People, channels with settings, a year of posts and daily slots, attempts and the best results."""
    rng = random.Random(1)
    async with db.connection.transaction() as raw:
        await raw.execute(
            "INSERT INTO teams (id, platform, external_id, name, created_at) VALUES (1, 'bench',"
            " 'T', 'Bench', ?)",
            (to_db_time(now - timedelta(days=DAYS + 1)),),
        )
        await raw.executemany(
            "INSERT INTO channels (id, team_id, external_id, name, created_at) VALUES (?, 1, ?, ?, ?)",
            [
                (c, f"C{c}", f"chan{c}", to_db_time(now - timedelta(days=DAYS + 1)))
                for c in range(1, channels + 1)
            ],
        )
        await raw.executemany(
            "INSERT INTO channel_settings (channel_id, post_time, timezone, weekdays, reveal_time,"
            " visibility,"
            " paused, active_since, weights_since, updated_at) VALUES (?, '09:00', ?, 'mon,tue,wed,thu,fri',"
            " '17:00', 'private', 0, ?, ?, ?)",
            [
                (c, ZONES[c % len(ZONES)], *[to_db_time(now - timedelta(days=DAYS + 1))] * 3)
                for c in range(1, channels + 1)
            ],
        )
        await raw.executemany(
            "INSERT INTO users (id, team_id, external_id, display_name, created_at) VALUES (?, 1, ?, ?, ?)",
            [
                (u, f"u{u}", f"user{u}", to_db_time(now - timedelta(days=DAYS + 1)))
                for u in range(1, users + 1)
            ],
        )
        members: dict[int, list[int]] = {c: [] for c in range(1, channels + 1)}
        for u in range(1, users + 1):
            members[u % channels + 1].append(u)
            if rng.random() < 0.3:
                members[rng.randrange(channels) + 1].append(u)
        skill = {u: rng.betavariate(4, 3) for u in range(1, users + 1)}
        questions = list(bank)
        posts = max(1, attempts // ATTEMPTS_PER_POST)
        post_rows: list[tuple] = []
        slot_rows: list[tuple] = []
        attempt_rows: list[tuple] = []
        ledger: dict[tuple[int, int], tuple[int, float, str, int, str]] = {}
        daily_days: set = set()
        for p in range(1, posts + 1):
            channel = p % channels + 1
            posted = now - timedelta(minutes=DAYS * 1440 * (posts - p) / posts)
            question = rng.choice(questions)
            daily = posted.weekday() < 5 and (channel, posted.date()) not in daily_days
            daily_days.add((channel, posted.date()))
            post_rows.append((p, channel, question.id, "daily" if daily else "quiz", to_db_time(posted)))
            if daily:
                slot = posted.replace(second=0, microsecond=0)
                slot_rows.append(
                    (
                        channel,
                        to_db_time(slot),
                        to_db_time(slot),
                        p,
                        to_db_time(slot),
                        to_db_time(slot + timedelta(hours=8)),
                    )
                )
            for _ in range(ATTEMPTS_PER_POST):
                user = rng.choice(members[channel])
                score = min(1.0, max(0.0, rng.gauss(skill[user], 0.2)))
                at = posted + timedelta(minutes=rng.randrange(1, 600))
                points = round(20 * score)
                attempt_rows.append(
                    (p, user, to_db_time(at), "concept", "answer", "graded", score, points, "{}")
                )
                best = ledger.get((p, user))
                if best is None or score > best[1]:
                    first = best[2] if best else to_db_time(at)
                    ledger[(p, user)] = (points, score, first, channel, question.category.value)
        await raw.executemany(
            "INSERT INTO posts (id, channel_id, question_id, seed, source, posted_at)"
            " VALUES (?, ?, ?, 1, ?, ?)",
            post_rows,
        )
        await raw.executemany(
            "INSERT OR IGNORE INTO daily_slots (channel_id, slot_at, claim_token, claimed_at, post_id,"
            " posted_at,"
            " reveal_at) VALUES (?, ?, 'bench', ?, ?, ?, ?)",
            slot_rows,
        )
        await raw.executemany(
            "INSERT INTO attempts (post_id, user_id, submitted_at, answer_kind, answer, status, score,"
            " points,"
            " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            attempt_rows,
        )
        await raw.executemany(
            "INSERT INTO points_ledger (user_id, channel_id, post_id, reason, points, score, awarded_at,"
            " category, question_id)"
            " SELECT ?, ?, ?, 'answer', ?, ?, ?, ?, question_id FROM posts WHERE id = ?",
            sorted(
                ((u, ch, p, pts, s, at, cat, p) for (p, u), (pts, s, at, ch, cat) in ledger.items()),
                key=lambda row: row[5],
            ),
        )
    return members


async def count(db: Database, table: str) -> int:
    row = await db.connection.fetchone(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def timed(call) -> float:
    start = time.perf_counter()
    await call
    return (time.perf_counter() - start) * 1000


async def plans(db: Database) -> list[str]:
    lines = []
    for label, since, until in (
        ("since (week, month, season)", True, False),
        ("all time", False, False),
        ("past season", True, True),
    ):
        lines.append(f"-- EXPLAIN QUERY PLAN: ranking {label}")
        lines += [f"   {detail}" for detail in await db.progress.explain(Scope(1), since=since, until=until)]
    return lines


async def main(attempts: int, users: int, channels: int, rounds: int) -> dict:
    bank = load_bank()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "bench.db")
        start = time.perf_counter()
        members = await fill(db, bank, attempts, users, channels, now)
        await db.seasons.start(1, "Bench", 1, now - timedelta(days=45))
        filled = time.perf_counter() - start
        core, outbox = Core(db, bank, rng=random.Random(2)), NullOutbox()
        prepare_started = time.perf_counter()
        await core.progress.prepare_marks(datetime.now(UTC))
        prepared = time.perf_counter() - prepare_started
        rng = random.Random(3)
        since = (now - timedelta(days=60)).date().isoformat()
        month = datetime.combine(now.date() - timedelta(days=29), datetime.min.time(), UTC)
        for channel in range(channels + 1):
            await db.progress.leaderboard(Scope(1, channel), since=month)
        by_variant: dict[str, list[float]] = {v: [] for v in VARIANTS}
        query: list[float] = []
        streaks: list[float] = []
        floor: list[float] = []
        chart: list[float] = []
        first: dict[str, float] = {}
        for channel in range(1, channels + 1):
            asker = Actor("bench", "u1", "user1"), Conversation("bench", "T", f"C{channel}")
            for variant in VARIANTS:
                text = f"leaderboard {variant.format(since=since)}".strip()
                ms = await timed(core.handle(CommandInvoked(*asker, text), outbox))
                first[variant] = max(first.get(variant, 0.0), ms)
        gc.collect()
        gc.freeze()
        for i in range(rounds):
            channel = rng.randrange(channels) + 1
            user = rng.choice(members[channel])
            actor = Actor("bench", f"u{user}", f"user{user}")
            where = Conversation("bench", "T", f"C{channel}", channel_name=f"chan{channel}")
            floor.append(await timed(db.connection.fetchone("SELECT 1")))
            for variant in VARIANTS:
                text = f"leaderboard {variant.format(since=since)}".strip()
                by_variant[variant].append(
                    await timed(core.handle(CommandInvoked(actor, where, text), outbox))
                )
            scope = Scope(1, channel) if i % 2 else Scope(1)
            started = time.perf_counter()
            board = await db.progress.leaderboard(scope, since=month, caller=user)
            query.append((time.perf_counter() - started) * 1000)
            top = [s.user_id for s in board.top]
            streaks.append(await timed(current_streaks(db, scope, top, datetime.now(UTC))))
            if i < max(5, rounds // 2):
                chart.append(await timed(core.handle(CommandInvoked(actor, where, "stats"), outbox)))
        explained = await plans(db)
        recorded = await db.attempts.count()
        ledger_rows = await count(db, "points_ledger")
        steps = await count(db, "progress_steps")
        await db.close()
    floor_ms = statistics.median(floor)
    everything = [ms for samples in by_variant.values() for ms in samples]
    overall = summary(everything, floor_ms)
    warm_charts = chart[1:]
    return {
        "attempts": recorded,
        "users": users,
        "channels": channels,
        "ledger_rows": ledger_rows,
        "progress_steps": steps,
        "fill_s": round(filled, 1),
        "prepare_marks_s": round(prepared, 2),
        "rounds": rounds,
        "floor_ms": round(floor_ms, 3),
        "leaderboard_p50_ms": overall["p50_ms"],
        "leaderboard_p99_ms": overall["p99_ms"],
        "leaderboard_stdev_ms": overall["stdev_ms"],
        "leaderboard_query_only": summary(query, floor_ms),
        "streaks_fresh": summary(streaks, floor_ms),
        "stats_chart_ms": round(statistics.median(warm_charts), 1),
        "stats_chart_p99_ms": round(max(warm_charts), 1),
        "stats_chart_cold_ms": round(chart[0], 1),
        "variants": {v or "(default: season)": summary(s, floor_ms) for v, s in by_variant.items()},
        "first_of_the_day_ms": {v or "(default: season)": round(ms, 1) for v, ms in first.items()},
        "plans": explained,
    }


def report(result: dict) -> None:
    print(
        f"{result['attempts']:,} attempts ({result['ledger_rows']:,} scored posts,"
        f" {result['progress_steps']:,}"
        f" running-total steps), {result['users']:,} people, {result['channels']} channels;"
        f" filled in {result['fill_s']} s; floor (aiosqlite SELECT 1) p50 {result['floor_ms']} ms"
    )
    for name, r in result["variants"].items():
        print(
            f"  leaderboard {name:24} p50 {r['p50_ms']:7.2f} ms   p99 {r['p99_ms']:7.2f} ms"
            f"   {r['ratio_p50_vs_floor']}x floor"
        )
    q = result["leaderboard_query_only"]
    print(f"  ranking SQL alone (month)       p50 {q['p50_ms']:7.2f} ms   p99 {q['p99_ms']:7.2f} ms")
    f = result["streaks_fresh"]
    print(f"  a board's streaks, uncached     p50 {f['p50_ms']:7.2f} ms   p99 {f['p99_ms']:7.2f} ms")
    print(
        f"  all leaderboards                p50 {result['leaderboard_p50_ms']:7.2f} ms"
        f"   p99 {result['leaderboard_p99_ms']:7.2f} ms   stdev {result['leaderboard_stdev_ms']:.2f} ms"
        "   (target p99 <= 5 ms)"
    )
    print(
        f"  /quiz stats (PNG chart)         p50 {result['stats_chart_ms']:7.1f} ms"
        f"   max {result['stats_chart_p99_ms']:7.1f} ms   first call {result['stats_chart_cold_ms']} ms"
        "   (target <= 300 ms)"
    )
    firsts = ", ".join(f"{name} {ms}" for name, ms in result["first_of_the_day_ms"].items())
    print(f"  marks prepared by the scheduler's job in {result['prepare_marks_s']} s")
    print(f"  first call per variant (after that job), ms: {firsts}")
    print("\n".join(result["plans"]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    options = parser.parse_args()
    outcome = asyncio.run(main(options.attempts, options.users, options.channels, options.rounds))
    report(outcome)
    if options.json:
        print(json.dumps(outcome))
