"""A small fake Discord (REST + gateway websocket) that the real discord.py client logs into.

Point `discord.http.Route.BASE` and `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY` at it with
`FakeDiscord.patch`. It runs in the test's own loop on a random port, records every REST call and
gateway frame, and lets a test act as Discord users: slash commands, button clicks, modal submits,
autocomplete and thread messages. Waiting is event-driven (`wait_for`), never a sleep.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import discord.gateway
import discord.http
import pytest
import yarl
from aiohttp import WSMsgType, web

TOKEN = "fake-bot-token-MTIzNDU2.never-log-me"
APP_ID = 900000000000000001
GUILD_ID = 910000000000000001
CHANNEL_ID = 920000000000000001
OWNER_ID = 930000000000000009
MESSAGE_CONTENT = 1 << 15
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 38) | (1 << 31)
HEARTBEAT_MS = 45_000


@dataclass(frozen=True)
class User:
    id: int
    name: str
    admin: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "global_name": self.name.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": False,
            "public_flags": 0,
        }

    def member(self) -> dict[str, Any]:
        permissions = MEMBER_PERMISSIONS | (MANAGE_GUILD if self.admin else 0)
        return {
            "user": self.payload(),
            "roles": [],
            "nick": None,
            "avatar": None,
            "joined_at": "2026-01-01T00:00:00+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "permissions": str(permissions),
        }


ALICE = User(940000000000000001, "alice")
BOB = User(940000000000000002, "bob")
ADMIN = User(940000000000000003, "ada", admin=True)
BOT = {
    "id": str(APP_ID),
    "username": "ScreenPrep",
    "global_name": None,
    "discriminator": "0",
    "avatar": None,
    "bot": True,
    "public_flags": 0,
    "flags": 0,
    "verified": True,
    "mfa_enabled": False,
}


@dataclass
class Call:
    """One REST request the client made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[dict[str, Any]] = field(default_factory=list)

    def matches(self, method: str, pattern: str) -> bool:
        return self.method == method and re.fullmatch(pattern, self.path) is not None


@dataclass
class Interaction:
    """An interaction the fake sent, and what the client answered to it."""

    id: int
    token: str
    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    deleted_original: bool = False


def _now() -> str:
    return datetime.now(UTC).isoformat()


def patch_discord(monkeypatch: pytest.MonkeyPatch, base: str, gateway: str) -> None:
    """Point discord.py at the fake; fails loudly (AttributeError) if the internals moved."""
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(gateway))


