"""Worker cgroups on this host: always removed, killed on v2, and the memory cases without any cgroup."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.sandbox import Limits, SandboxPool, find_launcher
from bot.sandbox._cgroups import CGROUP_ROOT, CgroupVersion, WorkerCgroup, detect_cgroups
from tests.support.sandbox import job, leftover_worker_cgroups

REPOSITORY = Path(__file__).resolve().parents[3]
HIDE_CGROUPS = 'mount -t tmpfs -o size=1m hidden-cgroups /sys/fs/cgroup && exec "$@"'


async def test_worker_cgroups_are_removed_every_time():
    """Before the fix, about half the workers left an empty group behind (removed before they exited),
    and closing the pool while a killed worker's replacement was starting leaked the replacement."""
    for _ in range(4):
        pool = SandboxPool(find_launcher(), size=2, limits=Limits(wall_seconds=6.0))
        await pool.start()
        assert pool.memory_cgroup, f"this suite needs a memory cgroup: {pool.cgroups.describe()}"
        await pool.run(job("def f(x):\n    return 2 * x\n"))
        os.kill(pool.worker_pids()[0], signal.SIGKILL)
        await asyncio.gather(*(pool.run(job("def f(x):\n    return 2 * x\n")) for _ in range(2)))
        await pool.close()  # the killed worker's replacement may still be starting
        assert leftover_worker_cgroups(pool) == []


def _v2_tree() -> Path:
    for tree in (CGROUP_ROOT, CGROUP_ROOT / "unified"):
        if (tree / "cgroup.controllers").exists():
            return tree
    pytest.skip("this host mounts no cgroup v2 tree")


async def test_a_v2_group_is_killed_emptied_and_removed():
    """cgroup.kill takes the whole group, forked children included, before the directory goes."""
    directory = _v2_tree() / f"screenprep-test-{os.getpid()}"
    directory.mkdir()
    group = WorkerCgroup(CgroupVersion.V2, {"pids": directory})
    join = 'echo $$ > "$1"; sleep 60 & sleep 60 & echo started; wait'
    procs = str(group.procs_files[0])
    started = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", join, "sh", procs, stdout=asyncio.subprocess.PIPE
    )
    assert started.stdout is not None and await started.stdout.readline() == b"started\n"
    assert len((directory / "cgroup.procs").read_text().split()) == 3
    await group.remove()
    assert not directory.exists()
    await started.communicate()
    assert started.returncode == -signal.SIGKILL


def test_a_host_without_controllers_is_reported(tmp_path: Path):
    (tmp_path / "cgroup.controllers").write_text("\n")
    (tmp_path / "self-cgroup").write_text("0::/\n")
    host = detect_cgroups(tmp_path, tmp_path / "self-cgroup")
    assert (host.version, host.bounds_memory) == (CgroupVersion.V2, False)
    assert "no memory, pids or cpu controller" in host.problem


def test_memory_cases_hold_without_a_memory_cgroup():
    """test_memory.py again, in a mount namespace where /sys/fs/cgroup is an empty tmpfs."""
    assert os.geteuid() == 0, "hiding /sys/fs/cgroup needs a private mount namespace: run the suite as root"
    module = "tests/bot/sandbox/test_memory.py"
    command = [sys.executable, "-m", "pytest", module, "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", HIDE_CGROUPS, "sh", *command],
        cwd=REPOSITORY,
        env={**os.environ, "SCREENPREP_TEST_CGROUPS": "hidden"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout
