"""Build the Bolt app and what it shares with the core, with no module-level app and no I/O."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import _listeners as listeners
from adapters.slack._bridge import Bridge
from adapters.slack._outbox import POST_INTERVAL, Pacer, SlackOutbox
from adapters.slack._people import People
from adapters.slack._settings import SlackSettings
from adapters.slack._workspaces import SqliteInstallationStore, SqliteStateStore, Workspaces
from bot import Core
from storage._installations import SlackInstallations

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
# What an OAuth install asks for; the same list as slack-manifest.yaml's bot scopes.
BOT_SCOPES = (
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:write",
    "users:read",
)


@dataclass(frozen=True)
class SlackBot:
    """The Bolt app plus the pieces tests and `serve` reach for."""

    settings: SlackSettings
    app: AsyncApp
    client: AsyncWebClient
    bridge: Bridge

    @property
    def outbox(self) -> SlackOutbox:
        return self.bridge.outbox


def retry_handlers() -> list[AsyncRetryHandler]:
    """Retry a dropped connection once, and a 429 after its Retry-After, up to three times."""
    return [
        AsyncConnectionErrorRetryHandler(),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ]


def build_client(settings: SlackSettings) -> AsyncWebClient:
    """A Web API client like the app's: SLACK_API_URL as its base, 429s retried."""
    return AsyncWebClient(
        token=settings.bot_token.get_secret_value(),
        base_url=settings.api_url,
        retry_handlers=retry_handlers(),
    )


def build(
    settings: SlackSettings,
    core: Core,
    *,
    post_interval: float = POST_INTERVAL,
    installations: SlackInstallations | None = None,
) -> SlackBot:
    """An AsyncApp with every listener registered; nothing is connected until `serve` runs it.

    With one token the app builds its own client from it (handing it one makes Bolt warn that
    SLACK_BOT_TOKEN goes unused); each request's client copies this one's base URL and retry handlers.
    In OAuth mode (`installations` given) each workspace's token comes from the database.
    """
    if settings.oauth:
        if installations is None:
            raise ValueError("OAuth mode needs the installations table")
        app, workspaces = _oauth_app(settings, installations)
    else:
        app = AsyncApp(
            token=settings.bot_token.get_secret_value(),
            signing_secret=settings.signing_secret.get_secret_value(),
            name="screenprep",
            process_before_response=False,
        )
        workspaces = Workspaces(app.client)
    client = app.client
    client.base_url = settings.api_url
    client.retry_handlers = retry_handlers()
    outbox = SlackOutbox(workspaces, Pacer(post_interval))
    bridge = Bridge(core, workspaces, outbox, People(workspaces, settings.admins))
    listeners.register(app, bridge)
    return SlackBot(settings, app, client, bridge)


def _oauth_app(settings: SlackSettings, installations: SlackInstallations) -> tuple[AsyncApp, Workspaces]:
    """Bolt's OAuth flow (/slack/install, /slack/oauth_redirect) with installations in our database.

    Authorization results are cached per token: Bolt's default calls auth.test on every request
    (slack_bolt 1.30, authorization/async_authorize.py, `cache_enabled`).
    """
    base = AsyncWebClient(base_url=settings.api_url, retry_handlers=retry_handlers())
    workspaces = Workspaces(base, installations)
    store = SqliteInstallationStore(workspaces, installations)
    oauth = AsyncOAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        redirect_uri=settings.redirect_uri or None,
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SqliteStateStore(installations),
    )
    authorize = AsyncInstallationStoreAuthorize(
        installation_store=store,
        client_id=settings.client_id,
        client_secret=settings.client_secret.get_secret_value(),
        logger=log,
        bot_only=True,
        cache_enabled=True,
        client=base,
    )
    app = AsyncApp(
        client=base,
        signing_secret=settings.signing_secret.get_secret_value(),
        name="screenprep",
        process_before_response=False,
        oauth_settings=oauth,
        # AsyncApp takes an AsyncAuthorize instance too (slack_bolt 1.30, app/async_app.py, line 265),
        # though its annotation names only a callable.
        authorize=authorize,  # type: ignore[arg-type]
        installation_store=store,
        installation_store_bot_only=True,
    )
    app.enable_token_revocation_listeners()
    return app, workspaces
