"""Hostile results for the trusted side, and a probe of the event loop's longest step while they are judged.

Shared by the hostile suite and `bench/judging.py`. Each submission answers the k-means question; the
ones that forge a frame find the result pipe (the only writable pipe a job holds) and write to it
directly, as any job could, then exit before the harness writes its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import textwrap

FRAME_WRITER = """
import fcntl, os, stat

def kmeans(X, k, iters=300):
    frame = {payload}
    data = memoryview(len(frame).to_bytes(4, "big") + frame)
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            writable = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY
            result_pipe = writable and stat.S_ISFIFO(os.fstat(fd).st_mode)
        except OSError:
            continue
        while result_pipe and data:
            data = data[os.write(fd, data):]
    os._exit(0)
"""


def forged(payload: str) -> str:
    """A submission that writes `payload` (a bytes expression) as its own result frame."""
    return FRAME_WRITER.format(payload=payload)


def returning(expression: str) -> str:
    """A submission whose function returns `expression`, framed by the real harness."""
    return textwrap.dedent(f"""
        def kmeans(X, k, iters=300):
            return {expression}
    """)


def _case_frame(entry: str) -> str:
    return f"""b'{{"tests": [' + {entry} + b'], "stdout": ""}}'"""


HOSTILE = {
    "100,000-deep nesting": (
        forged(
            _case_frame(
                """b'{"output": ' + b"[" * 100_000 + b"]" * 100_000 + b', "warnings": [], "ms": 1}'"""
            )
        ),
        "nested more than 100 levels deep",
    ),
    "a wrong-typed field": (
        forged(_case_frame("""b'{"error": "boom", "ms": 1}'""")),
        "`tests[0].error` should be an object, got text",
    ),
    "a 5,000-digit integer": (
        forged(_case_frame("""b'{"output": ' + b"9" * 5000 + b', "warnings": [], "ms": 1}'""")),
        "an integer with 5,000 digits",
    ),
    "10**400 returned": (returning("10**400"), "an integer with 401 digits"),
    "a 7 MB error message": (
        forged(
            _case_frame(
                """b'{"error": {"type": "E", "message": "' + b"m" * 7_000_000"""
                """ + b'", "line": null, "source": ""}, "ms": 1}'"""
            )
        ),
        "E: mmmm",
    ),
    "a million values": (
        forged(_case_frame("""b'{"output": [' + b"0," * 999_999 + b'0], "warnings": [], "ms": 1}'""")),
        "more than 200,000 values",
    ),
    "a result over the size cap": (returning('"x" * 9_000_000'), "too much data"),
}
"""Name: (submission, what its verdict must say)."""


class LoopLag:
    """The event loop's longest step while in use, seen as how late a short heartbeat wakes up."""

    PERIOD = 0.005

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._beat())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.PERIOD)
            self.longest = max(self.longest, loop.time() - before - self.PERIOD)
