"""Which mode the environment asks for, and clear errors for settings that cannot work."""

from __future__ import annotations

import pytest

from adapters.slack import SlackSettings, SlackStartupError, configured

BASE = {"SLACK_BOT_TOKEN": "xoxb-secret-bot"}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, False),
        ({"SLACK_APP_TOKEN": "xapp-1"}, True),
        ({"SLACK_SIGNING_SECRET": "s"}, True),
        ({"SLACK_APP_TOKEN": "  "}, False),
    ],
)
def test_configured_needs_a_bot_token_and_a_way_in(extra, expected):
    assert configured(BASE | extra) is expected
    assert configured(extra) is False


def test_socket_mode_wins_when_an_app_token_is_set():
    settings = SlackSettings.from_environ(BASE | {"SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s"})
    assert settings.socket_mode


def test_http_mode_defaults():
    settings = SlackSettings.from_environ(
        BASE | {"SLACK_SIGNING_SECRET": "s", "SCREENPREP_ADMINS": "U1, U2,,"}
    )
    assert not settings.socket_mode
    assert (settings.port, settings.path, settings.host) == (3000, "/slack/events", "0.0.0.0")
    assert settings.api_url == "https://slack.com/api/"
    assert settings.admins == {"U1", "U2"}


def test_http_limits_come_from_the_environment():
    environ = BASE | {"SLACK_SIGNING_SECRET": "s"}
    defaults = SlackSettings.from_environ(environ)
    assert (defaults.max_connections, defaults.idle_seconds) == (256, 10)
    tuned = SlackSettings.from_environ(
        environ | {"SLACK_HTTP_MAX_CONNECTIONS": "64", "SLACK_HTTP_IDLE_SECONDS": " 30 "}
    )
    assert (tuned.max_connections, tuned.idle_seconds) == (64, 30)


def test_api_url_gets_its_trailing_slash():
    environ = BASE | {"SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "http://127.0.0.1:9/api"}
    assert SlackSettings.from_environ(environ).api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    "extra",
    [
        {"PORT": "eighty"},
        {"PORT": "70000"},
        {"PORT": "9" * 5000},
        {"SLACK_API_URL": "slack.com/api"},
        {"SLACK_APP_TOKEN": ""},
        {"SLACK_HTTP_MAX_CONNECTIONS": "0"},
        {"SLACK_HTTP_MAX_CONNECTIONS": "1e3"},
        {"SLACK_HTTP_IDLE_SECONDS": "-1"},
        {"SLACK_HTTP_IDLE_SECONDS": "²"},
    ],
)
def test_unusable_settings_fail_with_a_message(extra):
    with pytest.raises(SlackStartupError):
        SlackSettings.from_environ(BASE | {"SLACK_APP_TOKEN": "xapp-1"} | extra)


def test_secrets_stay_out_of_repr():
    settings = SlackSettings.from_environ(
        BASE | {"SLACK_APP_TOKEN": "xapp-secret-app", "SLACK_SIGNING_SECRET": "sig"}
    )
    assert "secret" not in repr(settings) and "sig" not in repr(settings)


def test_a_client_id_and_secret_mean_many_workspaces_over_http():
    oauth = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "shh", "SLACK_SIGNING_SECRET": "s"}
    assert configured(oauth)
    settings = SlackSettings.from_environ(oauth | {"SLACK_BOT_TOKEN": "xoxb-ignored"})
    assert settings.oauth and not settings.socket_mode and settings.bot_token.get_secret_value() == ""
    assert settings.client_secret.get_secret_value() == "shh" and "shh" not in repr(settings)
    with pytest.raises(SlackStartupError, match="SLACK_SIGNING_SECRET"):
        SlackSettings.from_environ(oauth | {"SLACK_SIGNING_SECRET": "", "SLACK_APP_TOKEN": "xapp-1"})
