"""The code checker the bot starts with; its pool, and the sandbox package, load only when it starts."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING

from bot.checks._checker import CodeChecker
from bot.config import SandboxMode

if TYPE_CHECKING:
    from bot.sandbox import SandboxPool

log = logging.getLogger(__name__)


async def _pool_for_mode(mode: SandboxMode, python: str | None, size: int | None) -> SandboxPool | None:
    """The pool for this mode, or None; the sandbox package is imported here, on the first warm-up."""
    from bot.checks._pool_start import started

    return await started(mode, python, size)


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
    checker = CodeChecker(partial(_pool_for_mode, mode, python, size))
    if eager:
        checker.warm()
    try:
        yield checker
    finally:
        await checker.close()