class FakeDiscord:
    """Discord as one guild with one text channel, seen from the bot's side."""

    def __init__(self, *, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.frames: list[dict[str, Any]] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {CHANNEL_ID: self._text_channel(CHANNEL_ID, "practice")}
        self.interactions: dict[str, Interaction] = {}
        self.dm_channels: dict[int, int] = {}
        self.dm_closed: set[int] = set()
        self.content_intent_enabled = True
        self.closes: list[int | None] = []
        self.sessions: list[str] = []
        self._ids = itertools.count(950000000000000001)
        self._changed = asyncio.Condition()
        self._socket: web.WebSocketResponse | None = None
        self._open = asyncio.Event()
        self._open.set()
        self._backlog: list[dict[str, Any]] = []
        self._seq = 0
        self._intents = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    # lifecycle

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        patch_discord(monkeypatch, self.base, self.gateway)

    async def close(self) -> None:
        self._open.set()
        if self._socket is not None and not self._socket.closed:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # waiting

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], within: float = 10.0) -> Any:
        """Wait until predicate() is truthy (re-checked on every recorded change) and return its value."""
        async with asyncio.timeout(within), self._changed:
            while not (result := predicate()):
                await self._changed.wait()
            return result

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.matches(method, pattern)]

    def frames_with(self, op: int) -> list[dict[str, Any]]:
        return [f for f in self.frames if f.get("op") == op]

    @property
    def identified(self) -> bool:
        return bool(self.frames_with(2))

    @property
    def connected(self) -> bool:
        return self._socket is not None and not self._socket.closed

    # gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        await self._open.wait()
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_MS}, "s": None, "t": None})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            self.frames.append(frame)
            await self._on_frame(socket, frame)
            await self._notify()
        self.closes.append(socket.close_code)
        if self._socket is socket:
            self._socket = None
        await self._notify()
        return socket

    async def _on_frame(self, socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            self._intents = data["intents"]
            session = f"session-{len(self.sessions) + 1}"
            self.sessions.append(session)
            if self._intents & MESSAGE_CONTENT and not self.content_intent_enabled:
                await socket.close(code=4014, message=b"Disallowed intent(s).")
                return
            await self._send(socket, "READY", self._ready(session))
            await self._send(socket, "GUILD_CREATE", self._guild())
        elif op == 6:
            backlog, self._backlog = self._backlog, []
            for event in backlog:
                await self._send(socket, event["t"], event["d"])
            await self._send(socket, "RESUMED", {})

    async def _send(self, socket: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await socket.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event now, or keep it for the RESUME if the socket is down."""
        if self.connected:
            await self._send(self._socket, event, data)  # type: ignore[arg-type]
        else:
            self._backlog.append({"t": event, "d": data})

    async def drop(self, code: int = 4000, *, hold: bool = False) -> None:
        """Close the gateway socket as a Discord-side failure would; `hold` keeps reconnects waiting."""
        socket, self._socket = self._socket, None
        assert socket is not None, "no gateway connection to drop"
        if hold:
            self._open.clear()
        await socket.close(code=code, message=b"fake drop")

    def reopen(self) -> None:
        """Let a held reconnect through; events dispatched meanwhile are replayed on RESUME."""
        self._open.set()

    @property
    def sequence(self) -> int:
        return self._seq

    @property
    def message_content_intent(self) -> bool:
        return bool(self._intents & MESSAGE_CONTENT)

    def _ready(self, session: str) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT,
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": session,
            "resume_gateway_url": self.gateway,
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    def _guild(self) -> dict[str, Any]:
        bot_member = {**ADMIN.member(), "user": BOT, "roles": []}
        threads = [c for c in self.channels.values() if c["type"] == 11]
        return {
            "id": str(GUILD_ID),
            "name": "Study Group",
            "icon": None,
            "owner_id": str(OWNER_ID),
            "roles": [
                {
                    "id": str(GUILD_ID),
                    "name": "@everyone",
                    "permissions": str(MEMBER_PERMISSIONS),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": [c for c in self.channels.values() if c["type"] != 11],
            "threads": threads,
            "members": [bot_member],
            "member_count": 4,
            "features": [],
            "emojis": [],
            "stickers": [],
            "large": False,
            "unavailable": False,
            "joined_at": "2026-01-01T00:00:00+00:00",
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "premium_tier": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
        }

    def add_forum(self) -> tuple[int, int]:
        """A forum channel with one post (a thread); call before the client connects."""
        forum, post = next(self._ids), next(self._ids)
        self.channels[forum] = {
            **self._text_channel(forum, "questions"),
            "type": 15,
            "available_tags": [],
            "default_reaction_emoji": None,
            "default_sort_order": None,
            "default_forum_layout": 0,
            "flags": 0,
        }
        self.channels[post] = self._thread(post, forum, ALICE.id, "A forum post", 1440)
        return forum, post

    def _text_channel(self, channel_id: int, name: str) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(GUILD_ID),
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "parent_id": None,
            "topic": None,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }

    # REST

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        files: list[dict[str, Any]] = []
        if request.content_type == "multipart/form-data":
            form = await request.post()
            body = json.loads(str(form["payload_json"]))
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files.append({"field": name, "filename": value.filename, "data": value.file.read()})
        else:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else None
        call = Call(request.method, path, dict(request.query), body, files)
        self.calls.append(call)
        try:
            if request.headers.get("Authorization") not in (None, f"Bot {self.token}"):
                return _json({"message": "401: Unauthorized", "code": 0}, 401)
            return await self._route(call)
        finally:
            await self._notify()

    async def _route(self, call: Call) -> web.Response:
        method, path, body = call.method, call.path, call.body
        if call.matches("GET", r"/users/@me"):
            return _json(BOT)
        if call.matches("GET", r"/oauth2/applications/@me"):
            return _json(self._application())
        if match := re.fullmatch(r"/applications/\d+(?:/guilds/(\d+))?/commands", path):
            if method == "PUT":
                return _json(self._sync(int(match[1]) if match[1] else None, body))
            return _json(self.commands.get(int(match[1]) if match[1] else None, []))
        if match := re.fullmatch(r"/channels/(\d+)/messages", path):
            return await self._create_message(int(match[1]), body, call.files)
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path):
            return await self._create_thread(int(match[1]), int(match[2]), body)
        if (match := re.fullmatch(r"/channels/(\d+)", path)) and method == "GET":
            channel = self.channels.get(int(match[1]))
            return _json(channel) if channel else _json({"message": "Unknown Channel", "code": 10003}, 404)
        if call.matches("POST", r"/users/@me/channels"):
            return _json(self._dm_channel(int(body["recipient_id"])))
        if match := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            return self._callback(match[2], body)
        if match := re.fullmatch(r"/webhooks/\d+/([^/]+)", path):
            return self._followup(match[1], body, call.files)
        if match := re.fullmatch(r"/webhooks/\d+/([^/]+)/messages/@original", path):
            return self._original(method, match[1], body)
        return _json({"message": f"fake Discord has no route {method} {path}", "code": 0}, 404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "ScreenPrep",
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": {**ALICE.payload(), "id": str(OWNER_ID)},
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
        }

    def _sync(self, guild_id: int | None, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        synced = [
            {
                **command,
                "id": str(next(self._ids)),
                "application_id": str(APP_ID),
                "version": "1",
                **({"guild_id": str(guild_id)} if guild_id else {}),
            }
            for command in body
        ]
        self.commands[guild_id] = synced
        return synced

    def _message(self, channel_id: int, body: dict[str, Any], author: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id),
            "author": author,
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
        }

    def _attachments(self, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "id": str(next(self._ids)),
                "filename": f["filename"],
                "size": len(f["data"]),
                "url": f"https://cdn.example/{f['filename']}",
                "proxy_url": f"https://media.example/{f['filename']}",
            }
            for f in files
        ]

    async def _create_message(
        self, channel_id: int, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        if channel["type"] == 1 and int(channel["recipients"][0]["id"]) in self.dm_closed:
            return _json({"message": "Cannot send messages to this user", "code": 50007}, 403)
        message = self._message(channel_id, body, BOT)
        message["attachments"] = self._attachments(files)
        if channel["type"] != 1:
            message["guild_id"] = str(GUILD_ID)
        self.messages[int(message["id"])] = message
        return _json(message)

    async def _create_thread(self, channel_id: int, message_id: int, body: dict[str, Any]) -> web.Response:
        thread = self._thread(message_id, channel_id, APP_ID, body["name"], body.get("auto_archive_duration"))
        self.channels[message_id] = thread
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return _json(thread)

    def _thread(self, thread_id: int, parent_id: int, owner_id: int, name: str, archive: int | None) -> dict:
        return {
            "id": str(thread_id),
            "type": 11,
            "guild_id": str(GUILD_ID),
            "parent_id": str(parent_id),
            "owner_id": str(owner_id),
            "name": name,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": archive or 1440,
                "archive_timestamp": _now(),
                "locked": False,
            },
        }

    def _dm_channel(self, user_id: int) -> dict[str, Any]:
        if user_id not in self.dm_channels:
            self.dm_channels[user_id] = next(self._ids)
        channel_id = self.dm_channels[user_id]
        user = next((u for u in (ALICE, BOB, ADMIN) if u.id == user_id), User(user_id, "someone"))
        channel = {"id": str(channel_id), "type": 1, "recipients": [user.payload()], "last_message_id": None}
        self.channels[channel_id] = channel
        return channel

    def _callback(self, token: str, body: dict[str, Any]) -> web.Response:
        interaction = self.interactions[token]
        interaction.callbacks.append(body)
        data = body.get("data") or {}
        response: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.payload["type"],
                "response_message_loading": body["type"] == 5,
                "response_message_ephemeral": bool(data.get("flags", 0) & 64),
            }
        }
        if body["type"] in (4, 5):
            message = self._message(int(interaction.payload["channel_id"]), data, BOT)
            response["interaction"]["response_message_id"] = message["id"]
            response["resource"] = {"type": body["type"], "message": message}
        else:
            response["resource"] = {"type": body["type"]}
        return _json(response)

    def _followup(self, token: str, body: dict[str, Any], files: list[dict[str, Any]]) -> web.Response:
        interaction = self.interactions[token]
        message = self._message(int(interaction.payload["channel_id"]), body, BOT)
        message["webhook_id"] = str(APP_ID)
        message["attachments"] = self._attachments(files)
        interaction.followups.append({**body, "attachments": message["attachments"]} if files else body)
        return _json(message)

    def _original(self, method: str, token: str, body: Any) -> web.Response:
        interaction = self.interactions[token]
        if method == "DELETE":
            interaction.deleted_original = True
            return web.Response(status=204)
        interaction.followups.append(body)
        return _json(self._message(int(interaction.payload["channel_id"]), body or {}, BOT))

    # acting as users

    def _interaction(self, kind: int, user: User, channel_id: int, data: dict[str, Any]) -> Interaction:
        number = next(self._ids)
        token = f"itoken-{number}"
        channel = self.channels[channel_id]
        payload = {
            "id": str(number),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(channel_id),
            "channel": channel,
            "member": user.member(),
            "token": token,
            "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        interaction = Interaction(number, token, payload)
        self.interactions[token] = interaction
        return interaction

    async def _send_interaction(self, interaction: Interaction) -> Interaction:
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction

    def _command_data(self, sub: str, options: dict[str, Any], kind: int = 2) -> dict[str, Any]:
        """`sub` may name a group and its sub-command (`mock start`); a `User` value is a user option."""
        scope, commands = next(iter(self.commands.items()))
        quiz = next(c for c in commands if c["name"] == "quiz")
        *groups, leaf = sub.split()
        option = {"name": leaf, "type": 1, "options": [_option(k, v) for k, v in options.items()]}
        for group in reversed(groups):
            option = {"name": group, "type": 2, "options": [option]}
        data = {"id": quiz["id"], "name": "quiz", "type": 1, "options": [option]}
        users = [v for v in options.values() if isinstance(v, User)]
        if users:
            # Discord sends a picked user's object and member in `resolved`, keyed by id.
            data["resolved"] = {
                "users": {str(u.id): u.payload() for u in users},
                "members": {str(u.id): {k: v for k, v in u.member().items() if k != "user"} for u in users},
            }
        if scope is not None:
            data["guild_id"] = str(scope)
        return data

    async def slash(
        self, sub: str, user: User = ALICE, channel_id: int = CHANNEL_ID, **options: str | int | bool | User
    ) -> Interaction:
        """`/quiz <sub> option:value...` as the synced command tree shows it."""
        return await self._send_interaction(
            self._interaction(2, user, channel_id, self._command_data(sub, options))
        )

    async def autocomplete(self, sub: str, option: str, typed: str, user: User = ALICE) -> Interaction:
        data = self._command_data(sub, {option: typed})
        data["options"][0]["options"][0]["focused"] = True
        return await self._send_interaction(self._interaction(4, user, CHANNEL_ID, data))

    async def click(self, message_id: int, custom_id: str, user: User = ALICE) -> Interaction:
        """Press a button on a message the bot posted."""
        message = self.messages[message_id]
        data = {"custom_id": custom_id, "component_type": 2}
        interaction = self._interaction(3, user, int(message["channel_id"]), data)
        interaction.payload["message"] = message
        return await self._send_interaction(interaction)

    async def submit(
        self, custom_id: str, values: dict[str, str], user: User = ALICE, channel_id: int = CHANNEL_ID
    ) -> Interaction:
        """Submit a modal: action rows of text inputs with their values."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ]
        data = {"custom_id": custom_id, "components": rows}
        return await self._send_interaction(self._interaction(5, user, channel_id, data))

    async def say(
        self, channel_id: int, content: str, user: User = ALICE, *, mention_bot: bool = False
    ) -> int:
        """A user's message; like Discord, its content is empty without the intent unless it mentions us."""
        if mention_bot:
            content = f"<@{APP_ID}> {content}"
        visible = self.message_content_intent or mention_bot
        message = {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": user.payload(),
            "member": {k: v for k, v in user.member().items() if k not in ("user", "permissions")},
            "content": content if visible else "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [BOT] if mention_bot else [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        await self.dispatch("MESSAGE_CREATE", message)
        return int(message["id"])

    # reading what the bot did

    def posts(self, channel_id: int = CHANNEL_ID) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if int(m["channel_id"]) == channel_id]

    def dms(self, user: User) -> list[dict[str, Any]]:
        channel = self.dm_channels.get(user.id)
        return self.posts(channel) if channel else []

    def threads(self) -> list[dict[str, Any]]:
        return [c for c in self.channels.values() if c["type"] == 11]


def _json(payload: Any, status: int = 200) -> web.Response:
    """Exactly `application/json`: discord.py ignores a body whose type carries `; charset=...`."""
    response = web.Response(status=status, body=json.dumps(payload).encode())
    response.headers["Content-Type"] = "application/json"
    return response


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row.get("components", [])]


def _option(name: str, value: str | int | bool | User) -> dict[str, Any]:
    """An interaction option with its type: string 3, integer 4, boolean 5, user 6."""
    if isinstance(value, User):
        return {"name": name, "type": 6, "value": str(value.id)}
    kind = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 3
    return {"name": name, "type": kind, "value": value}
