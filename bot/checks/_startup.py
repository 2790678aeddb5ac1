"""Choosing how code runs, once at start-up, and saying so."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum

from bot.checks._checker import CodeChecker
from bot.sandbox import Launcher, SandboxPool, WorkerFailed, find_launcher

log = logging.getLogger(__name__)


class SandboxMode(StrEnum):
    AUTO = "auto"
    """bubblewrap if it works; otherwise the console alone may run code unisolated, with a warning."""
    STRICT = "strict"
    """bubblewrap or nothing, everywhere."""
    OFF = "off"
    """Never run code: answers are stored without a verdict."""


async def _start_pool(launcher: Launcher, size: int | None) -> SandboxPool | None:
    pool = SandboxPool(launcher, size=size)
    try:
        await pool.start()
    except WorkerFailed as exc:
        log.warning("code sandbox could not start: %s", exc)
        await pool.close()
        return None
    return pool


@asynccontextmanager
async def code_checker(mode: SandboxMode, *, size: int | None = None) -> AsyncIterator[CodeChecker | None]:
    """A started checker for the run (or None), with the pool shut down afterwards."""
    if mode is SandboxMode.OFF:
        log.warning("code checks are off (SCREENPREP_SANDBOX=off): code answers are stored, not run")
        yield None
        return
    launcher = find_launcher()
    pool = await _start_pool(launcher, size) if launcher.isolated else None
    if pool is None and not launcher.isolated:
        log.warning("bubblewrap is not installed: code checks need it (apt-get install bubblewrap)")
    if pool is None and mode is SandboxMode.AUTO:
        log.warning(
            "running code WITHOUT a sandbox, with rlimits only, for the terminal adapter; "
            "team chats will refuse to run code"
        )
        pool = await _start_pool(Launcher(launcher.python, None), size)
    try:
        yield CodeChecker(pool) if pool else None
    finally:
        if pool:
            await pool.close()
