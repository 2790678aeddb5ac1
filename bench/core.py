"""Core handling time for `/quiz`, an answer and `/quiz leaderboard`, with 100,000 recorded attempts.

`leaderboard` is all-time; `leaderboard_month` scans the last 30 days of the points ledger.
Measures the platform-neutral core alone (no network): each event goes through Core.handle into an
in-memory outbox, against a real SQLite file. The floor is one aiosqlite round trip (`SELECT 1`)
measured in the same run, so the ratios show how much work the core adds on top of touching the DB.

    python bench/core.py [--attempts 100000] [--rounds 300] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import Actor, CommandInvoked, Conversation, Core, MessagePosted, MessageRef
from questions import load_bank
from storage import open_database
from storage._db import to_db_time

ANSWER = (
    "Each unit is randomly zeroed with probability p during training and survivors are scaled by "
    "1/(1-p); at inference the full network is used. It is like an ensemble of thinned networks and "
    "prevents co-adaptation, reducing overfitting."
)


class NullOutbox:
    def __init__(self) -> None:
        self.count = 0

    async def send(self, conversation, reply) -> MessageRef:
        self.count += 1
        return MessageRef(f"m{self.count}", conversation.thread_id or f"m{self.count}")


async def fill(db, bank, attempts: int, users: int = 500) -> None:
    """Bulk history in the benchmark channel: ~100 attempts per post, spread over a year."""
    now = datetime.now(UTC)
    team = await db.teams.ensure("bench", "T", "Bench", now)
    channel = await db.channels.ensure(team.id, "C", "bench", now)
    user_ids = [(await db.users.ensure(team.id, f"u{i}", f"user{i}", now)).id for i in range(users)]
    question_ids = [q.id for q in bank]
    rng = random.Random(1)
    posts = max(1, attempts // 100)
    async with db.connection.transaction() as raw:
        for p in range(posts):
            at = to_db_time(now - timedelta(minutes=525_600 * (posts - p) / posts))
            await raw.execute(
                "INSERT INTO posts (id, channel_id, question_id, seed, source, thread_ref, posted_at)"
                " VALUES (?, ?, ?, 1, 'quiz', ?, ?)",
                (p + 1, channel.id, rng.choice(question_ids), f"t{p}", at),
            )
        rows = []
        ledger: dict[tuple[int, int], tuple[int, float, str]] = {}
        for a in range(attempts):
            post, user, score = a // 100 + 1, rng.choice(user_ids), rng.random()
            at = to_db_time(now - timedelta(minutes=525_600 * (attempts - a) / attempts))
            rows.append((post, user, at, "concept", "answer text", "graded", score, round(20 * score), "{}"))
            best = ledger.get((post, user))
            if best is None or score > best[1]:
                ledger[(post, user)] = (round(20 * score), score, at)
        await raw.executemany(
            "INSERT INTO attempts (post_id, user_id, submitted_at, answer_kind, answer, status, score,"
            " points, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await raw.executemany(
            "INSERT INTO points_ledger (user_id, channel_id, post_id, reason, points, score, awarded_at,"
            " question_id) SELECT ?, ?, ?, 'answer', ?, ?, ?, question_id FROM posts WHERE id = ?",
            [(u, channel.id, p, pts, s, at, p) for (p, u), (pts, s, at) in ledger.items()],
        )


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


async def main(attempts: int, rounds: int) -> dict:
    bank = load_bank()
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "bench.db")
        await fill(db, bank, attempts)
        core, outbox = Core(db, bank, rng=random.Random(2)), NullOutbox()
        where = Conversation("bench", "T", "C", channel_name="bench")
        timings: dict[str, list[float]] = {
            "floor": [],
            "quiz": [],
            "answer": [],
            "leaderboard": [],
            "leaderboard_month": [],
        }
        for i in range(rounds):
            actor = Actor("bench", f"u{i % 500}", f"user{i % 500}")
            start = time.perf_counter()
            await db.connection.fetchone("SELECT 1")
            timings["floor"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await core.handle(CommandInvoked(actor, where, "dropout" if i % 2 else ""), outbox)
            timings["quiz"].append((time.perf_counter() - start) * 1000)
            thread = where.in_thread(f"m{outbox.count}")
            start = time.perf_counter()
            await core.handle(MessagePosted(actor, thread, ANSWER), outbox)
            timings["answer"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await core.handle(CommandInvoked(actor, where, "leaderboard all"), outbox)
            timings["leaderboard"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await core.handle(CommandInvoked(actor, where, "leaderboard month"), outbox)
            timings["leaderboard_month"].append((time.perf_counter() - start) * 1000)
        recorded = await db.attempts.count()
        await db.close()
    floor = statistics.median(timings["floor"])
    return {
        "attempts": recorded,
        "rounds": rounds,
        "floor_ms": round(floor, 3),
        **{name: summary(values, floor) for name, values in timings.items() if name != "floor"},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = asyncio.run(main(options.attempts, options.rounds))
    if not options.json:
        print(
            f"{result['attempts']:,} attempts in the database, {result['rounds']} rounds, "
            f"floor (aiosqlite SELECT 1) p50 {result['floor_ms']} ms"
        )
        for name in ("quiz", "answer", "leaderboard", "leaderboard_month"):
            r = result[name]
            print(
                f"  {name:18} p50 {r['p50_ms']:7.2f} ms   p99 {r['p99_ms']:7.2f} ms   "
                f"stdev {r['stdev_ms']:6.2f} ms   {r['ratio_p50_vs_floor']}x floor"
            )
    print(json.dumps(result))
