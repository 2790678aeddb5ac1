"""Every setting ScreenPrep reads from the environment, declared once and checked at start-up.

One model with a section per concern: the core's own variables, the optional model grader, Slack and
Discord. A blank variable counts as unset; a bad value becomes one `SettingsError` line that names the
variable and never repeats a secret. Secrets are `SecretStr`, so no repr or log line shows them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Self

from pydantic import AfterValidator, BeforeValidator, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
SLACK_EVENTS_PATH = "/slack/events"
_UNITS = {"s": 1, "m": 60, "h": 3600}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class SandboxMode(StrEnum):
    """How code answers are run (SCREENPREP_SANDBOX)."""

    AUTO = "auto"
    """bubblewrap if it works; otherwise the console alone may run code unisolated, with a warning."""
    STRICT = "strict"
    """Run code only when every protection `screenprep doctor` checks is in force, everywhere."""
    OFF = "off"
    """Never run code: answers are stored without a verdict."""


class SettingsError(ValueError):
    """A variable that cannot be used: one line naming it and what it should be, never a secret."""


def _duration(value: object) -> timedelta:
    """`90s`, `15m` or `3h` (a bare number is seconds)."""
    if isinstance(value, timedelta):
        return value
    text = str(value).lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "s")
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        seconds = -1
    if not seconds >= 0:
        raise ValueError(f"must be a duration such as 90s, 15m or 3h, not {text[:20]!r}")
    return timedelta(seconds=seconds)


def _words(value: object) -> object:
    """A comma-separated list, blanks dropped; other values go on to normal validation."""
    return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value


def _whole_number(low: int, high: int) -> BeforeValidator:
    """Decimal digits only, in [low, high]: no sign, exponent or other script's digits (`-1`, `1e3`, `²`)."""

    def check(value: object) -> object:
        if isinstance(value, str) and not (
            value.isascii()
            and value.isdecimal()
            and len(value) <= len(str(high))
            and low <= int(value) <= high
        ):
            raise ValueError(f"must be a whole number from {low} to {high}, not {value[:20]!r}")
        return value

    return BeforeValidator(check)


def _ids(value: object) -> object:
    """Comma-separated numeric ids (Discord snowflakes); anything else is an error, not a silent skip."""
    ids = _words(value)
    bad = [part for part in ids if not part.isdecimal()] if isinstance(ids, list) else []
    if bad:
        raise ValueError(f"must be comma-separated numeric ids; {bad[0][:40]!r} is not one")
    return ids


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError("must be longer than 0s")
    return value


def _named(value: str) -> str:
    if not value:
        raise ValueError("must name a model")
    return value


def _flag(value: object) -> object:
    if isinstance(value, str):
        if value.lower() not in _TRUE | _FALSE:
            raise ValueError(f"must be 1 or 0, not {value[:20]!r}")
        return value.lower() in _TRUE
    return value


def _web_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must start with http:// or https://, not {value[:60]!r}")
    return value


Duration = Annotated[timedelta, BeforeValidator(_duration)]
Count = Annotated[int, _whole_number(0, 1_000_000_000)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Words = Annotated[frozenset[str], NoDecode, BeforeValidator(_words)]
WebUrl = Annotated[str, AfterValidator(_web_url)]


class _EnvironSource(EnvSettingsSource):
    """pydantic-settings' own environment source, over a given mapping, with values stripped."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = {name.lower(): value.strip() for name, value in environ.items() if value.strip()}
        super().__init__(settings_cls, case_sensitive=False)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        """The hook pydantic-settings reads `os.environ` in; here it reads the given mapping instead."""
        return self._environ


class EnvSettings(BaseSettings):
    """A section read from the environment (or a mapping standing in for it); frozen once read."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only what `from_environ` hands over: no dotenv or secrets files behind the user's back."""
        return (init_settings,)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None, **given: Any) -> Self:
        """Read the section from `environ` (default: the process environment); SettingsError if unusable."""
        values = _EnvironSource(cls, os.environ if environ is None else environ)()
        try:
            return cls(**values, **given)
        except ValidationError as exc:
            raise SettingsError(_first_problem(cls, exc)) from None


