"""A pool of warm sandbox workers behind an async queue, replacing any worker that misbehaves."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from bot.sandbox._cgroups import WorkerCgroup, create_worker_cgroup
from bot.sandbox._launch import SANDBOX_ENV, Launcher, program_source
from bot.sandbox._limits import Limits, PoolLimits

log = logging.getLogger(__name__)

_START_TIMEOUT = 30.0
_REPLY_GRACE = 5.0
_MAX_FRAME = 64 * 1024 * 1024


class WorkerFailed(Exception):
    """The worker died or broke protocol; the job may be retried on another worker."""


@dataclass(frozen=True)
class RawRun:
    """What came back from one job, still untrusted: `result` is the harness's JSON text, if any."""

    exit_code: int
    timed_out: bool
    too_large: bool
    elapsed_ms: float
    result: str | None
    cold: bool = False


class Worker:
    """One bubblewrap sandbox running a warm zygote; it runs one job at a time."""

    _names = itertools.count(1)

    def __init__(self, launcher: Launcher, settings: dict[str, Any], pool_limits: PoolLimits) -> None:
        self._launcher = launcher
        self._settings = settings
        self._pool_limits = pool_limits
        self.name = f"worker-{os.getpid()}-{next(self._names)}"
        self._process: asyncio.subprocess.Process | None = None
        self._cgroup: WorkerCgroup | None = None
        self._stderr_task: asyncio.Task | None = None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    async def start(self) -> dict[str, Any]:
        command = self._launcher.command(program_source())
        if self._launcher.isolated:
            self._cgroup = create_worker_cgroup(self.name, self._pool_limits)
        if self._cgroup is not None:
            join = 'echo $$ > "$1" && echo $$ > "$2" && shift 2 && exec "$@"'
            command = ["/bin/sh", "-c", join, "sh", *map(str, self._cgroup.procs_files), *command]
        self._process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=SANDBOX_ENV,
            cwd="/",
            limit=_MAX_FRAME,
            **self._launcher.credentials(),
        )
        self._stderr_task = asyncio.create_task(self._drain_stderr())
        try:
            await self._send(self._settings)
            return await asyncio.wait_for(self._receive(), _START_TIMEOUT)
        except (TimeoutError, WorkerFailed, ConnectionError) as exc:
            await self.stop()
            raise WorkerFailed(f"{self.name} did not start: {exc}") from exc

    async def run(self, job: dict[str, Any], wall_seconds: float) -> dict[str, Any]:
        if not self.alive:
            raise WorkerFailed(f"{self.name} is not running")
        try:
            await self._send(job)
            return await asyncio.wait_for(self._receive(), wall_seconds + _REPLY_GRACE)
        except (TimeoutError, ConnectionError, BrokenPipeError) as exc:
            raise WorkerFailed(f"{self.name}: {type(exc).__name__}") from exc

    async def _send(self, message: dict[str, Any]) -> None:
        assert self._process is not None and self._process.stdin is not None
        data = json.dumps(message).encode()
        self._process.stdin.write(struct.pack(">I", len(data)) + data)
        await self._process.stdin.drain()

    async def _receive(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        try:
            header = await self._process.stdout.readexactly(4)
            size = struct.unpack(">I", header)[0]
            if size > _MAX_FRAME:
                raise WorkerFailed(f"{self.name} sent a {size}-byte frame")
            return json.loads(await self._process.stdout.readexactly(size))
        except (asyncio.IncompleteReadError, json.JSONDecodeError) as exc:
            raise WorkerFailed(f"{self.name} closed or garbled its channel") from exc

    async def _drain_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        lines = 0
        while line := await self._process.stderr.readline():
            if lines < 50:
                log.warning("%s stderr: %s", self.name, line.decode(errors="replace").rstrip()[:300])
            lines += 1

    async def stop(self) -> None:
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
            await self._process.wait()
        if self._stderr_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._stderr_task
        if self._cgroup is not None:
            self._cgroup.remove()


class SandboxPool:
    """Warm workers (one per core by default); extra jobs wait in the queue for a free worker."""

    def __init__(
        self,
        launcher: Launcher,
        *,
        size: int | None = None,
        limits: Limits | None = None,
        pool_limits: PoolLimits | None = None,
    ) -> None:
        self.launcher = launcher
        self.size = size or os.cpu_count() or 1
        self.limits = limits or Limits()
        self._pool_limits = pool_limits or PoolLimits()
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._workers: set[Worker] = set()
        self._replacements: set[asyncio.Task] = set()
        self.info: dict[str, Any] = {}
        self._workdir = None if launcher.isolated else _job_directory(launcher)
        self._settings = {
            "limits": self.limits.as_job(),
            "isolate": launcher.isolated,
            "workdir": self._workdir,
        }

    async def start(self) -> None:
        workers = [Worker(self.launcher, self._settings, self._pool_limits) for _ in range(self.size)]
        infos = await asyncio.gather(*(w.start() for w in workers))
        self.info = infos[0]
        for worker in workers:
            self._workers.add(worker)
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        for task in list(self._replacements):
            task.cancel()
        await asyncio.gather(*self._replacements, return_exceptions=True)
        await asyncio.gather(*(w.stop() for w in self._workers))
        self._workers.clear()
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        return [w.pid for w in self._workers if w.pid is not None]

    async def run(self, job: dict[str, Any]) -> RawRun:
        """Run one job on a warm worker, or on a cold one-off sandbox if the worker fails."""
        worker = await self._idle.get()
        try:
            reply = await worker.run(job, self.limits.wall_seconds)
        except WorkerFailed as exc:
            log.warning("sandbox worker failed (%s); replacing it and running the job cold", exc)
            self._replace(worker)
            return await self.run_cold(job)
        if worker.alive:
            self._idle.put_nowait(worker)
        else:
            self._replace(worker)
        return _raw(reply, cold=False)

    async def run_cold(self, job: dict[str, Any]) -> RawRun:
        """A fresh sandbox for one job: the fallback path, and the benchmark's cold measurement."""
        started = time.perf_counter()
        worker = Worker(self.launcher, self._settings, self._pool_limits)
        try:
            await worker.start()
            reply = await worker.run(job, self.limits.wall_seconds)
        finally:
            await worker.stop()
        reply["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return _raw(reply, cold=True)

    def _replace(self, worker: Worker) -> None:
        self._workers.discard(worker)
        task = asyncio.create_task(self._respawn(worker))
        self._replacements.add(task)
        task.add_done_callback(self._replacements.discard)

    async def _respawn(self, broken: Worker) -> None:
        await broken.stop()
        for attempt in range(5):
            worker = Worker(self.launcher, self._settings, self._pool_limits)
            try:
                await worker.start()
            except WorkerFailed as exc:
                log.warning("could not start a replacement worker (attempt %d): %s", attempt + 1, exc)
                await asyncio.sleep(0.5 * (attempt + 1))
                continue
            self._workers.add(worker)
            self._idle.put_nowait(worker)
            return
        log.error("gave up replacing a sandbox worker; the pool has %d left", len(self._workers))


def _job_directory(launcher: Launcher) -> str:
    """Where unsandboxed jobs get their scratch folders, owned by the uid the workers run as."""
    path = tempfile.mkdtemp(prefix="screenprep-jobs-")
    credentials = launcher.credentials()
    if credentials:
        os.chown(path, int(credentials["user"]), int(credentials["group"]))
    return path


def _raw(reply: dict[str, Any], *, cold: bool) -> RawRun:
    return RawRun(
        int(reply["exit"]),
        bool(reply["timed_out"]),
        bool(reply["too_large"]),
        float(reply["elapsed_ms"]),
        reply.get("result"),
        cold,
    )
