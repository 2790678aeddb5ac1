"""Runs code answers in the sandbox pool, started in the background so the bot serves meanwhile.

How a run is judged is in `_judging`, loaded with the first code answer (it needs numpy and the
task modules, which the console does not need to start).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Hashable
from typing import TYPE_CHECKING, Any

from bot.checks._verdict import Verdict
from bot.errors import UserError

if TYPE_CHECKING:
    from bot.sandbox import SandboxPool


class TooManyChecks(UserError):
    """A person already has their share of code checks queued or running."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"You have {limit} code checks waiting; wait for their verdicts.")


PoolStart = Callable[[], Coroutine[Any, Any, "SandboxPool | None"]]
"""Starts the pool code runs on; None when no pool could start."""


class CodeChecker:
    """Runs a question's hidden checks against submitted code in the sandbox pool.

    Given a way to start the pool instead of a pool, it starts it in the background on `warm` (or on
    the first code answer, which waits for it), so the bot serves everything else meanwhile.
    """

    UNISOLATED_PLATFORMS = frozenset({"console"})
    """Where code may run without the sandbox: the terminal, where it is the user's own machine."""

    def __init__(self, pool: SandboxPool | PoolStart) -> None:
        self._start = pool if callable(pool) else None
        self._pool = None if callable(pool) else pool
        self._starting: asyncio.Task[SandboxPool | None] | None = None

    def warm(self) -> None:
        """Start the pool in the background if it is not started yet."""
        if self._start is not None and self._starting is None:
            self._starting = asyncio.create_task(self._start(), name="sandbox-start")

    async def ready(self) -> bool:
        """Wait for the pool (starting it if need be); False when none could start."""
        self.warm()
        if self._starting is not None:
            self._pool = await asyncio.shield(self._starting)
        return self._pool is not None

    async def close(self) -> None:
        """Stop the pool; a start in progress finishes first (a worker cut off mid-start may never exit)."""
        if self._starting is not None:
            self._pool = await asyncio.shield(self._starting)
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> SandboxPool:
        if self._pool is None:
            raise LookupError("the sandbox pool is not running; await ready() first")
        return self._pool

    @property
    def isolated(self) -> bool:
        return self.pool.launcher.isolated

    def runs_for(self, platform: str) -> bool:
        """Team platforms never run code outside the sandbox."""
        return self.isolated or platform in self.UNISOLATED_PLATFORMS

    @property
    def refusal(self) -> str:
        if self._pool is None:
            return "automatic code checks could not start on this bot (see `screenprep doctor`)."
        return "this server has no working sandbox (bubblewrap with user namespaces)."

    def admit(self, person: Hashable) -> None:
        """Refuse before acknowledging when this person's checks already fill their share of the queue."""
        if not self.pool.admits(person):
            raise TooManyChecks(self.pool.jobs_per_person)

    async def check(self, question_id: str, code: str, seed: int, person: Hashable | None = None) -> Verdict:
        """Run and judge one submission; checks of different people are served round-robin."""
        from bot.checks import _judging  # numpy and the task modules: loaded by the first code answer
        from bot.sandbox._pool import QueueFull

        task, cases = _judging.seeded_cases(question_id, seed)
        problem = _judging.query_problem(code, self.pool.limits) if _judging.is_sql(task) else None
        if problem:
            return Verdict(question_id, False, tuple(_judging.error_results(cases, problem)), "", 0.0, seed)
        started = time.perf_counter()
        try:
            raw = await self.pool.run(_judging.task_job(task, code, cases), person=person)
        except QueueFull as exc:
            raise TooManyChecks(self.pool.jobs_per_person) from exc
        duration = round((time.perf_counter() - started) * 1000, 1)
        tests, stdout = await _judging.judge_off_loop(_judging.function_of(task), cases, raw)
        passed = all(t.status == "pass" for t in tests if t.kind == "required")
        return Verdict(question_id, passed, tuple(tests), stdout, duration, seed)
