"""Choosing how code runs when the pool starts, and saying so (loads the sandbox package)."""

from __future__ import annotations

import logging
import os
import sys

from bot.config import SandboxMode
from bot.sandbox import Finding, Launcher, SandboxPool, WorkerFailed, find_launcher, findings

log = logging.getLogger(__name__)


async def _start_pool(launcher: Launcher, size: int | None) -> tuple[SandboxPool | None, list[Finding]]:
    """A started pool (or None), and what protects its jobs."""
    pool = SandboxPool(launcher, size=size)
    failure = None
    try:
        await pool.start()
    except WorkerFailed as exc:
        failure = str(exc)
    found = findings(pool, failure)
    if failure is None:
        return pool, found
    await pool.close()
    return None, found


def _report(found: list[Finding]) -> list[str]:
    """Log what protects submitted code, once at start: one line per missing protection."""
    missing = [f for f in found if not f.in_force]
    for finding in missing:
        log.warning("sandbox: no %s: %s (fix: %s)", finding.protection, finding.detail, finding.fix)
    if not missing:
        log.info("sandbox: every protection is in force (`screenprep doctor` lists them)")
    return [str(f.protection) for f in missing]


def fallback_interpreters(configured: str, configured_by_user: bool, own: str = sys.executable) -> list[str]:
    """Interpreters to try for unsandboxed console checks, in order.

    The system Python often lacks numpy on a fresh machine, while the interpreter running the bot has
    it (numpy is one of our dependencies), so ours comes next unless the user named one.
    """
    return [configured] if configured_by_user or configured == own else [configured, own]


def unisolated_launchers(launcher: Launcher, chosen: bool) -> list[Launcher]:
    """The terminal's fallbacks, in order: each interpreter as `nobody`, then, for a root caller, as root.

    Root's own interpreter often lives where `nobody` cannot read it (a pyenv or a virtual environment
    under /root); running it as root keeps code checks working, and the warning says so.
    """
    candidates = fallback_interpreters(launcher.python, chosen)
    launchers = [Launcher(python, None) for python in (candidates if launcher.isolated else candidates[1:])]
    if os.geteuid() == 0:
        launchers += [Launcher(python, None, as_caller=True) for python in candidates]
    return launchers


async def _start_unisolated(launcher: Launcher, size: int | None, *, chosen: bool) -> SandboxPool | None:
    """The terminal's last resort: rlimits only, with the first fallback that starts a worker."""
    for fallback in unisolated_launchers(launcher, chosen):
        pool, _ = await _start_pool(fallback, size)
        if pool is not None:
            return pool
    log.warning(
        "code checks are off: no interpreter with numpy could start a worker; see `screenprep doctor`"
    )
    return None


async def started(mode: SandboxMode, python: str | None, size: int | None) -> SandboxPool | None:
    """The pool code runs on under this mode (or None), with what protects it logged once.

    `python` is the sandbox's interpreter as the user chose it (SCREENPREP_SANDBOX_PYTHON), if they did.
    """
    launcher = find_launcher(python)
    pool, found = await _start_pool(launcher, size)
    missing = _report(found)
    if mode is SandboxMode.STRICT and missing:
        log.error(
            "code checks are off: SCREENPREP_SANDBOX=strict runs code only when every protection is "
            "in force (missing: %s); run `screenprep doctor`",
            ", ".join(missing),
        )
        if pool is not None:
            await pool.close()
        return None
    if pool is None and mode is SandboxMode.AUTO:
        pool = await _start_unisolated(launcher, size, chosen=python is not None)
    if pool is not None and not pool.launcher.isolated:
        log.warning(unsandboxed_warning(pool))
    return pool


def unsandboxed_warning(pool: SandboxPool) -> str:
    """The one line that says code runs without a sandbox, and what still bounds it."""
    launcher = pool.launcher
    if not launcher.runs_as_root:
        return (
            "running code WITHOUT a sandbox, as nobody with rlimits only, for the terminal adapter; "
            "team chats will refuse to run code"
        )
    processes = (
        "its cgroup caps memory and processes"
        if pool.process_cgroup
        else "no process limit (root is exempt from RLIMIT_NPROC), so memory is capped per process only"
    )
    return (
        f"running code WITHOUT a sandbox and AS ROOT, because nobody cannot run {launcher.python}: "
        f"rlimits and no capabilities, {processes}; the code can read and change root's files and "
        "signal root's processes; for the terminal adapter only, team chats will refuse to run code"
    )
