"""Build the Bolt app and what it shares with the core, with no module-level app and no I/O."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
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
from bot import Core

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3


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


def build(settings: SlackSettings, core: Core, *, post_interval: float = POST_INTERVAL) -> SlackBot:
    """An AsyncApp with every listener registered; nothing is connected until `serve` runs it.

    The app builds its own client from the token (handing it one makes Bolt warn that SLACK_BOT_TOKEN
    goes unused); each request's client copies this one's base URL and retry handlers.
    """
    app = AsyncApp(
        token=settings.bot_token.get_secret_value(),
        signing_secret=settings.signing_secret.get_secret_value(),
        name="screenprep",
        process_before_response=False,
    )
    client = app.client
    client.base_url = settings.api_url
    client.retry_handlers = retry_handlers()
    outbox = SlackOutbox(client, Pacer(post_interval))
    bridge = Bridge(core, client, outbox, People(client, settings.admins))
    listeners.register(app, bridge)
    return SlackBot(settings, app, client, bridge)
