"""One Web API client per workspace: the single token by default, or each OAuth installation's token.

The installation store is bolt's interface over our SQLite file (slack_sdk
oauth/installation_store/async_installation_store.py: `async_save`, `async_find_bot`, `async_delete_bot`,
`async_delete_all` are enough for bot-only installs), and the OAuth `state` store likewise
(slack_sdk oauth/state_store/async_state_store.py: `async_issue`, `async_consume`).
"""

from __future__ import annotations

import logging
import secrets
import time
from logging import Logger

from slack_bolt.error import BoltError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from storage._installations import InstalledBot, SlackInstallations

log = logging.getLogger(__name__)

STATE_SECONDS = 600


class NotInstalled(RuntimeError):
    """A workspace sent an event or is due a post, but has no installation (it was uninstalled)."""


class Workspaces:
    """The client for a workspace; in OAuth mode each installation's token, cached until it changes."""

    def __init__(self, base: AsyncWebClient, installations: SlackInstallations | None = None) -> None:
        self.base = base
        self.installations = installations
        self._clients: dict[str, AsyncWebClient] = {}

    async def client(self, team_id: str) -> AsyncWebClient:
        """The base client in single-token mode; else one built from the workspace's stored bot token."""
        if self.installations is None:
            return self.base
        if (cached := self._clients.get(team_id)) is not None:
            return cached
        bot = await self.installations.find(team_id)
        if bot is None:
            raise NotInstalled(f"Slack workspace {team_id} has no installation; install the app there again")
        client = AsyncWebClient(
            token=bot.bot_token,
            base_url=self.base.base_url,
            retry_handlers=self.base.retry_handlers,
            logger=self.base.logger,
        )
        self._clients[team_id] = client
        return client

    def forget(self, team_id: str) -> None:
        """Drop the cached client, so a reinstall's new token (or an uninstall) takes effect at once."""
        self._clients.pop(team_id, None)


class SqliteInstallationStore(AsyncInstallationStore):
    """Bot-only installations in our database; one row per workspace, replaced on reinstall."""

    def __init__(self, workspaces: Workspaces, installations: SlackInstallations) -> None:
        self._workspaces = workspaces
        self._installations = installations

    @property
    def logger(self) -> Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await self.async_save_bot(installation.to_bot())

    async def async_save_bot(self, bot: Bot) -> None:
        """Keep the workspace's bot token; an org-wide install (no workspace id) is not supported."""
        if not bot.team_id:
            raise BoltError("ScreenPrep supports installs into a workspace, not org-wide installs")
        await self._installations.save(
            InstalledBot(
                enterprise_id=bot.enterprise_id or "",
                team_id=bot.team_id or "",
                app_id=bot.app_id or "",
                team_name=bot.team_name or "",
                bot_token=bot.bot_token,
                bot_id=bot.bot_id,
                bot_user_id=bot.bot_user_id,
                bot_scopes=",".join(bot.bot_scopes),
                is_enterprise_install=bool(bot.is_enterprise_install),
                installed_at=bot.installed_at,
            )
        )
        self._workspaces.forget(bot.team_id or "")
        log.info("Slack: installed in workspace %s (%s)", bot.team_id, bot.team_name)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        row = await self._installations.find(team_id or "")
        if row is None:
            return None
        return Bot(
            app_id=row.app_id,
            enterprise_id=row.enterprise_id or None,
            team_id=row.team_id,
            team_name=row.team_name,
            bot_token=row.bot_token,
            bot_id=row.bot_id,
            bot_user_id=row.bot_user_id,
            bot_scopes=row.bot_scopes,
            is_enterprise_install=row.is_enterprise_install,
            installed_at=row.installed_at,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._installations.delete(team_id or "")
        self._workspaces.forget(team_id or "")

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)


class SqliteStateStore(AsyncOAuthStateStore):
    """OAuth `state` values in our database, each good once for ten minutes, shared by every process."""

    def __init__(self, installations: SlackInstallations) -> None:
        self._installations = installations

    @property
    def logger(self) -> Logger:
        return log

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        state = secrets.token_urlsafe(24)
        await self._installations.issue_state(state, time.time() + STATE_SECONDS)
        return state

    async def async_consume(self, state: str) -> bool:
        return await self._installations.consume_state(state, time.time())
