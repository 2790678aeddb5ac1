"""The sandbox on a pure cgroup v2 kernel, in a VM (tests/vm/run.py): `doctor` and the memory bound, for real.

This host is cgroup v1, so only a VM reaches the v2 code paths. The guest runs as root at the root of
its tree: worker groups go below `/screenprep`. In CI (.ci/run installs qemu and the kernel) a missing
prerequisite fails this test; elsewhere it skips, saying what is missing. Under TCG (no usable KVM) it
takes about 80 s; the whole sandbox suite in the guest is `python -m tests.vm.run` (about 6 minutes).
"""

from __future__ import annotations

import os

import pytest

from tests.vm.run import boot, cached_kernel, missing, sandbox_job

GUEST_TESTS = [
    "tests/bot/sandbox/test_memory.py",
    "tests/bot/sandbox/test_cgroups.py::test_a_v2_group_is_killed_emptied_and_removed",
]
"""The memory bound through forked children (each pool's teardown asserts its worker groups are gone)
and cgroup.kill; test_hostile.py and the repeated pool restarts take minutes more under emulation."""


def test_doctor_and_the_memory_bound_on_a_pure_cgroup_v2_host():
    problem = missing()
    if problem:
        message = f"the cgroup v2 VM test did not run: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (.ci/run should have installed it)")
        pytest.skip(message)
    kernel = cached_kernel()
    assert kernel is not None
    run = boot(sandbox_job(GUEST_TESTS), kernel=kernel, timeout=600)
    assert run.status == 0, run.console[-6000:]
    assert "cgroup: 0::/; controllers: " in run.console, "the guest should have cgroup v2 only"
    assert "ok       memory cgroup: cgroup v2, controllers: memory, pids, cpu" in run.console, run.console
    assert "Sandbox: every protection is in force." in run.console, run.console
    assert "4 passed" in run.console, run.console[-3000:]
