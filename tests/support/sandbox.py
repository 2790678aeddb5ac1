"""A real bubblewrap pool for a module's tests, with canary secrets in the bot's environment and keyring."""

from __future__ import annotations

import asyncio
import ctypes
import os
import re
import textwrap
from pathlib import Path

import pytest_asyncio

from bot.checks import judge
from bot.sandbox import Limits, SandboxPool, find_launcher
from questions.tasks import Case

CANARY = "canary-7f3a9c-never-leak"
CANARY_KEY = "screenprep-canary-key"
"""Description of a key the test process holds in its session keyring while the pool runs."""
KEY_SPEC_SESSION_KEYRING = -3


def descendants(pid: int) -> list[int]:
    """Every process below pid, from /proc, to prove a job left nothing running."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def tree_memory_mb(pid: int, fields: tuple[str, ...] = ("Pss",)) -> float:
    """Proportional set size of a process and all below it, so shared pages are not double counted.

    `fields=ANONYMOUS` counts only the memory a job can grow: not the shared, read-only library pages.
    """
    total = 0
    for member in [pid, *descendants(pid)]:
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        for field in fields:
            found = re.search(rf"^{field}:\s+(\d+)", rollup, re.M)
            total += int(found.group(1)) if found else 0
    return round(total / 1024, 1)


ANONYMOUS = ("Pss_Anon", "Pss_Shmem")


def leftover_worker_cgroups(pool: SandboxPool) -> list[Path]:
    """This process's worker cgroups still on disk: none may outlive a closed pool."""
    parents = set(pool.cgroups.parents.values())
    return [group for parent in parents for group in parent.glob(f"worker-{os.getpid()}-*")]


class Keyring:
    """libkeyutils through ctypes: the bot side's view of its own session keyring."""

    def __init__(self) -> None:
        self._lib = ctypes.CDLL("libkeyutils.so.1", use_errno=True)
        self._lib.add_key.restype = ctypes.c_int32
        self._lib.add_key.argtypes = [
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_int32,
        ]
        self._lib.keyctl_search.restype = ctypes.c_long
        self._lib.keyctl_search.argtypes = [ctypes.c_int32, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int32]
        self._lib.keyctl_unlink.argtypes = [ctypes.c_int32, ctypes.c_int32]

    def plant(self, description: str, payload: bytes) -> int:
        name = description.encode()
        key = self._lib.add_key(b"user", name, payload, len(payload), KEY_SPEC_SESSION_KEYRING)
        assert key > 0, f"cannot add a key to the session keyring: {os.strerror(ctypes.get_errno())}"
        return key

    def find(self, description: str) -> int | None:
        key = self._lib.keyctl_search(KEY_SPEC_SESSION_KEYRING, b"user", description.encode(), 0)
        return key if key > 0 else None

    def unlink(self, key: int) -> None:
        self._lib.keyctl_unlink(key, KEY_SPEC_SESSION_KEYRING)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sandbox_pool():
    launcher = find_launcher()
    assert launcher.isolated, "bubblewrap is required: apt-get install bubblewrap python3-numpy"
    os.environ["SCREENPREP_CANARY_TOKEN"] = CANARY
    keyring = Keyring()
    key = keyring.plant(CANARY_KEY, CANARY.encode())
    sandbox = SandboxPool(launcher, size=2, limits=Limits(wall_seconds=6.0, case_seconds=2.0, cpu_seconds=4))
    await sandbox.start()
    yield sandbox
    await sandbox.close()
    keyring.unlink(key)
    assert not leftover_worker_cgroups(sandbox)
    del os.environ["SCREENPREP_CANARY_TOKEN"]


ECHO = Case("echo", "required", (21,), lambda out: None if out == 42 else f"expected 42, got {out!r}")


def job(body: str, function: str = "f", args: tuple = (21,)) -> dict:
    return {"code": textwrap.dedent(body), "function": function, "cases": [{"args": list(args)}]}


IDLE_WORKER_PROCESSES = 4
"""bubblewrap's init, the zygote, and the next job's prepared parent and pid-1 process."""


async def settled(pool, deadline: float = 5.0) -> dict[int, int]:
    """Each worker's process count once it is idle again, polled until the deadline."""
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline
    while True:
        counts = {pid: len(descendants(pid)) for pid in pool.worker_pids()}
        if all(c == IDLE_WORKER_PROCESSES for c in counts.values()) or loop.time() > end:
            return counts
        await asyncio.sleep(0.02)


async def run(pool, body: str):
    """Run hostile code, then prove the pool still answers correctly and no job process survived."""
    raw = await pool.run(job(body))
    healthy = await pool.run(job("def f(x):\n    return 2 * x\n"))
    tests, _ = judge("f", [ECHO], healthy)
    assert tests[0].status == "pass", f"pool unhealthy after hostile code: {tests[0].message}"
    counts = await settled(pool)
    assert set(counts.values()) == {IDLE_WORKER_PROCESSES}, f"a job left processes behind: {counts}"
    return raw
