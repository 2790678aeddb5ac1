"""Slack settings from the environment: which mode, which tokens, where the Web API lives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
EVENTS_PATH = "/slack/events"
DEFAULT_MAX_CONNECTIONS = 256
DEFAULT_IDLE_SECONDS = 10


class SlackStartupError(RuntimeError):
    """Slack cannot start as configured; the message says what to fix and never contains a secret."""


def configured(environ: Mapping[str, str]) -> bool:
    """True for a bot token with an app token (Socket Mode) or a signing secret (HTTP), or for OAuth."""
    bot = environ.get("SLACK_BOT_TOKEN", "").strip()
    way_in = environ.get("SLACK_APP_TOKEN", "").strip() or environ.get("SLACK_SIGNING_SECRET")
    return bool(way_in and (bot or _oauth(environ)))


def _oauth(environ: Mapping[str, str]) -> bool:
    """Many workspaces, each installed through OAuth: a client id and secret instead of a bot token."""
    return bool(environ.get("SLACK_CLIENT_ID", "").strip() and environ.get("SLACK_CLIENT_SECRET", "").strip())


@dataclass(frozen=True)
class SlackSettings:
    """Everything the adapter reads from the environment; secrets stay out of `repr`."""

    bot_token: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    signing_secret: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    path: str = EVENTS_PATH
    admins: frozenset[str] = frozenset()
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    redirect_uri: str = ""

    @property
    def oauth(self) -> bool:
        """Many workspaces installed through OAuth, each with its own bot token in the database."""
        return bool(self.client_id and self.client_secret)

    @property
    def socket_mode(self) -> bool:
        """Socket Mode whenever an app token is set (never with OAuth, whose install pages need HTTP)."""
        return bool(self.app_token) and not self.oauth

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> SlackSettings:
        """Read and check the SLACK_* variables, PORT, HOST and SCREENPREP_ADMINS."""
        if not configured(environ):
            raise SlackStartupError(
                "Slack needs SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) "
                "or SLACK_SIGNING_SECRET (HTTP mode); or, for many workspaces, SLACK_CLIENT_ID, "
                "SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET"
            )
        if _oauth(environ) and not environ.get("SLACK_SIGNING_SECRET", "").strip():
            raise SlackStartupError(
                "OAuth installs (SLACK_CLIENT_ID) need HTTP mode: set SLACK_SIGNING_SECRET"
            )
        api_url = environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            raise SlackStartupError(
                f"SLACK_API_URL must start with http:// or https://, not {api_url[:60]!r}"
            )
        admins = frozenset(u.strip() for u in environ.get("SCREENPREP_ADMINS", "").split(",") if u.strip())
        return cls(
            bot_token="" if _oauth(environ) else environ.get("SLACK_BOT_TOKEN", "").strip(),
            app_token=environ.get("SLACK_APP_TOKEN", "").strip(),
            signing_secret=environ.get("SLACK_SIGNING_SECRET", "").strip(),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            host=environ.get("HOST", "").strip() or "0.0.0.0",
            port=_whole_number(environ, "PORT", DEFAULT_PORT, 0, 65535),
            admins=admins,
            max_connections=_whole_number(
                environ, "SLACK_HTTP_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 100_000
            ),
            idle_seconds=_whole_number(environ, "SLACK_HTTP_IDLE_SECONDS", DEFAULT_IDLE_SECONDS, 1, 3600),
            client_id=environ.get("SLACK_CLIENT_ID", "").strip(),
            client_secret=environ.get("SLACK_CLIENT_SECRET", "").strip(),
            redirect_uri=environ.get("SLACK_REDIRECT_URI", "").strip(),
        )


def _whole_number(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """The variable as a whole number in [low, high]; unset or blank gives the default."""
    text = environ.get(name, "").strip() or str(default)
    if not (text.isascii() and text.isdecimal() and len(text) <= len(str(high)) and low <= int(text) <= high):
        raise SlackStartupError(f"{name} must be a whole number from {low} to {high}, not {text[:20]!r}")
    return int(text)
