"""APScheduler timers at the instants the daily service computes; the database decides what is due.

One timer per channel (its next slot) and one per pending reveal, each with a stable id, plus a
resync every minute that picks up settings changed by another process. Every timer runs the same
idempotent `tick`, so a timer that fires late, twice, or in two processes changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from functools import partial

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.daily._service import DailyService
from bot.schedule import PeriodicJob, next_slot

log = logging.getLogger(__name__)

_PREFIX = "daily:"
_RESYNC_ID = "daily:resync"


class DailyScheduler:
    def __init__(
        self,
        daily: DailyService,
        clock: Callable[[], datetime],
        resync_every: timedelta = timedelta(minutes=1),
    ) -> None:
        self._daily = daily
        self._clock = clock
        self._resync_every = resync_every
        self._lock = asyncio.Lock()
        self._job_locks: list[asyncio.Lock] = []
        self._scheduler: AsyncIOScheduler | None = None
        self._stopped = False

    async def start(self) -> None:
        """Start inside the running loop; a slot missed while down is posted now if within grace."""
        grace = int(self._daily.timing.grace.total_seconds())
        self._scheduler = AsyncIOScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace}
        )
        self._scheduler.start()
        self._daily.on_change(self.sync)
        await self.sync()
        self._scheduler.add_job(
            self.sync, IntervalTrigger(seconds=self._resync_every.total_seconds()), id=_RESYNC_ID
        )

    async def stop(self) -> None:
        """Stop the timers and wait for a sync in progress, so nothing touches a closed database."""
        self._stopped = True
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        for lock in (self._lock, *self._job_locks):
            async with lock:
                pass

    def every(self, seconds: float, job_id: str, job: Callable[[], Awaitable[object]]) -> None:
        """Run another feature's periodic tick under a lock of its own, so a slow one never holds up a
        daily post; `stop` cancels a run in flight and waits until it has unwound."""
        lock = asyncio.Lock()
        self._job_locks.append(lock)

        async def run() -> None:
            async with lock:
                if self._stopped:
                    return
                try:
                    await job()
                except asyncio.CancelledError:
                    log.info("periodic job %s was stopped mid-run by shutdown", job_id)
                except Exception:
                    log.exception("periodic job %s failed; it runs again in %ss", job_id, seconds)

        assert self._scheduler is not None, "start the scheduler first"
        self._scheduler.add_job(run, IntervalTrigger(seconds=seconds), id=job_id, replace_existing=True)

    def run_periodic(self, jobs: Iterable[PeriodicJob]) -> None:
        """Arm every feature's registered periodic job, each called with this scheduler's clock."""
        for periodic in jobs:
            self.every(periodic.seconds, periodic.job_id, partial(self._now, periodic.run))

    def _now(self, run: Callable[[datetime], Awaitable[object]]) -> Awaitable[object]:
        return run(self._clock())

    def timers(self) -> dict[str, datetime]:
        """Pending timers by id, so tests can see what is armed."""
        if self._scheduler is None:
            return {}
        return {job.id: job.next_run_time for job in self._scheduler.get_jobs() if job.id != _RESYNC_ID}

    async def sync(self) -> None:
        """Do whatever is due now, then set one timer per channel and per pending reveal."""
        async with self._lock:
            if self._stopped:
                return
            try:
                await self._sync()
            except Exception:
                log.exception("daily scheduler sync failed; it runs again within a minute")

    async def _sync(self) -> None:
        scheduler = self._scheduler
        assert scheduler is not None
        now = self._clock()
        await self._daily.tick(now)
        wanted: dict[str, datetime] = {}
        channels = await self._daily.channels()
        for channel, settings in channels:
            slot = None if settings.paused else next_slot(settings.schedule, now)
            if slot is not None:
                wanted[f"{_PREFIX}post:{channel.channel_id}"] = slot
        for post_id, _, reveal_at in await self._daily.pending_reveals():
            wanted[f"{_PREFIX}reveal:{post_id}"] = max(reveal_at, now + timedelta(seconds=1))
        for job in scheduler.get_jobs():
            if job.id.startswith(_PREFIX) and job.id != _RESYNC_ID and job.id not in wanted:
                job.remove()
        for job_id, at in wanted.items():
            job = scheduler.get_job(job_id)
            if job is None or job.next_run_time != at:
                scheduler.add_job(self.sync, DateTrigger(at), id=job_id, replace_existing=True)
        log.info(
            "daily sync as of %s: %d channel(s), %d timer(s)", now.isoformat(), len(channels), len(wanted)
        )
