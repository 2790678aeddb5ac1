"""The events a platform adapter is handling right now, so a shutdown lets them finish first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

CANCEL_WAIT_SECONDS = 1.0
"""How long cancelled handlers get to unwind before the connection closes anyway."""


class InFlight:
    """Tasks inside `track()`; `drain` waits for them, then cancels whatever is still running."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()

    @contextmanager
    def track(self) -> Iterator[None]:
        """Count the current task as in flight until the block ends."""
        task = asyncio.current_task()
        if task is None:
            yield
            return
        self._tasks.add(task)
        try:
            yield
        finally:
            self._tasks.discard(task)

    def running(self) -> set[asyncio.Task[object]]:
        """Unfinished tracked tasks other than the caller (a handler may itself start the shutdown)."""
        return {task for task in self._tasks if not task.done() and task is not asyncio.current_task()}

    async def drain(self, grace: float) -> int:
        """Let tracked tasks finish for up to `grace` seconds, cancel the rest; how many were cancelled."""
        running = self.running()
        if not running:
            return 0
        _done, pending = await asyncio.wait(running, timeout=grace)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=CANCEL_WAIT_SECONDS)
        return len(pending)
