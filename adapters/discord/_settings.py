"""Discord settings from the environment: defaults for everything but the token."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


class SettingsError(ValueError):
    """A Discord variable that cannot be used; the message names the variable, never the token."""


@dataclass(frozen=True)
class DiscordSettings:
    token: str = field(repr=False)
    guild_ids: tuple[int, ...] = ()
    message_content: bool = False
    admins: frozenset[str] = frozenset()
    commands_file: Path | None = None
    """Where the digest of the last registered `/quiz` tree is kept; unset, next to the database."""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> DiscordSettings:
        token = environ.get("DISCORD_TOKEN", "").strip()
        if not token:
            raise SettingsError("DISCORD_TOKEN is not set")
        return cls(
            token=token,
            guild_ids=_guild_ids(environ, "DISCORD_GUILD_IDS"),
            message_content=_flag(environ, "DISCORD_MESSAGE_CONTENT"),
            admins=frozenset(_words(environ, "SCREENPREP_ADMINS")),
            commands_file=Path(file) if (file := environ.get("DISCORD_COMMANDS_FILE", "").strip()) else None,
        )


def _words(environ: Mapping[str, str], name: str) -> list[str]:
    return [part.strip() for part in environ.get(name, "").split(",") if part.strip()]


def _guild_ids(environ: Mapping[str, str], name: str) -> tuple[int, ...]:
    """Comma-separated Discord ids (snowflakes); anything else is a start-up error, not a silent skip."""
    ids = _words(environ, name)
    bad = [part for part in ids if not part.isdecimal()]
    if bad:
        raise SettingsError(f"{name} must be comma-separated numeric ids; {bad[0][:40]!r} is not one")
    return tuple(int(part) for part in ids)


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "").strip().lower()
    if value not in _TRUE | _FALSE:
        raise SettingsError(f"{name} must be 1 or 0, not {value[:20]!r}")
    return value in _TRUE
