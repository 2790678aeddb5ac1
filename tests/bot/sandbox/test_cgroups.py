"""Worker cgroups on this host: always removed, killed on v2, and the memory cases without any cgroup."""

from __future__ import annotations

import asyncio
import contextlib
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


POOL_IN_ITS_OWN_CGROUP = """
import asyncio
from bot.sandbox import SandboxPool, find_launcher

async def main():
    pool = SandboxPool(find_launcher(), size=1)
    await pool.start()
    print(pool.cgroups.describe(), open("/proc/self/cgroup").read().strip(), flush=True)
    await pool.close()
    print(open("/proc/self/cgroup").read().strip())

asyncio.run(main())
"""
JOIN_THEN_EXEC = 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"'


def test_a_delegated_v2_cgroup_is_given_back_as_it_was():
    """systemd starts each later command of a unit (a oneshot's next ExecStart=, ExecStop=) in the unit's
    own cgroup; the kernel refused that (219/CGROUP in tests/vm) while the cgroup still enabled controllers
    for the worker groups. A pool in its own cgroup, as under Delegate=yes, must leave it as it found it."""
    tree = _v2_tree()
    if "memory" not in (tree / "cgroup.controllers").read_text().split():
        pytest.skip(f"{tree} has no memory controller (cgroup v1 holds it); tests/vm runs this on a v2 guest")
    (tree / "cgroup.subtree_control").write_text("+memory +pids")  # what systemd does for a delegated unit
    own = tree / f"screenprep-delegated-{os.getpid()}"
    own.mkdir()
    try:
        pool = [sys.executable, "-c", POOL_IN_ITS_OWN_CGROUP]
        done = subprocess.run(
            ["/bin/sh", "-c", JOIN_THEN_EXEC, "sh", str(own), *pool],
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        during, after = done.stdout.splitlines()
        assert "controllers: memory, pids" in during, during
        assert during.endswith(f"0::/{own.name}/screenprep-bot"), during
        assert after == f"0::/{own.name}"
        assert (own / "cgroup.subtree_control").read_text().split() == []
        assert [child.name for child in own.iterdir() if child.is_dir()] == []
        next_command = ["/bin/sh", "-c", JOIN_THEN_EXEC, "sh", str(own), "echo", "joined"]
        joined = subprocess.run(next_command, capture_output=True, text=True, timeout=30)
        assert joined.stdout == "joined\n", joined.stderr
    finally:
        for group in (own / "screenprep-bot", own):
            with contextlib.suppress(FileNotFoundError):
                group.rmdir()


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
