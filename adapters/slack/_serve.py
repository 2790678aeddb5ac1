"""Run Slack in Socket Mode or over HTTP until asked to stop, then shut down within a few seconds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack._app import SlackBot, build
from adapters.slack._gate import ConnectionGate, RefusalLog, ServerLog, connection_limit, signed_only
from adapters.slack._payloads import PLATFORM
from adapters.slack._settings import SlackSettings, SlackStartupError
from storage._installations import SlackInstallations

if TYPE_CHECKING:
    from adapters.runtime import Runtime

log = logging.getLogger(__name__)

DRAIN_SECONDS = 5.0
HTTP_SHUTDOWN_SECONDS = 2.0
CLOSE_SECONDS = 3.0
REJECTED_TOKEN = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
    }
)


async def serve(runtime: Runtime, environ: Mapping[str, str], stopping: asyncio.Event) -> None:
    """Serve Slack until `stopping` is set: Socket Mode with an app token, else HTTP on PORT."""
    settings = SlackSettings.from_environ(environ)
    installations = SlackInstallations(runtime.db.connection) if settings.oauth else None
    bot = build(settings, runtime.core, installations=installations)
    if installations is not None:
        log.info("Slack: OAuth mode, %d workspace(s) installed", await installations.count())
    else:
        await check_token(bot)
    runtime.core.attach(PLATFORM, bot.outbox)
    if settings.socket_mode:
        async with socket_mode(bot):
            log.info("Slack: connected in Socket Mode")
            await stopping.wait()
    else:
        async with http_server(bot, settings.host, settings.port, settings.path) as port:
            log.info("Slack: listening on %s:%d%s", settings.host, port, settings.path)
            await stopping.wait()
    await bot.bridge.drain(DRAIN_SECONDS)
    log.info("Slack: stopped")


async def check_token(bot: SlackBot) -> None:
    """Fail fast on a token Slack rejects; a network problem only warns, since Bolt retries later."""
    identity = await _ask_slack("SLACK_BOT_TOKEN", bot.client.auth_test())
    if identity is not None:
        log.info("Slack: signed in as %s in %s", identity.get("user"), identity.get("team"))
    if bot.settings.socket_mode:
        await _ask_slack(
            "SLACK_APP_TOKEN",
            bot.client.apps_connections_open(app_token=bot.settings.app_token.get_secret_value()),
        )


async def _ask_slack(variable: str, call: Awaitable[AsyncSlackResponse]) -> AsyncSlackResponse | None:
    """The call's response; a rejected token raises, anything else only warns and gives None."""
    try:
        return await call
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown error")
        if error in REJECTED_TOKEN:
            raise SlackStartupError(f"Slack rejected {variable} ({error}); copy it again") from None
        log.warning("Slack: checking %s failed (%s); carrying on", variable, error)
    except Exception as exc:
        log.warning("Slack: checking %s failed (%s); carrying on", variable, type(exc).__name__)
    return None


@asynccontextmanager
async def http_server(bot: SlackBot, host: str, port: int, path: str) -> AsyncIterator[int]:
    """The app's own aiohttp web app behind the gate (never `app.start()`, which owns the loop).

    Only signed, fresh requests reach Bolt; connections, idle time and refusal log lines are bounded.
    """
    settings = bot.settings
    refusals = RefusalLog()
    gate = ConnectionGate(connection_limit(settings.max_connections), refusals)
    web_app = bot.app.web_app(path=path, port=port)
    flow = bot.app.oauth_flow
    pages = frozenset({flow.install_path, flow.redirect_uri_path}) if flow is not None else frozenset()
    web_app.middlewares.append(
        signed_only(settings.signing_secret.get_secret_value(), gate, refusals, settings.idle_seconds, pages)
    )
    runner = web.AppRunner(
        web_app,
        shutdown_timeout=HTTP_SHUTDOWN_SECONDS,
        access_log=None,
        keepalive_timeout=settings.idle_seconds,
        lingering_time=settings.idle_seconds,
        logger=ServerLog(refusals),
    )
    await runner.setup()
    server = runner.server
    assert server is not None, "AppRunner.setup() makes the server"
    try:
        try:
            listener = await asyncio.get_running_loop().create_server(
                lambda: gate.protocol(server()), host, port
            )
        except OSError as exc:
            raise SlackStartupError(f"cannot listen on {host}:{port} ({exc.strerror}); set PORT") from None
        try:
            yield listener.sockets[0].getsockname()[1]
        finally:
            listener.close()
    finally:
        await runner.cleanup()


@asynccontextmanager
async def socket_mode(bot: SlackBot) -> AsyncIterator[AsyncSocketModeHandler]:
    """A Socket Mode connection, built inside the running loop; connecting continues in the background."""
    handler = AsyncSocketModeHandler(
        bot.app, bot.settings.app_token.get_secret_value(), web_client=bot.client
    )
    connecting = asyncio.create_task(handler.connect_async(), name="slack-socket-connect")
    try:
        yield handler
    finally:
        if not connecting.done():
            connecting.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await connecting
        try:
            async with asyncio.timeout(CLOSE_SECONDS):
                await handler.close_async()
        except TimeoutError:
            log.warning("Slack: the Socket Mode connection did not close within %.0f s", CLOSE_SECONDS)
