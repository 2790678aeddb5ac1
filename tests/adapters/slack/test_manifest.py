"""The app manifest asks for exactly what the adapter uses: its scopes, /quiz, events, interactivity."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import adapters.slack
from adapters.slack._app import BOT_SCOPES

ROOT = Path(__file__).resolve().parents[3]
ADAPTER = Path(adapters.slack.__file__).parent

SCOPE_FOR_METHOD = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "users_info": "users:read",
    "conversations_open": "im:write",
    "views_open": None,
    "views_publish": None,
    "files_upload_v2": "files:write",
    "auth_test": None,
    "apps_connections_open": None,  # the app-level token's connections:write, made by hand (see the README)
}
SCOPE_FOR_EVENT = {"message.channels": "channels:history", "message.groups": "groups:history"}
# member_joined_channel needs channels:read and groups:read; app_home_opened needs none
# (https://docs.slack.dev/reference/events/member_joined_channel, .../app_home_opened).
SCOPES_FOR_EVENT = {"member_joined_channel": {"channels:read", "groups:read"}, "app_home_opened": set()}
# Downloading url_private (an answer shared as a file) needs files:read.
OTHER_SCOPES = {"commands", "files:read"}


def manifest() -> dict:
    return yaml.safe_load((ROOT / "slack-manifest.yaml").read_text(encoding="utf-8"))


def test_every_web_api_method_the_adapter_calls_is_known_here():
    called = {m for path in ADAPTER.glob("*.py") for m in re.findall(r"client\.(\w+)\(", path.read_text())}
    assert called and called <= set(SCOPE_FOR_METHOD), called - set(SCOPE_FOR_METHOD)


def test_scopes_are_exactly_what_the_adapter_needs():
    app = manifest()
    events = app["settings"]["event_subscriptions"]["bot_events"]
    needed = {s for s in SCOPE_FOR_METHOD.values() if s} | OTHER_SCOPES
    for event in events:
        needed |= {SCOPE_FOR_EVENT[event]} if event in SCOPE_FOR_EVENT else SCOPES_FOR_EVENT[event]
    assert sorted(app["oauth_config"]["scopes"]["bot"]) == sorted(needed)
    assert sorted(BOT_SCOPES) == sorted(needed), "an OAuth install asks for the manifest's scopes"
    assert "user" not in app["oauth_config"]["scopes"], "no user-token scopes"


def test_one_quiz_command_thread_reply_events_interactivity_and_socket_mode():
    app = manifest()
    assert [c["command"] for c in app["features"]["slash_commands"]] == ["/quiz"]
    assert sorted(app["settings"]["event_subscriptions"]["bot_events"]) == [
        "app_home_opened",
        "member_joined_channel",
        "message.channels",
        "message.groups",
    ]
    assert app["features"]["slash_commands"][0]["should_escape"] is True, "mentions must keep user ids"
    assert app["features"]["app_home"]["home_tab_enabled"] is True
    assert app["settings"]["interactivity"]["is_enabled"] is True
    assert app["settings"]["socket_mode_enabled"] is True
    assert len(app["display_information"]["name"]) <= 35
    assert len(app["features"]["slash_commands"][0]["description"]) <= 100
