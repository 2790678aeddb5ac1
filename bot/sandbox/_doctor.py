"""What protects this host from submitted code, what is missing, and how to fix each gap.

`screenprep doctor` prints it and the bot logs it at start. Every finding comes from a real worker
(a one-worker pool started the way the bot starts its own), not from reading configuration.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from enum import StrEnum

from bot.sandbox._cgroups import CgroupVersion
from bot.sandbox._launch import SANDBOX_ENV, Launcher
from bot.sandbox._pool import SandboxPool, WorkerFailed


class Protection(StrEnum):
    BUBBLEWRAP = "bubblewrap"
    USER_NAMESPACES = "user namespaces"
    MEMORY_CGROUP = "memory cgroup"
    SECCOMP = "seccomp filter"
    KEYRING = "fresh session keyring"
    SANDBOX_PYTHON = "sandbox Python and numpy"


@dataclass(frozen=True)
class Finding:
    protection: Protection
    in_force: bool
    detail: str
    fix: str = ""

    def lines(self) -> list[str]:
        mark = "ok" if self.in_force else "MISSING"
        fix = [f"{'':11}fix: {self.fix}"] if self.fix else []
        return [f"  {mark:8} {self.protection}: {self.detail}", *fix]


_NAMESPACES_DETAIL = "each job gets new user, pid, mount, network, IPC and UTS namespaces"
_SECCOMP_DETAIL = (
    "each job gets EPERM from keyctl, ptrace, mount, unshare, setns, bpf, System V IPC and the rest "
    "of a deny list after Docker's default profile"
)
_CONFINEMENT_KEYS = {Protection.SECCOMP: "seccomp", Protection.KEYRING: "keyring"}
"""Keys of the zygote's `confinement` report (see probe_confinement in _zygote.py)."""
_NOT_CHECKED = "not checked: no sandbox worker started"
_FIX_ABOVE = "fix the problems above"
_INSTALL = "apt-get install bubblewrap python3-numpy python3-seccomp"
_USERNS_FIX = (
    "allow unprivileged user namespaces (Debian: sysctl kernel.unprivileged_userns_clone=1; Ubuntu 24.04+: "
    "an AppArmor profile for bwrap or sysctl kernel.apparmor_restrict_unprivileged_userns=0); in a "
    "container, the README's recipe"
)


async def examine(launcher: Launcher) -> list[Finding]:
    """Start a one-worker pool as the bot would, read what it achieved, and stop it."""
    pool = SandboxPool(launcher, size=1)
    failure = None
    try:
        await pool.start()
    except WorkerFailed as exc:
        failure = str(exc)
    try:
        return findings(pool, failure)
    finally:
        await pool.close()


def findings(pool: SandboxPool, failure: str | None = None) -> list[Finding]:
    """One finding per protection for a started pool (or one that failed to start, with why)."""
    launcher = pool.launcher
    python_works = failure is None or _python_imports_numpy(launcher)
    confinement = pool.info.get("confinement") or {}
    return [
        Finding(
            Protection.BUBBLEWRAP,
            launcher.isolated,
            launcher.bwrap or "not installed: code runs with rlimits only, and only in the terminal",
            "" if launcher.isolated else _INSTALL,
        ),
        _namespaces_finding(launcher, failure, python_works),
        _memory_finding(pool, failure),
        _confinement_finding(Protection.SECCOMP, confinement, failure, _SECCOMP_DETAIL),
        _confinement_finding(
            Protection.KEYRING, confinement, failure, "each job starts with an empty keyring of its own"
        ),
        Finding(
            Protection.SANDBOX_PYTHON,
            failure is None,
            f"{launcher.python}: Python {pool.info['python']}, numpy {pool.info['numpy']}, {_pandas(pool)}"
            if failure is None
            else f"{launcher.python} "
            + ("works" if python_works else "fails to import numpy as the sandbox user"),
            "" if python_works else f"{_INSTALL}, or a SCREENPREP_SANDBOX_PYTHON with numpy anyone may read",
        ),
    ]


def _pandas(pool: SandboxPool) -> str:
    """pandas is no protection, only what the table tasks need: named, never counted as missing."""
    version = pool.info.get("pandas")
    return (
        f"pandas {version}"
        if version
        else "no pandas (table tasks cannot run: apt-get install python3-pandas)"
    )


def _namespaces_finding(launcher: Launcher, failure: str | None, python_works: bool) -> Finding:
    if not launcher.isolated:
        return Finding(Protection.USER_NAMESPACES, False, "not used without bubblewrap", _INSTALL)
    if failure is None:
        return Finding(Protection.USER_NAMESPACES, True, _NAMESPACES_DETAIL)
    if not python_works:
        return Finding(Protection.USER_NAMESPACES, False, "not checked", "fix the sandbox Python first")
    return Finding(Protection.USER_NAMESPACES, False, failure, _USERNS_FIX)


def _memory_finding(pool: SandboxPool, failure: str | None) -> Finding:
    host, limits = pool.cgroups, pool.pool_limits
    if failure is not None:
        return Finding(Protection.MEMORY_CGROUP, False, _NOT_CHECKED, _FIX_ABOVE)
    if pool.memory_cgroup:
        caps = f"{limits.memory_mb} MiB and {limits.pids} processes per worker"
        return Finding(Protection.MEMORY_CGROUP, True, f"{host.describe()} ({caps})")
    fallback = limits.fallback(pool.limits)
    detail = (
        f"{host.problem or host.describe()}; each job is held to {fallback.processes} processes "
        f"x {fallback.memory_mb} MiB of address space instead"
    )
    fix = {
        None: "run where /sys/fs/cgroup is mounted (a container: the README's recipe)",
        CgroupVersion.V1: "run the bot as root (cgroup v1 cannot be delegated)",
        CgroupVersion.V2: "run under systemd with Delegate=yes (the README's unit; from a shell, "
        "systemd-run --scope -p Delegate=yes screenprep ...), or as root where systemd does not run the "
        "tree; in a container, mount cgroup2 writable (Docker mounts it read-only)",
    }[host.version]
    return Finding(Protection.MEMORY_CGROUP, False, detail, fix)


def _confinement_finding(
    protection: Protection, confinement: dict[str, str | None], failure: str | None, detail: str
) -> Finding:
    if failure is not None:
        return Finding(protection, False, _NOT_CHECKED, _FIX_ABOVE)
    problem = confinement.get(_CONFINEMENT_KEYS[protection], "the worker did not report it")
    if problem is None:
        return Finding(protection, True, detail)
    if "seccomp module" in problem:
        return Finding(protection, False, problem, "apt-get install python3-seccomp (libseccomp's binding)")
    return Finding(protection, False, problem, "use a kernel with seccomp filters and keyrings enabled")


def _python_imports_numpy(launcher: Launcher) -> bool:
    """Whether the sandbox's Python works as the sandbox's user, to tell it apart from a broken sandbox."""
    try:
        done = subprocess.run(
            [launcher.python, "-I", "-c", "import numpy"],
            env=SANDBOX_ENV,
            cwd="/",
            capture_output=True,
            timeout=30,
            **launcher.credentials(),
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def summary(found: list[Finding]) -> list[str]:
    """The report's lines, ending with the verdict."""
    lines = [line for finding in found for line in finding.lines()]
    missing = [f.protection for f in found if not f.in_force]
    verdict = "every protection is in force" if not missing else f"{len(missing)} protection(s) missing"
    return [*lines, f"Sandbox: {verdict}."]
