"""A pool of warm sandbox workers behind an async queue, replacing any worker that misbehaves."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import shutil
import socket
import tempfile
import time
from collections import Counter, deque
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any

from bot.sandbox._cgroups import CgroupHost, WorkerCgroup, create_worker_cgroup, detect_cgroups
from bot.sandbox._channel import ControlChannel, WorkerFailed, close_all, read_result, send_job
from bot.sandbox._launch import SANDBOX_ENV, Launcher, program_source
from bot.sandbox._limits import Limits, PoolLimits

log = logging.getLogger(__name__)

_START_TIMEOUT = 30.0
_REPLY_GRACE = 5.0
JOBS_PER_PERSON = 3
"""Jobs one person may have queued or running at once; more only make everyone else wait."""


class QueueFull(Exception):
    """This person already has their share of jobs queued or running."""


@dataclass(frozen=True)
class RawRun:
    """What came back from one job, still untrusted: `result` is the harness's JSON text, if any."""

    exit_code: int
    timed_out: bool
    too_large: bool
    elapsed_ms: float
    result: str | None
    cold: bool = False


@dataclass(frozen=True)
class WorkerPlan:
    """What every worker of a pool starts with."""

    launcher: Launcher
    limits: Limits
    pool_limits: PoolLimits
    cgroups: CgroupHost
    workdir: str | None

    def settings(self, *, memory_cgroup: bool) -> dict[str, Any]:
        """The zygote's settings; a worker without a memory cgroup gets the fallback job limits."""
        limits = self.limits if memory_cgroup else self.pool_limits.fallback(self.limits)
        return {"limits": limits.as_job(), "isolate": self.launcher.isolated, "workdir": self.workdir}


class Worker:
    """One bubblewrap sandbox running a warm zygote; it runs one job at a time."""

    _names = itertools.count(1)

    def __init__(self, plan: WorkerPlan) -> None:
        self._plan = plan
        self.name = f"worker-{os.getpid()}-{next(self._names)}"
        self._process: asyncio.subprocess.Process | None = None
        self._cgroup: WorkerCgroup | None = None
        self._stderr_task: asyncio.Task | None = None
        self._channel: ControlChannel | None = None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def memory_cgroup(self) -> bool:
        return self._cgroup is not None and "memory" in self._cgroup.directories

    @property
    def process_cgroup(self) -> bool:
        return self._cgroup is not None and "pids" in self._cgroup.directories

    async def start(self) -> dict[str, Any]:
        launcher = self._plan.launcher
        parent_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with zygote_end:
            self._cgroup = create_worker_cgroup(self._plan.cgroups, self.name, self._plan.pool_limits)
            join = self._cgroup.procs_files if self._cgroup else None
            try:
                self._process = await asyncio.create_subprocess_exec(
                    *launcher.command(program_source(), str(zygote_end.fileno()), join=join),
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                    pass_fds=(zygote_end.fileno(),),
                    env=SANDBOX_ENV,
                    cwd="/",
                    **launcher.credentials(joining=join is not None),
                )
            except OSError as exc:
                parent_end.close()
                await self.stop()
                raise WorkerFailed(f"{self.name} could not be started: {exc}") from exc
        self._channel = ControlChannel(parent_end, self.name)
        self._stderr_task = asyncio.create_task(self._drain_stderr())
        try:
            self._channel.send(self._plan.settings(memory_cgroup=self.memory_cgroup))
            ready, _ = await asyncio.wait_for(self._channel.expect("ready"), _START_TIMEOUT)
            return ready
        except (TimeoutError, WorkerFailed) as exc:
            await self.stop()
            raise WorkerFailed(f"{self.name} did not start: {exc}") from exc

    @property
    def _control(self) -> ControlChannel:
        """The control channel, which only a started worker has."""
        if self._channel is None:
            raise WorkerFailed(f"{self.name} is not running")
        return self._channel

    async def run(self, job: bytes, limits: Limits) -> RawRun:
        """Write the job into its prepared process and read the result back, within the wall clock."""
        if not self.alive or self._channel is None:
            raise WorkerFailed(f"{self.name} is not running")
        try:
            async with asyncio.timeout(_REPLY_GRACE):
                _, pipes = await self._channel.expect("prepared")
        except TimeoutError as exc:
            raise WorkerFailed(f"{self.name} prepared no job process") from exc
        if len(pipes) != 2:
            close_all(pipes)
            raise WorkerFailed(f"{self.name} handed over {len(pipes)} pipes")
        started = time.perf_counter()
        result, timed_out, too_large = await self._exchange(pipes, job, limits)
        elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        exit_code = 0
        if result is None and not (timed_out or too_large):
            exit_code = await self._exit_code()
        text = None if result is None else result.decode("utf-8", "replace")
        return RawRun(exit_code, timed_out, too_large, elapsed_ms, text)

    async def _exchange(
        self, pipes: list[int], job: bytes, limits: Limits
    ) -> tuple[bytes | None, bool, bool]:
        """(result, timed out, too large); closing the job pipe is what lets the job start."""
        job_pipe, result_pipe = pipes
        result, timed_out, too_large = None, False, False
        try:
            async with asyncio.timeout(limits.wall_seconds):
                try:
                    await send_job(job_pipe, job)
                finally:
                    os.close(job_pipe)
                result, too_large = await read_result(result_pipe, limits.result_bytes)
        except TimeoutError:
            timed_out = True
        finally:
            os.close(result_pipe)
            with contextlib.suppress(WorkerFailed):
                self._control.send({"done": True})
        return result, timed_out, too_large

    async def _exit_code(self) -> int:
        """How a job that left no result ended: 128 + signal when it was killed (shell convention)."""
        try:
            async with asyncio.timeout(_REPLY_GRACE):
                message, _ = await self._control.expect("exit")
        except TimeoutError as exc:
            raise WorkerFailed(f"{self.name} did not report how the job ended") from exc
        return int(message["exit"])

    async def _drain_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        lines = 0
        while line := await self._process.stderr.readline():
            if lines < 50:
                log.warning("%s stderr: %s", self.name, line.decode(errors="replace").rstrip()[:300])
            lines += 1

    async def stop(self) -> None:
        if self._channel is not None:
            self._channel.close()
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
            await self._process.wait()
        if self._stderr_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._stderr_task
        if self._cgroup is not None:
            await self._cgroup.remove()
            self._cgroup = None


