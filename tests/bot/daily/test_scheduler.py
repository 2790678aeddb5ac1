"""The APScheduler timers at real speed: a slot two seconds away is posted when it comes, once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot import Core
from bot.daily import DailyScheduler
from bot.settings import defaults, save_settings
from storage import Database
from tests.support.flow import Flow


def wall_clock() -> datetime:
    return datetime.now(UTC)


async def schedule_in(db: Database, flow: Flow, seconds: float) -> datetime:
    """Set the flow's channel to post every day at a time `seconds` from now (UTC, to the second)."""
    await flow.command("settings")
    (channel,) = await db.settings.channels((flow.where.platform,))
    slot = (wall_clock() + timedelta(seconds=seconds)).replace(microsecond=0)
    settings = defaults(channel.channel_id, slot - timedelta(hours=1)).changed(
        post_time=slot.time(), weekdays=frozenset(range(7))
    )
    await save_settings(db, settings, wall_clock())
    return slot


async def until(predicate, deadline: float = 10.0) -> None:
    """Poll with a deadline; the timer fires in the loop, so the test must yield to it."""
    for _ in range(int(deadline / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("nothing was posted before the deadline")


async def test_a_near_future_slot_fires_at_real_speed_once(db, test_bank):
    core = Core(db, test_bank)
    flow = Flow(core).as_user("boss", admin=True)
    slot = await schedule_in(db, flow, 2)
    scheduler = DailyScheduler(core.daily, core.clock)
    await scheduler.start()
    try:
        core.attach(flow.where.platform, flow.outbox)
        await until(lambda: any(s.reply.kind == "question" for s in flow.outbox.sent))
        posted_at = wall_clock()
        assert slot <= posted_at < slot + timedelta(seconds=3), "posted at the slot, not before, not late"
        await asyncio.sleep(1.0)
        assert sum(s.reply.kind == "question" for s in flow.outbox.sent) == 1
        timers = scheduler.timers()
        post_timer = next(at for job, at in timers.items() if job.startswith("daily:post:"))
        assert post_timer == slot + timedelta(days=1), "the channel's timer moved on to tomorrow's slot"
        assert any(job.startswith("daily:reveal:") for job in timers), "the reveal has its own timer"
    finally:
        await scheduler.stop()