def _first_problem(section: type[EnvSettings], error: ValidationError) -> str:
    """`VARIABLE must ...` for the first bad field, by its environment name; the value is not repeated."""
    problem = error.errors()[0]
    where = str(problem["loc"][0]) if problem["loc"] else ""
    name = (
        f"{section.model_config.get('env_prefix', '')}{where}".upper()
        if where in section.model_fields
        else where
    )
    if problem["type"] == "missing":
        return f"{name} is not set"
    message = problem["msg"].removeprefix("Value error, ").replace("Input should be", "must be", 1)
    return f"{name} {message}"


class GraderSettings(EnvSettings):
    """SCREENPREP_GRADER_*: the optional OpenAI-compatible model grader, off unless a URL is set."""

    model_config = SettingsConfigDict(env_prefix="SCREENPREP_GRADER_")

    url: WebUrl
    model: Annotated[str, AfterValidator(_named), Field(validate_default=True)] = ""
    key: Annotated[SecretStr, Field(repr=False)] = SecretStr("")
    timeout: Annotated[Duration, AfterValidator(_positive)] = timedelta(seconds=20)
    retries: Count = 1
    daily_per_person: Count = 30
    daily_total: Count = 500

    @staticmethod
    def requested(environ: Mapping[str, str]) -> bool:
        return bool(environ.get("SCREENPREP_GRADER_URL", "").strip())


class PlatformSettings(EnvSettings):
    """What every chat platform shares: the people who may use admin commands anywhere."""

    admins: Annotated[Words, Field(validation_alias="SCREENPREP_ADMINS")] = frozenset()


class SlackSettings(PlatformSettings):
    """SLACK_*, PORT and HOST: Socket Mode with an app token, else HTTP checked with the signing secret.

    With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, many workspaces install the app through OAuth, each
    with its own bot token kept in the database; SLACK_BOT_TOKEN is then ignored.
    """

    model_config = SettingsConfigDict(env_prefix="SLACK_")

    bot_token: Annotated[SecretStr, Field(repr=False)] = SecretStr("")
    app_token: Annotated[SecretStr, Field(repr=False)] = SecretStr("")
    signing_secret: Annotated[SecretStr, Field(repr=False)] = SecretStr("")
    api_url: WebUrl = DEFAULT_SLACK_API_URL
    host: Annotated[str, Field(validation_alias="HOST")] = "0.0.0.0"
    port: Annotated[int, _whole_number(0, 65535), Field(validation_alias="PORT")] = 3000
    max_connections: Annotated[
        int, _whole_number(1, 100_000), Field(validation_alias="SLACK_HTTP_MAX_CONNECTIONS")
    ] = 256
    idle_seconds: Annotated[
        int, _whole_number(1, 3600), Field(validation_alias="SLACK_HTTP_IDLE_SECONDS")
    ] = 10
    client_id: str = ""
    client_secret: Annotated[SecretStr, Field(repr=False)] = SecretStr("")
    redirect_uri: str = ""
    path: ClassVar[str] = SLACK_EVENTS_PATH

    def model_post_init(self, context: Any, /) -> None:
        """The API base ends in `/` (slack_sdk joins method names onto it); OAuth ignores the bot token."""
        if not self.api_url.endswith("/"):
            object.__setattr__(self, "api_url", self.api_url + "/")
        if self.oauth:
            object.__setattr__(self, "bot_token", SecretStr(""))

    @property
    def oauth(self) -> bool:
        """Many workspaces installed through OAuth, each with its own bot token in the database."""
        return bool(self.client_id and self.client_secret.get_secret_value())

    @property
    def socket_mode(self) -> bool:
        """Socket Mode whenever an app token is set (never with OAuth, whose install pages need HTTP)."""
        return bool(self.app_token.get_secret_value()) and not self.oauth

    @staticmethod
    def _oauth_requested(environ: Mapping[str, str]) -> bool:
        """A client id and secret instead of a bot token: many workspaces, each installed through OAuth."""
        return bool(
            environ.get("SLACK_CLIENT_ID", "").strip() and environ.get("SLACK_CLIENT_SECRET", "").strip()
        )

    @staticmethod
    def requested(environ: Mapping[str, str]) -> bool:
        """A bot token or an OAuth client id asks for Slack; `from_environ` then insists on a way in."""
        return bool(environ.get("SLACK_BOT_TOKEN", "").strip() or environ.get("SLACK_CLIENT_ID", "").strip())

    @classmethod
    def configured(cls, environ: Mapping[str, str]) -> bool:
        """A bot token with an app token (Socket Mode) or a signing secret (HTTP), or OAuth."""
        way_in = environ.get("SLACK_APP_TOKEN", "").strip() or environ.get("SLACK_SIGNING_SECRET", "").strip()
        bot = environ.get("SLACK_BOT_TOKEN", "").strip()
        return bool(way_in and (bot or cls._oauth_requested(environ)))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None, **given: Any) -> Self:
        environ = os.environ if environ is None else environ
        if not cls.configured(environ):
            raise SettingsError(
                "Slack needs SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) "
                "or SLACK_SIGNING_SECRET (HTTP mode); or, for many workspaces, SLACK_CLIENT_ID, "
                "SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET"
            )
        if cls._oauth_requested(environ) and not environ.get("SLACK_SIGNING_SECRET", "").strip():
            raise SettingsError("OAuth installs (SLACK_CLIENT_ID) need HTTP mode: set SLACK_SIGNING_SECRET")
        return super().from_environ(environ, **given)