class FairQueue:
    """Hands free workers to waiting jobs round-robin across people: whoever was served longest ago first.

    Each person has at most `per_person` jobs queued or running. A job with no person is a person of
    its own, so untagged jobs (benchmarks, fallbacks) wait in arrival order.
    """

    def __init__(self, per_person: int) -> None:
        self.per_person = per_person
        self._idle: deque[Worker] = deque()
        self._waiting: dict[Hashable, deque[asyncio.Future[Worker]]] = {}
        self._active: Counter[Hashable] = Counter()
        self._served: dict[Hashable, int] = {}
        self._turns = itertools.count()

    def admits(self, person: Hashable) -> bool:
        return self._active[person] < self.per_person

    def enter(self, person: Hashable | None) -> Hashable:
        """Count a job against its person's share (refusing it when full); returns its queue key."""
        key = object() if person is None else person
        if not self.admits(key):
            raise QueueFull(f"{self.per_person} jobs already queued or running")
        self._active[key] += 1
        return key

    def leave(self, key: Hashable) -> None:
        self._active[key] -= 1
        if self._active[key] <= 0:
            del self._active[key]
            self._served.pop(key, None)

    async def acquire(self, key: Hashable) -> Worker:
        future: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, deque()).append(future)
        self._dispatch()
        try:
            return await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release(future.result())
            else:
                self._withdraw(key, future)
            raise

    def release(self, worker: Worker) -> None:
        self._idle.append(worker)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._idle and self._waiting:
            key = min(self._waiting, key=lambda person: self._served.get(person, -1))
            future = self._waiting[key].popleft()
            if not self._waiting[key]:
                del self._waiting[key]
            if not future.done():
                self._served[key] = next(self._turns)
                future.set_result(self._idle.popleft())

    def _withdraw(self, key: Hashable, future: asyncio.Future[Worker]) -> None:
        waiting = self._waiting.get(key)
        if waiting is not None and future in waiting:
            waiting.remove(future)
            if not waiting:
                del self._waiting[key]


