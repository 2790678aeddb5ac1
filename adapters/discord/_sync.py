"""Register `/quiz` with Discord only when the command tree changed since the last registration."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import discord
from discord import app_commands

log = logging.getLogger(__name__)


def tree_digest(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> str:
    """A hash of exactly what a sync would send for this scope."""
    payload = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class SyncRecord:
    """The digest last registered per application and scope, kept in a small JSON file; None keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self._path = path

    def _read(self) -> dict[str, str]:
        if self._path is None:
            return {}
        try:
            stored = json.loads(self._path.read_text())
        except (OSError, ValueError):
            return {}
        return stored if isinstance(stored, dict) else {}

    def unchanged(self, key: str, digest: str) -> bool:
        return self._read().get(key) == digest

    def remember(self, key: str, digest: str) -> None:
        """Keep the digest; a file that cannot be written only means the next start syncs again."""
        if self._path is None:
            return
        stored = self._read() | {key: digest}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._path.write_text(json.dumps(stored, indent=1, sort_keys=True))
        except OSError as exc:
            log.warning("could not record the synced /quiz commands in %s: %s", self._path, exc.strerror)
