"""The app manifest asks for exactly what the adapter uses: its scopes, /quiz, events, interactivity."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import adapters.slack

ROOT = Path(__file__).resolve().parents[3]
ADAPTER = Path(adapters.slack.__file__).parent

SCOPE_FOR_METHOD = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "users_info": "users:read",
    "conversations_open": "im:write",
    "views_open": None,
    "auth_test": None,
    "apps_connections_open": None,  # the app-level token's connections:write, made by hand (see the README)
}
SCOPE_FOR_EVENT = {"message.channels": "channels:history", "message.groups": "groups:history"}


def manifest() -> dict:
    return yaml.safe_load((ROOT / "slack-manifest.yaml").read_text(encoding="utf-8"))


def test_every_web_api_method_the_adapter_calls_is_known_here():
    called = {m for path in ADAPTER.glob("*.py") for m in re.findall(r"client\.(\w+)\(", path.read_text())}
    assert called and called <= set(SCOPE_FOR_METHOD), called - set(SCOPE_FOR_METHOD)


def test_scopes_are_exactly_what_the_adapter_needs():
    app = manifest()
    events = app["settings"]["event_subscriptions"]["bot_events"]
    needed = {s for s in SCOPE_FOR_METHOD.values() if s} | {SCOPE_FOR_EVENT[e] for e in events} | {"commands"}
    assert sorted(app["oauth_config"]["scopes"]["bot"]) == sorted(needed)
    assert "user" not in app["oauth_config"]["scopes"], "no user-token scopes"


def test_one_quiz_command_thread_reply_events_interactivity_and_socket_mode():
    app = manifest()
    assert [c["command"] for c in app["features"]["slash_commands"]] == ["/quiz"]
    assert sorted(app["settings"]["event_subscriptions"]["bot_events"]) == [
        "message.channels",
        "message.groups",
    ]
    assert app["settings"]["interactivity"]["is_enabled"] is True
    assert app["settings"]["socket_mode_enabled"] is True
    assert len(app["display_information"]["name"]) <= 35
    assert len(app["features"]["slash_commands"][0]["description"]) <= 100
