"""The sandbox on a pure cgroup v2 kernel, in a VM (tests/vm/run.py): `doctor` and the memory bound, for real.

This host is cgroup v1, so only a VM reaches the v2 code paths. In CI (.ci/run installs qemu and the
kernel) a missing prerequisite fails these tests; elsewhere they skip, saying what is missing. Under TCG
(no usable KVM) each took 63 to 166 s here, depending on the machine's load; the whole sandbox suite in
the guest is `python -m tests.vm.run` (about 6 minutes).
"""

from __future__ import annotations

import os

import pytest

from tests.vm.run import VmRun, boot, cached_kernel, missing, sandbox_job
from tests.vm.systemd import systemd_files

GUEST_TESTS = [
    "tests/bot/sandbox/test_memory.py",
    "tests/bot/sandbox/test_cgroups.py::test_a_v2_group_is_killed_emptied_and_removed",
    "tests/bot/sandbox/test_cgroups.py::test_a_delegated_v2_cgroup_is_given_back_as_it_was",
]
"""The memory bound through forked children (each pool's teardown asserts its worker groups are gone),
cgroup.kill, and a delegated cgroup given back; test_hostile.py and the repeated pool restarts take
minutes more under emulation."""
GUEST_PASSES = "5 passed"
"""test_memory.py's three tests and the two named cases."""
DOCTOR_V2 = "ok       memory cgroup: cgroup v2, controllers: memory, pids, cpu (768 MiB and 96 processes"
ALL_IN_FORCE = "Sandbox: every protection is in force."
SYSTEMD_OPT_IN = "SCREENPREP_VM_SYSTEMD"


def _boot(files: dict[str, str], *, systemd: bool = False) -> VmRun:
    problem = missing()
    if problem:
        message = f"the cgroup v2 VM test did not run: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (.ci/run should have installed it)")
        pytest.skip(message)
    kernel = cached_kernel()
    assert kernel is not None
    return boot(files, kernel=kernel, systemd=systemd, timeout=600)


def test_doctor_and_the_memory_bound_as_root_on_a_pure_cgroup_v2_host():
    run = _boot({"job": sandbox_job(GUEST_TESTS)})
    assert run.status == 0, run.console[-6000:]
    assert "cgroup: 0::/; controllers: " in run.console, "the guest should have cgroup v2 only"
    assert DOCTOR_V2 in run.console, run.console
    assert ALL_IN_FORCE in run.console, run.console
    assert GUEST_PASSES in run.console, run.console[-3000:]


@pytest.mark.skipif(
    os.environ.get("CI") != "true" and os.environ.get(SYSTEMD_OPT_IN) != "1",
    reason=f"the README's systemd unit in a VM takes 1 to 3 minutes under TCG, so only CI runs it: "
    f"set {SYSTEMD_OPT_IN}=1 (or run python -m tests.vm.run --systemd)",
)
def test_the_readme_systemd_unit_runs_doctor_and_a_code_check():
    """systemd as init, the README's unit as printed (User=, Delegate=yes, KeyringMode=private, strict)."""
    run = _boot(systemd_files(), systemd=True)
    service = run.shared.get("service.log", "")
    assert run.status == 0, run.shared.get("unit-status", run.console[-6000:])
    assert DOCTOR_V2 in service and ALL_IN_FORCE in service, service
    assert "✓ Passed · 4/4 required tests" in service, service[-3000:]
    for setting in ("User=screenprep", "Delegate=yes", "KeyringMode=private"):
        assert setting in run.shared["unit-show"]
    assert run.shared["leftover-cgroups"] == ""
    undelegated = run.shared.get("undelegated.log", "")
    assert "MISSING  memory cgroup: systemd manages /sys/fs/cgroup/system.slice/" in undelegated, undelegated
    assert "has not delegated it to the bot (Delegate=yes)" in undelegated, undelegated
