"""Choosing how code runs, once at start-up, and saying so."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.checks._checker import CodeChecker
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


async def _start_unisolated(launcher: Launcher, size: int | None, *, chosen: bool) -> SandboxPool | None:
    """The terminal's last resort: rlimits only, with the first interpreter that starts a worker."""
    candidates = fallback_interpreters(launcher.python, chosen)
    for python in candidates if launcher.isolated else candidates[1:]:
        pool, _ = await _start_pool(Launcher(python, None), size)
        if pool is not None:
            return pool
    log.warning(
        "code checks are off: no interpreter with numpy could start a worker; see `screenprep doctor`"
    )
    return None


async def _started(mode: SandboxMode, python: str | None, size: int | None) -> SandboxPool | None:
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
        log.warning(
            "running code WITHOUT a sandbox, with rlimits only, for the terminal adapter; "
            "team chats will refuse to run code"
        )
    return pool


@asynccontextmanager
async def code_checker(
    mode: SandboxMode, *, python: str | None = None, size: int | None = None, eager: bool = True
) -> AsyncIterator[CodeChecker | None]:
    """A checker whose pool starts in the background (at once, or when first warmed); stopped afterwards.

    The terminal passes eager=False: quitting at once costs nothing, and the pool starts as soon as
    the user does anything, long before they can type code.
    """
    if mode is SandboxMode.OFF:
        log.warning("code checks are off (SCREENPREP_SANDBOX=off): code answers are stored, not run")
        yield None
        return
    checker = CodeChecker(lambda: _started(mode, python, size))
    if eager:
        checker.warm()
    try:
        yield checker
    finally:
        await checker.close()
