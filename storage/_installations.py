"""Slack OAuth installations and OAuth states: plain rows, so the storage layer imports no chat SDK."""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from storage._db import Connection

_COLUMNS = (
    "enterprise_id, team_id, app_id, team_name, bot_token, bot_id, bot_user_id, bot_scopes, "
    "is_enterprise_install, installed_at"
)


@dataclass(frozen=True)
class InstalledBot:
    """One workspace's (or org's) bot token and identity; '' means no enterprise, or an org-wide install."""

    enterprise_id: str
    team_id: str
    app_id: str
    team_name: str
    bot_token: str
    bot_id: str
    bot_user_id: str
    bot_scopes: str
    is_enterprise_install: bool
    installed_at: float


class SlackInstallations:
    """Installations keyed by (enterprise, team); a reinstall replaces the row (and its token)."""

    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def save(self, bot: InstalledBot) -> None:
        placeholders = ", ".join("?" for _ in fields(InstalledBot))
        async with self._c.transaction() as raw:
            await raw.execute(
                f"INSERT OR REPLACE INTO slack_installations ({_COLUMNS}) VALUES ({placeholders})",
                astuple(bot),
            )

    async def find(self, team_id: str) -> InstalledBot | None:
        """The workspace's installation; a workspace id is unique across enterprises."""
        row = await self._c.fetchone(
            f"SELECT {_COLUMNS} FROM slack_installations WHERE team_id = ? ORDER BY installed_at DESC",
            (team_id,),
        )
        if row is None:
            return None
        values = dict(row)
        values["is_enterprise_install"] = bool(values["is_enterprise_install"])
        return InstalledBot(**values)

    async def delete(self, team_id: str) -> None:
        async with self._c.transaction() as raw:
            await raw.execute("DELETE FROM slack_installations WHERE team_id = ?", (team_id,))

    async def count(self) -> int:
        row = await self._c.fetchone("SELECT count(*) FROM slack_installations")
        return int(row[0]) if row else 0

    async def issue_state(self, state: str, expires_at: float) -> None:
        async with self._c.transaction() as raw:
            await raw.execute(
                "INSERT INTO slack_oauth_states (state, expires_at) VALUES (?, ?)", (state, expires_at)
            )

    async def consume_state(self, state: str, now: float) -> bool:
        """True once for a state issued and not yet expired; expired states are swept on the way."""
        async with self._c.transaction() as raw:
            cursor = await raw.execute(
                "DELETE FROM slack_oauth_states WHERE state = ? AND expires_at > ?", (state, now)
            )
            await raw.execute("DELETE FROM slack_oauth_states WHERE expires_at <= ?", (now,))
            return cursor.rowcount == 1
