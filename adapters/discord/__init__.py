"""The Discord adapter: `/quiz` app commands, embeds with persistent buttons, threads and modals."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path

from adapters.discord._client import QuizClient, run_client
from adapters.discord._identity import PLATFORM
from adapters.discord._render import render, render_form
from adapters.discord._settings import DiscordSettings, SettingsError, configured
from adapters.runtime import Runtime

__all__ = [
    "PLATFORM",
    "DiscordSettings",
    "QuizClient",
    "SettingsError",
    "configured",
    "render",
    "render_form",
    "run_client",
    "serve",
]


async def serve(runtime: Runtime, environ: Mapping[str, str], stopping: asyncio.Event) -> None:
    """Run the bot on Discord until `stopping` is set, then close within a few seconds."""
    settings = DiscordSettings.from_environ(environ)
    if settings.commands_file is None:
        settings = settings.model_copy(update={"commands_file": await _beside_database(runtime)})
    await run_client(QuizClient(runtime.core, settings), settings.token.get_secret_value(), stopping)


async def _beside_database(runtime: Runtime) -> Path | None:
    """`<database>.discord-commands.json`: one record per deployment; none for an in-memory database."""
    rows = await runtime.db.connection.fetchall("PRAGMA database_list")
    main = next((str(row[2]) for row in rows if row[1] == "main"), "")
    return Path(f"{main}.discord-commands.json") if main else None
