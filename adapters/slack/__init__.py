"""The Slack adapter: slash command, thread replies, buttons and modals on slack-bolt's AsyncApp."""

from adapters.slack._app import SlackBot, build, build_client
from adapters.slack._outbox import CommandOutbox, Pacer, SlackOutbox
from adapters.slack._payloads import PLATFORM
from adapters.slack._render import render, render_form
from adapters.slack._serve import check_token, http_server, serve, socket_mode
from adapters.slack._settings import SlackSettings, SlackStartupError, configured

__all__ = [
    "PLATFORM",
    "CommandOutbox",
    "Pacer",
    "SlackBot",
    "SlackOutbox",
    "SlackSettings",
    "SlackStartupError",
    "build",
    "build_client",
    "check_token",
    "configured",
    "http_server",
    "render",
    "render_form",
    "serve",
    "socket_mode",
]
