"""Run every configured chat platform side by side in one loop, until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

from adapters import discord, slack
from adapters.runtime import open_runtime
from bot.config import Settings, SettingsError

log = logging.getLogger(__name__)

_STARTUP_ERRORS = (SettingsError,)


async def serve_all(db_path: Path, environ: Mapping[str, str], settings: Settings | None = None) -> int:
    """Exit 0 after a clean stop, 2 when a platform's settings are unusable."""
    adapters = [adapter for adapter in (slack, discord) if adapter.configured(environ)]
    if not adapters:
        print("screenprep: a platform token is set, but its other settings are missing", file=sys.stderr)
        return 2
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    failures: list[BaseException] = []
    try:
        async with open_runtime(db_path, settings=settings) as runtime, asyncio.TaskGroup() as group:
            for adapter in adapters:
                group.create_task(adapter.serve(runtime, environ, stopping))
    except* _STARTUP_ERRORS as errors:
        failures = list(errors.exceptions)
    for failure in failures:
        print(f"screenprep: {failure}", file=sys.stderr)
    if failures:
        return 2
    log.info("stopped cleanly")
    return 0