class SandboxPool:
    """Warm workers (one per core by default); extra jobs wait in a fair queue for a free worker."""

    def __init__(
        self,
        launcher: Launcher,
        *,
        size: int | None = None,
        limits: Limits | None = None,
        pool_limits: PoolLimits | None = None,
        jobs_per_person: int = JOBS_PER_PERSON,
    ) -> None:
        self.launcher = launcher
        self.size = size or os.cpu_count() or 1
        self.limits = limits or Limits()
        self.pool_limits = pool_limits or PoolLimits()
        self._queue = FairQueue(jobs_per_person)
        self._workers: set[Worker] = set()
        self._retired: set[Worker] = set()
        self._replacements: set[asyncio.Task] = set()
        self.info: dict[str, Any] = {}
        self.cgroups = CgroupHost(None, {}, "the pool has not started")
        self._plan: WorkerPlan | None = None
        self._workdir = None if launcher.isolated else _job_directory(launcher)

    @property
    def memory_cgroup(self) -> bool:
        """Whether every worker's processes share a memory cap, not just rlimits per process."""
        return bool(self._workers) and all(w.memory_cgroup for w in self._workers)

    @property
    def process_cgroup(self) -> bool:
        """Whether every worker has a memory and a pids cap, which bind root as well."""
        return self.memory_cgroup and all(w.process_cgroup for w in self._workers)

    async def start(self) -> None:
        self.cgroups = (
            detect_cgroups()
            if self.launcher.can_join_cgroups
            else CgroupHost(None, {}, "root needs setpriv (util-linux) to join cgroups")
        )
        self._plan = WorkerPlan(self.launcher, self.limits, self.pool_limits, self.cgroups, self._workdir)
        workers = [Worker(self._plan) for _ in range(self.size)]
        self._workers.update(workers)
        started = await asyncio.gather(*(w.start() for w in workers), return_exceptions=True)
        failures = [outcome for outcome in started if isinstance(outcome, BaseException)]
        if failures:
            raise failures[0]
        self.info = next(outcome for outcome in started if not isinstance(outcome, BaseException))
        for worker in workers:
            self._queue.release(worker)

    async def close(self) -> None:
        """Stop every worker, including ones being replaced: each removes its cgroup on the way out."""
        for task in list(self._replacements):
            task.cancel()
        await asyncio.gather(*self._replacements, return_exceptions=True)
        await asyncio.gather(*(w.stop() for w in self._workers | self._retired))
        self._workers.clear()
        self._retired.clear()
        self.cgroups.release()
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        return [w.pid for w in self._workers if w.pid is not None]

    @property
    def jobs_per_person(self) -> int:
        return self._queue.per_person

    def admits(self, person: Hashable) -> bool:
        """Whether this person may queue another job now."""
        return self._queue.admits(person)

    async def run(self, job: dict[str, Any], person: Hashable | None = None) -> RawRun:
        """Run one job on a warm worker, or on a cold one-off sandbox if the worker fails.

        Raises QueueFull, before waiting, when the person already has their share queued or running.
        """
        key = self._queue.enter(person)
        try:
            worker = await self._queue.acquire(key)
            return await self._run_on(worker, job)
        finally:
            self._queue.leave(key)

    async def _run_on(self, worker: Worker, job: dict[str, Any]) -> RawRun:
        try:
            raw = await worker.run(json.dumps(job).encode(), self.limits)
        except WorkerFailed as exc:
            log.warning("sandbox worker failed (%s); replacing it and running the job cold", exc)
            self._replace(worker)
            return await self.run_cold(job)
        if worker.alive:
            self._queue.release(worker)
        else:
            self._replace(worker)
        return raw

    async def run_cold(self, job: dict[str, Any]) -> RawRun:
        """A fresh sandbox for one job: the fallback path, and the benchmark's cold measurement."""
        started = time.perf_counter()
        worker = Worker(self._require_plan())
        try:
            await worker.start()
            raw = await worker.run(json.dumps(job).encode(), self.limits)
        finally:
            await worker.stop()
        return replace(raw, elapsed_ms=round((time.perf_counter() - started) * 1000, 2), cold=True)

    def _require_plan(self) -> WorkerPlan:
        if self._plan is None:
            raise WorkerFailed("the sandbox pool has not been started")
        return self._plan

    def _replace(self, worker: Worker) -> None:
        self._workers.discard(worker)
        self._retired.add(worker)
        task = asyncio.create_task(self._respawn(worker))
        self._replacements.add(task)
        task.add_done_callback(self._replacements.discard)

    async def _respawn(self, broken: Worker) -> None:
        await broken.stop()
        self._retired.discard(broken)
        for attempt in range(5):
            worker = Worker(self._require_plan())
            self._workers.add(worker)  # so that close() stops it even if it is cancelled mid-start
            try:
                await worker.start()
            except WorkerFailed as exc:
                self._workers.discard(worker)
                log.warning("could not start a replacement worker (attempt %d): %s", attempt + 1, exc)
                await asyncio.sleep(0.5 * (attempt + 1))
                continue
            self._queue.release(worker)
            return
        log.error("gave up replacing a sandbox worker; the pool has %d left", len(self._workers))


def _job_directory(launcher: Launcher) -> str:
    """Where unsandboxed jobs get their scratch folders, owned by the uid the workers run as."""
    path = tempfile.mkdtemp(prefix="screenprep-jobs-")
    credentials = launcher.credentials()
    if "user" in credentials and "group" in credentials:
        os.chown(path, credentials["user"], credentials["group"])
    return path
