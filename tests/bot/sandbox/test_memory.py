"""Memory attacks across processes, contained with a memory cgroup and, without one, by the fallback.

The normal run needs a memory cgroup (root, or a delegated cgroup v2 subtree). test_cgroups.py runs
this module again with /sys/fs/cgroup hidden (SCREENPREP_TEST_CGROUPS=hidden), where the pool must
fall back to processes x address space, and SysV shared memory stays blocked by the seccomp filter.
"""

from __future__ import annotations

import asyncio
import json
import os

import pytest
import pytest_asyncio

from bot.sandbox import Limits, SandboxPool, find_launcher
from tests.support.sandbox import ANONYMOUS, leftover_worker_cgroups, run, tree_memory_mb

pytestmark = pytest.mark.asyncio(loop_scope="module")

HIDDEN = os.environ.get("SCREENPREP_TEST_CGROUPS") == "hidden"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def memory_pool():
    limits = Limits(wall_seconds=8.0, case_seconds=6.0, cpu_seconds=6)
    pool = SandboxPool(find_launcher(), size=1, limits=limits)
    await pool.start()
    expected = "no memory cgroup (hidden)" if HIDDEN else "a memory cgroup (root, or Delegate=yes)"
    assert pool.memory_cgroup is not HIDDEN, f"expected {expected}; found {pool.cgroups.describe()}"
    yield pool
    await pool.close()
    assert not leftover_worker_cgroups(pool)


SAMPLING_SKEW_MB = 32
"""Processes are read one at a time while others allocate and get killed: two 16 MiB chunks of slack."""


def budget_mb(pool: SandboxPool, idle_mb: float) -> float:
    """What the worker may hold at most: its cgroup's cap, or the idle worker plus the fallback product."""
    if pool.memory_cgroup:
        return pool.pool_limits.memory_mb + SAMPLING_SKEW_MB
    fallback = pool.pool_limits.fallback(pool.limits)
    return idle_mb + fallback.processes * fallback.memory_mb + SAMPLING_SKEW_MB


async def peak_during(pool: SandboxPool, body: str) -> float:
    """Run hostile code (then check the pool is healthy) while sampling the worker tree's peak MiB."""
    task = asyncio.create_task(run(pool, body))
    peak = 0.0
    while not task.done():
        peak = max(peak, sum(tree_memory_mb(pid, ANONYMOUS) for pid in pool.worker_pids()))
        await asyncio.sleep(0.05)
    await task
    return peak


async def test_forked_children_cannot_hold_more_than_the_budget(memory_pool):
    idle = sum(tree_memory_mb(pid, ANONYMOUS) for pid in memory_pool.worker_pids())
    peak = await peak_during(
        memory_pool,
        """
        import os, time
        def f(x):
            children = []
            for _ in range(8):
                try:
                    child = os.fork()
                except OSError:
                    break
                if child == 0:
                    held = []
                    try:
                        for _ in range(24):
                            held.append(b"\\x01" * (16 << 20))
                    except MemoryError:
                        pass
                    time.sleep(2)
                    os._exit(len(held))
                children.append(child)
            return [os.waitstatus_to_exitcode(os.waitpid(c, 0)[1]) for c in children]
        """,
    )
    assert peak > idle + 150, f"the children should have held memory (idle {idle} MiB, peak {peak} MiB)"
    assert peak <= budget_mb(memory_pool, idle), f"held {peak} MiB; {memory_pool.cgroups.describe()}"


async def test_system_v_shared_memory_of_1_gib_is_refused(memory_pool):
    raw = await run(
        memory_pool,
        """
        import ctypes, errno
        def f(x):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            segment = libc.shmget(0, 1 << 30, 0o1600)
            if segment < 0:
                return errno.errorcode[ctypes.get_errno()]
            address = libc.shmat(segment, None, 0)
            ctypes.memset(address, 1, 1 << 30)
            libc.shmdt(ctypes.c_void_p(address))
            return "held 1 GiB"
        """,
    )
    assert json.loads(raw.result)["tests"][0]["output"] == "EPERM"


async def test_one_process_cannot_take_the_budget(memory_pool):
    raw = await run(memory_pool, "def f(x):\n    return len(b'\\x01' * (1 << 30))\n")
    assert "MemoryError" in raw.result