class DiscordSettings(PlatformSettings):
    """DISCORD_*: the bot token, guilds for instant command sync, message content, the sync record."""

    model_config = SettingsConfigDict(env_prefix="DISCORD_")

    token: Annotated[SecretStr, Field(repr=False)]
    guild_ids: Annotated[tuple[int, ...], NoDecode, BeforeValidator(_ids)] = ()
    message_content: Flag = False
    commands_file: Path | None = None
    """Where the digest of the last registered `/quiz` tree is kept; unset, next to the database."""

    @staticmethod
    def requested(environ: Mapping[str, str]) -> bool:
        return bool(environ.get("DISCORD_TOKEN", "").strip())

    configured = requested


class Settings(EnvSettings):
    """The whole configuration: the core's SCREENPREP_* variables plus one section per optional part."""

    model_config = SettingsConfigDict(env_prefix="SCREENPREP_")

    db: Path = Path("screenprep.db")
    log_level: str = "WARNING"
    catchup_grace: Duration = timedelta(hours=3)
    claim_lease: Duration = timedelta(minutes=2)
    sandbox: SandboxMode = SandboxMode.AUTO
    sandbox_python: str | None = None
    user: Annotated[str, Field(validation_alias="USER")] = "you"
    grader: GraderSettings | None = None
    slack: SlackSettings | None = None
    discord: DiscordSettings | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None, **given: Any) -> Self:
        """The core's variables, then each section that is asked for (a section left unset is None)."""
        environ = os.environ if environ is None else environ
        sections = {
            name: section.from_environ(environ)
            for name, section in (
                ("grader", GraderSettings),
                ("slack", SlackSettings),
                ("discord", DiscordSettings),
            )
            if section.requested(environ)
        }
        return super().from_environ(environ, **sections, **given)

    @classmethod
    def load(cls) -> Settings:
        """The process's settings at start-up: an unusable value exits with one line, no traceback."""
        try:
            return cls.from_environ()
        except SettingsError as exc:
            raise SystemExit(f"screenprep: {exc}") from None
