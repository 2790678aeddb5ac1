"""Real `screenprep` processes on one database file: killed, down across the slot, or two at once.

Each case counts the daily posts both in the database and in what the processes printed.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from bot.settings import defaults, save_settings
from storage import open_database
from storage._db import from_db_time

ROOT = Path(__file__).resolve().parents[3]
CARD_MARK = "· Question: "
SYNCED = re.compile(r"daily sync as of (\S+): 1 channel\(s\)")
"""The scheduler's INFO line once it has checked the console's channel: anything due is posted by then."""
LEASE_SECONDS = 1


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


class Bot:
    """One `screenprep console` process whose output is collected as it comes, so tests can poll it."""

    def __init__(self, path: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
        env.update(
            SCREENPREP_SANDBOX="off", SCREENPREP_CLAIM_LEASE=f"{LEASE_SECONDS}s", SCREENPREP_LOG_LEVEL="INFO"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", "--db", str(path), "console", "--channel", "practice"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [
            threading.Thread(target=_collect, args=(self.process.stdout, self.out), daemon=True),
            threading.Thread(target=_collect, args=(self.process.stderr, self.err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def cards(self) -> int:
        return "".join(self.out).count(CARD_MARK)

    def syncs(self) -> list[datetime]:
        """When each daily sync that saw the channel (run after the console attached) read the clock."""
        return [datetime.fromisoformat(m[1]) for line in self.err if (m := SYNCED.search(line))]

    def synced(self, since: datetime | None = None) -> None:
        """Wait for a daily sync (as of `since` or later): whatever it found due is printed by then."""
        poll(
            lambda: any(since is None or at >= since for at in self.syncs()),
            f"a daily sync as of {since or 'any time'}; stderr: {self.err[-5:]}",
        )

    def finish(self) -> str:
        """End the session as a user would (end of input) and return what it printed."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0, "".join(self.err)
        self._join()
        err = "".join(self.err)
        assert "Traceback" not in err and "ERROR" not in err, err
        return "".join(self.out)

    def kill(self) -> str:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._join()
        return "".join(self.out)

    def _join(self) -> None:
        for reader in self._readers:
            reader.join(timeout=10)


def _collect(stream: IO[str] | None, into: list[str]) -> None:
    assert stream is not None
    for line in stream:
        into.append(line)


def poll(condition: Callable[[], bool], what: str, within: float = 30.0) -> None:
    """Check `condition` every 50 ms; fail saying what never happened."""
    end = time.monotonic() + within
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


def wait_until(moment: datetime) -> None:
    """The scenario needs the wall clock past a slot: wait for that instant, not a guessed pause."""
    poll(lambda: now() >= moment, f"the clock to pass {moment:%H:%M:%S.%f}")


def wait_for_posts(path: Path, expected: int) -> None:
    poll(lambda: daily_posts(path) >= expected, f"{expected} daily post(s) in {path.name}")


def lease_lapsed(path: Path) -> bool:
    """No claim on an unposted slot younger than the lease: another process may take it over."""

    async def youngest() -> str | None:
        db = await open_database(path)
        try:
            row = await db.connection.fetchone(
                "SELECT MAX(claimed_at) FROM daily_slots WHERE posted_at IS NULL"
            )
            return row[0] if row else None
        finally:
            await db.close()

    claimed = asyncio.run(youngest())
    return claimed is None or now() - from_db_time(claimed) > timedelta(seconds=LEASE_SECONDS)


def test_sigkill_just_after_the_slot_then_restart_gives_exactly_one_post(tmp_path: Path):
    path = tmp_path / "team.db"
    slot = (now() + timedelta(seconds=4)).replace(microsecond=0)
    prepare(path, slot)
    first = Bot(path)
    first.synced()
    wait_until(slot + timedelta(milliseconds=150))
    printed = first.kill().count(CARD_MARK)
    poll(lambda: lease_lapsed(path), "the dead process's claim lease to run out")
    second = Bot(path)
    second.synced()
    wait_for_posts(path, 1)
    poll(lambda: printed + second.cards() >= 1, "the card to be printed")
    printed += second.finish().count(CARD_MARK)
    assert daily_posts(path) == 1
    assert printed == 1


def test_sigkill_before_the_slot_then_restart_catches_up_once(tmp_path: Path):
    path = tmp_path / "team.db"
    prepare(path, now() + timedelta(hours=1))
    first = Bot(path)
    first.synced()
    assert first.kill().count(CARD_MARK) == 0
    prepare(path, now() - timedelta(seconds=1))  # the slot passes while no process is up
    second = Bot(path)
    second.synced()
    wait_for_posts(path, 1)
    assert second.finish().count(CARD_MARK) == 1
    third = Bot(path)
    third.synced()
    assert third.finish().count(CARD_MARK) == 0, "a restart after the catch-up posts nothing more"
    assert daily_posts(path) == 1


def test_down_across_the_slot_catches_up_within_grace_and_not_after(tmp_path: Path):
    recent, stale = tmp_path / "recent.db", tmp_path / "stale.db"
    prepare(recent, now() - timedelta(hours=1))
    prepare(stale, now() - timedelta(hours=3, minutes=5))
    bots = [Bot(recent), Bot(stale)]
    for bot in bots:
        bot.synced()
    printed = [bot.finish().count(CARD_MARK) for bot in bots]
    assert printed == [1, 0]
    assert (daily_posts(recent), daily_posts(stale)) == (1, 0)


def test_two_processes_on_one_database_post_once(tmp_path: Path):
    path = tmp_path / "team.db"
    slot = (now() + timedelta(seconds=4)).replace(microsecond=0)
    prepare(path, slot)
    bots = [Bot(path), Bot(path)]
    for bot in bots:
        bot.synced()
    for bot in bots:
        bot.synced(since=slot)
    printed = [bot.finish().count(CARD_MARK) for bot in bots]
    assert sorted(printed) == [0, 1]
    assert daily_posts(path) == 1
