"""Real `screenprep` processes on one database file: killed, down across the slot, or two at once.

Each case counts the daily posts both in the database and in what the processes printed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.settings import defaults, save_settings
from storage import open_database

CARD_MARK = "· Question: "


def now() -> datetime:
    return datetime.now(UTC)


def prepare(path: Path, slot: datetime) -> None:
    """A console channel first seen two days ago, posting every day at the slot's UTC time."""

    async def build() -> None:
        db = await open_database(path)
        try:
            seen = slot - timedelta(days=2)
            team = await db.teams.ensure("console", "local", "local", seen)
            channel = await db.channels.ensure(team.id, "practice", "practice", seen)
            settings = defaults(channel.id, seen).changed(post_time=slot.time(), weekdays=frozenset(range(7)))
            await save_settings(db, settings, seen)
        finally:
            await db.close()

    asyncio.run(build())


def daily_posts(path: Path) -> int:
    async def count() -> int:
        db = await open_database(path)
        try:
            row = await db.connection.fetchone(
                "SELECT COUNT(*) FROM daily_slots WHERE posted_at IS NOT NULL AND post_id IS NOT NULL"
            )
            return int(row[0])
        finally:
            await db.close()

    return asyncio.run(count())


def start(path: Path) -> subprocess.Popen:
    executable = shutil.which("screenprep")
    assert executable
    env = {k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN")}
    env.update(SCREENPREP_SANDBOX="off", SCREENPREP_CLAIM_LEASE="1s", SCREENPREP_LOG_LEVEL="ERROR")
    return subprocess.Popen(
        [executable, "--db", str(path), "console", "--channel", "practice"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(process: subprocess.Popen) -> str:
    """End the session as a user would (end of input) and return what it printed."""
    out, err = process.communicate(input="", timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "ERROR" not in err, err
    return out


def kill(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=10)
    return out


def wait_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - now()).total_seconds()))


def wait_for_posts(path: Path, expected: int, deadline: float = 15.0) -> None:
    end = time.monotonic() + deadline
    while daily_posts(path) < expected and time.monotonic() < end:
        time.sleep(0.2)


def test_sigkill_just_after_the_slot_then_restart_gives_exactly_one_post(tmp_path: Path):
    path = tmp_path / "team.db"
    slot = (now() + timedelta(seconds=4)).replace(microsecond=0)
    prepare(path, slot)
    first = start(path)
    wait_until(slot + timedelta(milliseconds=150))
    printed = kill(first).count(CARD_MARK)
    time.sleep(1.2)  # the claim lease (1s) of a process that died mid-post runs out
    second = start(path)
    wait_for_posts(path, 1)
    time.sleep(1.0)
    printed += finish(second).count(CARD_MARK)
    assert daily_posts(path) == 1
    assert printed == 1


def test_sigkill_before_the_slot_then_restart_catches_up_once(tmp_path: Path):
    path = tmp_path / "team.db"
    slot = (now() + timedelta(seconds=3)).replace(microsecond=0)
    prepare(path, slot)
    first = start(path)
    time.sleep(1.0)
    assert kill(first).count(CARD_MARK) == 0
    wait_until(slot + timedelta(seconds=1))
    second = start(path)
    wait_for_posts(path, 1)
    assert finish(second).count(CARD_MARK) == 1
    third = start(path)
    time.sleep(2.0)
    assert finish(third).count(CARD_MARK) == 0, "a restart after the catch-up posts nothing more"
    assert daily_posts(path) == 1


def test_down_across_the_slot_catches_up_within_grace_and_not_after(tmp_path: Path):
    recent, stale = tmp_path / "recent.db", tmp_path / "stale.db"
    prepare(recent, now() - timedelta(hours=1))
    prepare(stale, now() - timedelta(hours=3, minutes=5))
    processes = [start(recent), start(stale)]
    wait_for_posts(recent, 1)
    time.sleep(1.0)
    printed = [finish(p).count(CARD_MARK) for p in processes]
    assert printed == [1, 0]
    assert (daily_posts(recent), daily_posts(stale)) == (1, 0)


def test_two_processes_on_one_database_post_once(tmp_path: Path):
    path = tmp_path / "team.db"
    slot = (now() + timedelta(seconds=4)).replace(microsecond=0)
    prepare(path, slot)
    processes = [start(path), start(path)]
    wait_until(slot)
    wait_for_posts(path, 1)
    time.sleep(1.5)
    printed = [finish(p).count(CARD_MARK) for p in processes]
    assert sorted(printed) == [0, 1]
    assert daily_posts(path) == 1
