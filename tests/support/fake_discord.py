"""A small fake Discord (REST + gateway websocket) that the real discord.py client logs into.

Point `discord.http.Route.BASE` and `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY` at it with
`FakeDiscord.patch`. It runs in the test's own loop on a random port, records every REST call and
gateway frame, and lets a test act as Discord users: slash commands, button clicks (in servers and in
DMs), modal submits, autocomplete and thread messages. Waiting is event-driven (`wait_for`), never a sleep.

It refuses what Discord refuses, with Discord's own status and JSON error codes
(https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes):
missing channel permissions (50013, 50001), late or repeated interaction responses (10062, 40060),
expired interaction tokens (401, 50027), over-long messages, embeds and components (50035), and 429s
with Retry-After. It shards like the gateway does: GET /gateway/bot says how many shards, each
IDENTIFY names its shard, and a guild's events go to shard `(guild_id >> 22) % shards`.
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
BOT_ROLE_ID = 960000000000000001
MESSAGE_CONTENT = 1 << 15
HEARTBEAT_MS = 45_000

# Permission bits: https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
MEMBER_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | SEND_MESSAGES_IN_THREADS | USE_APPLICATION_COMMANDS
INVITE_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)

# Interaction lifetimes: "you must send an initial response within 3 seconds"; "Interaction tokens are
# valid for 15 minutes" (https://discord.com/developers/docs/interactions/receiving-and-responding).
INITIAL_RESPONSE_SECONDS = 3.0
TOKEN_LIFETIME_SECONDS = 15 * 60

# Limits: https://discord.com/developers/docs/resources/message#create-message (content 2000, 10 embeds),
# https://discord.com/developers/docs/resources/message#embed-object-embed-limits (title 256, description
# 4096, 25 fields, name 256, value 1024, footer 2048, author 256, 6000 in all) and
# https://discord.com/developers/docs/components/reference (5 action rows of 5 buttons, custom_id 100,
# label 80; a modal: title 45, 5 text inputs, label 45, max_length 4000, placeholder 100).
CONTENT_LIMIT = 2000
EMBEDS_LIMIT = 10
EMBED_LIMITS = {"title": 256, "description": 4096}
EMBED_TOTAL_LIMIT = 6000
FIELDS_LIMIT = 25
ROWS_LIMIT = 5
ROW_ITEMS_LIMIT = 5
CUSTOM_ID_LIMIT = 100
BUTTON_LABEL_LIMIT = 80
MODAL_TITLE_LIMIT = 45
INPUT_LABEL_LIMIT = 45
INPUT_LENGTH_LIMIT = 4000


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
CAROL = User(940000000000000004, "carol")
PEOPLE = (ALICE, BOB, ADMIN, CAROL)
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


class DiscordError(Exception):
    """A refusal with Discord's HTTP status and JSON error code."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def response(self) -> web.Response:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return _json(body, self.status)


def _invalid(path: str, problem: str) -> DiscordError:
    """400 Invalid Form Body (50035), naming the field as Discord's `errors` object does."""
    return DiscordError(
        400,
        50035,
        "Invalid Form Body",
        {path: {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH", "message": problem}]}},
    )


@dataclass
class Call:
    """One REST request the client made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200

    def matches(self, method: str, pattern: str) -> bool:
        return self.method == method and re.fullmatch(pattern, self.path) is not None


@dataclass
class Interaction:
    """An interaction the fake sent, and what the client answered to it.

    `created` is on the fake's clock; `expire_on_ack` makes its token outlive its 15 minutes as soon as
    it is acknowledged, as if the work after the acknowledgement took that long.
    """

    id: int
    token: str
    payload: dict[str, Any]
    created: float = 0.0
    expire_on_ack: bool = False
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    deleted_original: bool = False


@dataclass
class RateLimit:
    """The next `times` calls matching (method, pattern) get a 429 with Retry-After."""

    method: str
    pattern: str
    times: int
    retry_after: float


def _now() -> str:
    return datetime.now(UTC).isoformat()


def patch_discord(monkeypatch: pytest.MonkeyPatch, base: str, gateway: str) -> None:
    """Point discord.py at the fake; fails loudly (AttributeError) if the internals moved."""
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(gateway))


def shard_of(guild_id: int, shards: int) -> int:
    """https://discord.com/developers/docs/events/gateway#sharding-sharding-formula"""
    return (guild_id >> 22) % shards


class FakeDiscord:
    """Discord as servers with text channels (one server, one channel unless told), seen from the bot."""

    def __init__(self, *, token: str = TOKEN, shards: int = 1) -> None:
        self.token = token
        self.shards = shards
        self.max_concurrency = 1
        self.calls: list[Call] = []
        self.frames: list[dict[str, Any]] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.interactions: dict[str, Interaction] = {}
        self.dm_channels: dict[int, int] = {}
        self.dm_closed: set[int] = set()
        self.attachments: dict[str, bytes] = {}
        self.content_intent_enabled = True
        self.bot_permissions = INVITE_PERMISSIONS
        self.rate_limits: list[RateLimit] = []
        self.closes: list[int | None] = []
        self.sessions: list[str] = []
        self.clock_offset = 0.0
        self._ids = itertools.count(950000000000000001)
        self._changed = asyncio.Condition()
        self._sockets: dict[int, web.WebSocketResponse] = {}
        self._session_shards: dict[str, int] = {}
        self._open = asyncio.Event()
        self._open.set()
        self._backlog: dict[int, list[dict[str, Any]]] = {}
        self._seq = 0
        self._intents = 0
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.add_guild(GUILD_ID, "Study Group")
        self.channels[CHANNEL_ID] = self._text_channel(CHANNEL_ID, "practice", GUILD_ID)

    # lifecycle

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_get("/cdn/{name}", self._cdn)
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
        for socket in list(self._sockets.values()):
            if not socket.closed:
                await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def clock(self) -> float:
        return asyncio.get_running_loop().time() + self.clock_offset

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
        return any(not socket.closed for socket in self._sockets.values())

    # gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        await self._open.wait()
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_MS}, "s": None, "t": None})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            self.frames.append(frame)
            await self._on_frame(socket, frame)
            await self._notify()
        self.closes.append(socket.close_code)
        for shard, open_socket in list(self._sockets.items()):
            if open_socket is socket:
                del self._sockets[shard]
        await self._notify()
        return socket

    async def _on_frame(self, socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d") or {}
        if op == 1:
            await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._identify(socket, data)
        elif op == 6:
            shard = self._session_shards.get(data["session_id"], 0)
            self._sockets[shard] = socket
            backlog, self._backlog[shard] = self._backlog.get(shard, []), []
            for event in backlog:
                await self._send(socket, event["t"], event["d"])
            await self._send(socket, "RESUMED", {})

    async def _identify(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        """IDENTIFY carries `shard: [id, count]`; too few shards close with 4011 Sharding required, any
        other mismatch with 4010 Invalid shard
        (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes).
        """
        self._intents = data["intents"]
        shard, count = data.get("shard") or [0, 1]
        session = f"session-{len(self.sessions) + 1}"
        self.sessions.append(session)
        if self._intents & MESSAGE_CONTENT and not self.content_intent_enabled:
            await socket.close(code=4014, message=b"Disallowed intent(s).")
            return
        if count != self.shards or not 0 <= shard < count:
            await socket.close(code=4011 if count < self.shards else 4010, message=b"Invalid shard.")
            return
        self._session_shards[session] = shard
        self._sockets[shard] = socket
        guilds = [g for g in self.guilds if shard_of(g, self.shards) == shard]
        await self._send(socket, "READY", self._ready(session, shard, guilds))
        by_guild: dict[str, list[dict[str, Any]]] = {}
        for channel in self.channels.values():
            by_guild.setdefault(channel.get("guild_id", ""), []).append(channel)
        for guild_id in guilds:
            await self._send(socket, "GUILD_CREATE", self._guild(guild_id, by_guild.get(str(guild_id), [])))

    async def _send(self, socket: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await socket.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to its guild's shard (DMs go to shard 0), or keep it for the RESUME."""
        guild_id = data.get("guild_id") or (data.get("id") if event == "GUILD_CREATE" else None)
        shard = shard_of(int(guild_id), self.shards) if guild_id else 0
        socket = self._sockets.get(shard)
        if socket is not None and not socket.closed:
            await self._send(socket, event, data)
        else:
            self._backlog.setdefault(shard, []).append({"t": event, "d": data})

    async def drop(self, code: int = 4000, *, hold: bool = False, shard: int = 0) -> None:
        """Close a shard's socket as a Discord-side failure would; `hold` keeps reconnects waiting."""
        socket = self._sockets.pop(shard, None)
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

    def _ready(self, session: str, shard: int, guilds: list[int]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT,
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session,
            "resume_gateway_url": self.gateway,
            "shard": [shard, self.shards],
            "application": {"id": str(APP_ID), "flags": self._application_flags()},
            "private_channels": [],
            "relationships": [],
        }

    def _application_flags(self) -> int:
        """GATEWAY_MESSAGE_CONTENT_LIMITED (1 << 19): the portal switch of a bot in under 100 servers."""
        return (1 << 19) if self.content_intent_enabled else 0

    # servers, channels and permissions

    def add_guild(
        self, guild_id: int | None = None, name: str = "Another Server", *, system_channel: bool = False
    ) -> int:
        """A server the bot is in, with no channels yet (see `add_channel`)."""
        guild_id = guild_id or next(self._ids)
        self.guilds[guild_id] = {"name": name, "system_channel_id": None, "system": system_channel}
        return guild_id

    def add_channel(self, guild_id: int, name: str, *, position: int = 0) -> int:
        channel_id = next(self._ids)
        self.channels[channel_id] = {**self._text_channel(channel_id, name, guild_id), "position": position}
        if self.guilds[guild_id]["system"] and self.guilds[guild_id]["system_channel_id"] is None:
            self.guilds[guild_id]["system_channel_id"] = str(channel_id)
        return channel_id

    def guild_with_shard(self, shard: int) -> int:
        """A fresh snowflake whose guild lands on `shard`."""
        while shard_of(candidate := next(self._ids), self.shards) != shard:
            pass
        return candidate

    async def join(self, guild_id: int) -> None:
        """The bot was just added to this server: GUILD_CREATE after READY without `unavailable`, which
        discord.py's `parse_guild_create` dispatches as `guild_join` (a returning guild says `false`)."""
        joined = self._guild(guild_id)
        del joined["unavailable"]
        await self.dispatch("GUILD_CREATE", joined)

    def deny(self, channel_id: int, permissions: int) -> None:
        """Deny the bot's role these permissions in one channel (call before the client connects)."""
        self.channels[channel_id]["permission_overwrites"].append(
            {"id": str(BOT_ROLE_ID), "type": 0, "allow": "0", "deny": str(permissions)}
        )

    def bot_permissions_in(self, channel_id: int) -> int:
        """Discord's computation: base from roles, then the channel's overwrites; threads use their parent's.

        https://discord.com/developers/docs/topics/permissions#permission-overwrites
        """
        channel = self.channels[channel_id]
        if channel["type"] == 11:
            channel = self.channels[int(channel["parent_id"])]
        permissions = MEMBER_PERMISSIONS | self.bot_permissions
        if permissions & ADMINISTRATOR:
            return -1
        guild_id = int(channel["guild_id"])
        for target in (str(guild_id), str(BOT_ROLE_ID), str(APP_ID)):
            for overwrite in channel["permission_overwrites"]:
                if overwrite["id"] == target:
                    permissions = (permissions & ~int(overwrite["deny"])) | int(overwrite["allow"])
        return permissions

    def _require(self, channel_id: int, needed: int) -> None:
        """403 Missing Access (50001) without View Channel; 403 Missing Permissions (50013) otherwise."""
        have = self.bot_permissions_in(channel_id)
        if not have & VIEW_CHANNEL:
            raise DiscordError(403, 50001, "Missing Access")
        if needed & ~have:
            raise DiscordError(403, 50013, "Missing Permissions")

    def _guild(self, guild_id: int, mine: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The GUILD_CREATE payload; `mine` are its channels, when the caller has them at hand."""
        guild = self.guilds[guild_id]
        bot_member = {**ADMIN.member(), "user": BOT, "roles": [str(BOT_ROLE_ID)]}
        del bot_member["permissions"]
        if mine is None:
            mine = [c for c in self.channels.values() if c.get("guild_id") == str(guild_id)]
        return {
            "id": str(guild_id),
            "name": guild["name"],
            "icon": None,
            "owner_id": str(OWNER_ID),
            "roles": [
                _role(guild_id, "@everyone", MEMBER_PERMISSIONS, managed=False),
                _role(BOT_ROLE_ID, "ScreenPrep", self.bot_permissions, managed=True),
            ],
            "channels": [c for c in mine if c["type"] != 11],
            "threads": [c for c in mine if c["type"] == 11],
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
            "system_channel_id": guild["system_channel_id"],
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
        }

    def add_forum(self) -> tuple[int, int]:
        """A forum channel with one post (a thread); call before the client connects."""
        forum, post = next(self._ids), next(self._ids)
        self.channels[forum] = {
            **self._text_channel(forum, "questions", GUILD_ID),
            "type": 15,
            "available_tags": [],
            "default_reaction_emoji": None,
            "default_sort_order": None,
            "default_forum_layout": 0,
            "flags": 0,
        }
        self.channels[post] = self._thread(post, forum, ALICE.id, "A forum post", 1440)
        return forum, post

    def _text_channel(self, channel_id: int, name: str, guild_id: int) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
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
            if (limited := self._rate_limited(call)) is not None:
                return limited
            try:
                return await self._route(call)
            except DiscordError as refusal:
                call.status = refusal.status
                return refusal.response()
        finally:
            await self._notify()

    def rate_limit(self, method: str, pattern: str, *, times: int = 1, retry_after: float = 0.05) -> None:
        """The next `times` matching calls are answered 429, as a per-route limit would be."""
        self.rate_limits.append(RateLimit(method, pattern, times, retry_after))

    def _rate_limited(self, call: Call) -> web.Response | None:
        """429 with Retry-After, the X-RateLimit-* headers and a JSON `retry_after`.

        https://discord.com/developers/docs/topics/rate-limits#header-format; discord.py treats a 429
        without a `Via` header as a Cloudflare ban, so like Discord's edge the fake sends one.
        """
        limit = next((r for r in self.rate_limits if r.times and call.matches(r.method, r.pattern)), None)
        if limit is None:
            return None
        limit.times -= 1
        call.status = 429
        body = {"message": "You are being rate limited.", "retry_after": limit.retry_after, "global": False}
        response = _json(body, 429)
        response.headers.update(
            {
                "Retry-After": str(max(1, round(limit.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{datetime.now(UTC).timestamp() + limit.retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{limit.retry_after:.3f}",
                "X-RateLimit-Bucket": "fake-bucket",
                "X-RateLimit-Scope": "user",
                "Via": "1.1 google",
            }
        )
        return response

    async def _route(self, call: Call) -> web.Response:
        method, path, body = call.method, call.path, call.body
        if call.matches("GET", r"/users/@me"):
            return _json(BOT)
        if call.matches("GET", r"/oauth2/applications/@me"):
            return _json(self._application())
        if call.matches("GET", r"/gateway/bot"):
            return _json(self._bot_gateway())
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

    def _bot_gateway(self) -> dict[str, Any]:
        """https://discord.com/developers/docs/events/gateway#get-gateway-bot"""
        return {
            "url": self.gateway,
            "shards": self.shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 86_400_000,
                "max_concurrency": self.max_concurrency,
            },
        }

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
            "flags": self._application_flags(),
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
        _check_message(body)
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
        return [self.attachment(f["filename"], f["data"]) for f in files]

    def attachment(self, filename: str, data: bytes) -> dict[str, Any]:
        """An uploaded file, served back from the fake CDN as Discord's CDN serves attachments."""
        self.attachments[filename] = data
        url = f"http://127.0.0.1:{self.port}/cdn/{filename}"
        return {
            "id": str(next(self._ids)),
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
        }

    async def _cdn(self, request: web.Request) -> web.Response:
        data = self.attachments.get(request.match_info["name"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    async def _create_message(
        self, channel_id: int, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> web.Response:
        """https://discord.com/developers/docs/resources/message#create-message: Send Messages (Send
        Messages in Threads in a thread), Attach Files for uploads and Embed Links for embeds."""
        channel = self.channels.get(channel_id)
        if channel is None:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        if channel["type"] == 1 and int(channel["recipients"][0]["id"]) in self.dm_closed:
            return _json({"message": "Cannot send messages to this user", "code": 50007}, 403)
        if channel["type"] != 1:
            needed = SEND_MESSAGES_IN_THREADS if channel["type"] == 11 else SEND_MESSAGES
            needed |= (ATTACH_FILES if files else 0) | (EMBED_LINKS if body.get("embeds") else 0)
            self._require(channel_id, needed)
        message = self._message(channel_id, body, BOT)
        message["attachments"] = self._attachments(files)
        if channel["type"] != 1:
            message["guild_id"] = channel["guild_id"]
        self.messages[int(message["id"])] = message
        return _json(message)

    async def _create_thread(self, channel_id: int, message_id: int, body: dict[str, Any]) -> web.Response:
        self._require(channel_id, CREATE_PUBLIC_THREADS)
        thread = self._thread(message_id, channel_id, APP_ID, body["name"], body.get("auto_archive_duration"))
        self.channels[message_id] = thread
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return _json(thread)

    def _thread(self, thread_id: int, parent_id: int, owner_id: int, name: str, archive: int | None) -> dict:
        return {
            "id": str(thread_id),
            "type": 11,
            "guild_id": self.channels[parent_id]["guild_id"],
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
        user = next((u for u in PEOPLE if u.id == user_id), User(user_id, "someone"))
        channel = {"id": str(channel_id), "type": 1, "recipients": [user.payload()], "last_message_id": None}
        self.channels[channel_id] = channel
        return channel

    def _interaction_for(self, token: str, *, initial: bool) -> Interaction:
        """The interaction a token belongs to, if Discord would still accept this response to it.

        An initial response after 3 seconds: 404 Unknown interaction (10062); a second one: 400 Interaction
        has already been acknowledged (40060); anything after 15 minutes: 401 Invalid Webhook Token (50027).
        """
        interaction = self.interactions.get(token)
        if interaction is None:
            raise DiscordError(404, 10062, "Unknown interaction")
        age = self.clock() - interaction.created
        if initial and interaction.callbacks:
            interaction.refused.append(40060)
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        if initial and age > INITIAL_RESPONSE_SECONDS:
            interaction.refused.append(10062)
            raise DiscordError(404, 10062, "Unknown interaction")
        if not initial and not interaction.callbacks:
            raise DiscordError(404, 10015, "Unknown Webhook")
        if not initial and age > TOKEN_LIFETIME_SECONDS:
            interaction.refused.append(50027)
            raise DiscordError(401, 50027, "Invalid Webhook Token")
        return interaction

    def _callback(self, token: str, body: dict[str, Any]) -> web.Response:
        interaction = self._interaction_for(token, initial=True)
        data = body.get("data") or {}
        if body["type"] == 9:
            _check_modal(data)
        interaction.callbacks.append(body)
        if interaction.expire_on_ack:
            interaction.created -= TOKEN_LIFETIME_SECONDS + 1
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
        interaction = self._interaction_for(token, initial=False)
        message = self._message(int(interaction.payload["channel_id"]), body, BOT)
        message["webhook_id"] = str(APP_ID)
        message["attachments"] = self._attachments(files)
        interaction.followups.append({**body, "attachments": message["attachments"]} if files else body)
        return _json(message)

    def _original(self, method: str, token: str, body: Any) -> web.Response:
        interaction = self._interaction_for(token, initial=False)
        if method == "DELETE":
            interaction.deleted_original = True
            return web.Response(status=204)
        interaction.followups.append(body)
        return _json(self._message(int(interaction.payload["channel_id"]), body or {}, BOT))

    # acting as users

    def new_interaction(self, kind: int, user: User, channel_id: int, data: dict[str, Any]) -> Interaction:
        """In a server: `guild_id` and `member`; in a DM: `user` and neither of those.

        https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
        ("member is sent when the interaction is invoked in a guild, and user is sent when invoked in a DM").
        """
        number = next(self._ids)
        token = f"itoken-{number}"
        channel = self.channels[channel_id]
        payload: dict[str, Any] = {
            "id": str(number),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "channel_id": str(channel_id),
            "channel": channel,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if channel["type"] == 1:
            payload |= {
                "user": user.payload(),
                "app_permissions": str(VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES),
                "authorizing_integration_owners": {"0": str(OWNER_ID)},
                "context": 1,
            }
        else:
            guild_id = channel["guild_id"]
            payload |= {
                "guild_id": guild_id,
                "member": user.member(),
                "app_permissions": str(self.bot_permissions_in(channel_id) & ((1 << 53) - 1)),
                "guild_locale": "en-US",
                "authorizing_integration_owners": {"0": guild_id},
                "context": 0,
            }
        interaction = Interaction(number, token, payload, created=self.clock())
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
        self,
        sub: str,
        user: User = ALICE,
        channel_id: int = CHANNEL_ID,
        *,
        expire_on_ack: bool = False,
        **options: str | int | bool | User,
    ) -> Interaction:
        """`/quiz <sub> option:value...` as the synced command tree shows it."""
        interaction = self.new_interaction(2, user, channel_id, self._command_data(sub, options))
        interaction.expire_on_ack = expire_on_ack
        return await self._send_interaction(interaction)

    async def autocomplete(self, sub: str, option: str, typed: str, user: User = ALICE) -> Interaction:
        data = self._command_data(sub, {option: typed})
        data["options"][0]["options"][0]["focused"] = True
        return await self._send_interaction(self.new_interaction(4, user, CHANNEL_ID, data))

    async def click(self, message_id: int, custom_id: str, user: User = ALICE) -> Interaction:
        """Press a button on a message the bot posted, in a server channel or in a DM."""
        message = self.messages[message_id]
        data = {"custom_id": custom_id, "component_type": 2}
        interaction = self.new_interaction(3, user, int(message["channel_id"]), data)
        interaction.payload["message"] = message
        return await self._send_interaction(interaction)

    async def submit(
        self,
        custom_id: str,
        values: dict[str, str],
        user: User = ALICE,
        channel_id: int = CHANNEL_ID,
        *,
        expire_on_ack: bool = False,
    ) -> Interaction:
        """Submit a modal: action rows of text inputs with their values."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ]
        data = {"custom_id": custom_id, "components": rows}
        interaction = self.new_interaction(5, user, channel_id, data)
        interaction.expire_on_ack = expire_on_ack
        return await self._send_interaction(interaction)

    async def say(
        self,
        channel_id: int,
        content: str,
        user: User = ALICE,
        *,
        mention_bot: bool = False,
        files: dict[str, bytes] | None = None,
    ) -> int:
        """A user's message; like Discord, without the intent its content and attachments are empty
        unless it mentions us (https://discord.com/developers/docs/events/gateway#message-content-intent)."""
        if mention_bot:
            content = f"<@{APP_ID}> {content}"
        visible = self.message_content_intent or mention_bot
        uploaded = [self.attachment(name, data) for name, data in (files or {}).items()]
        message = {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id),
            "guild_id": self.channels[channel_id]["guild_id"],
            "author": user.payload(),
            "member": {k: v for k, v in user.member().items() if k not in ("user", "permissions")},
            "content": content if visible else "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [BOT] if mention_bot else [],
            "mention_roles": [],
            "attachments": uploaded if visible else [],
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

    def refusals(self) -> list[Call]:
        """Calls Discord would have refused (4xx other than 404 for unknown routes)."""
        return [c for c in self.calls if 400 <= c.status < 500]


def _role(role_id: int, name: str, permissions: int, *, managed: bool) -> dict[str, Any]:
    return {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": 1 if managed else 0,
        "color": 0,
        "hoist": False,
        "managed": managed,
        "mentionable": False,
        "flags": 0,
        **({"tags": {"bot_id": str(APP_ID)}} if managed else {}),
    }


def _check_message(body: dict[str, Any]) -> None:
    """Discord's message limits, refused as 400 Invalid Form Body (50035) like the real API."""
    if len(body.get("content") or "") > CONTENT_LIMIT:
        raise _invalid("content", f"Must be {CONTENT_LIMIT} or fewer in length.")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_LIMIT:
        raise _invalid("embeds", f"Must be {EMBEDS_LIMIT} or fewer in length.")
    for index, embed in enumerate(embeds):
        _check_embed(index, embed)
    _check_components(body.get("components") or [])


def _check_embed(index: int, embed: dict[str, Any]) -> None:
    for key, limit in EMBED_LIMITS.items():
        if len(embed.get(key) or "") > limit:
            raise _invalid(f"embeds.{index}.{key}", f"Must be {limit} or fewer in length.")
    fields = embed.get("fields") or []
    if len(fields) > FIELDS_LIMIT:
        raise _invalid(f"embeds.{index}.fields", f"Must be {FIELDS_LIMIT} or fewer in length.")
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    total += len((embed.get("footer") or {}).get("text") or "") + len(
        (embed.get("author") or {}).get("name") or ""
    )
    if total > EMBED_TOTAL_LIMIT:
        raise _invalid(f"embeds.{index}", f"Embed size exceeds maximum size of {EMBED_TOTAL_LIMIT}")


def _check_components(rows: list[dict[str, Any]]) -> None:
    if len(rows) > ROWS_LIMIT:
        raise _invalid("components", f"Must be {ROWS_LIMIT} or fewer in length.")
    for index, row in enumerate(rows):
        items = row.get("components") or []
        if len(items) > ROW_ITEMS_LIMIT:
            raise _invalid(f"components.{index}.components", f"Must be {ROW_ITEMS_LIMIT} or fewer in length.")
        for item in items:
            if len(item.get("custom_id") or "") > CUSTOM_ID_LIMIT:
                raise _invalid(
                    f"components.{index}.custom_id", f"Must be {CUSTOM_ID_LIMIT} or fewer in length."
                )
            if len(item.get("label") or "") > BUTTON_LABEL_LIMIT:
                raise _invalid(
                    f"components.{index}.label", f"Must be {BUTTON_LABEL_LIMIT} or fewer in length."
                )


def _check_modal(data: dict[str, Any]) -> None:
    if len(data.get("title") or "") > MODAL_TITLE_LIMIT:
        raise _invalid("data.title", f"Must be {MODAL_TITLE_LIMIT} or fewer in length.")
    if len(data.get("components") or []) > ROWS_LIMIT:
        raise _invalid("data.components", f"Must be {ROWS_LIMIT} or fewer in length.")
    for item in _inputs(data.get("components") or []):
        if len(item.get("label") or "") > INPUT_LABEL_LIMIT:
            raise _invalid("data.components.label", f"Must be {INPUT_LABEL_LIMIT} or fewer in length.")
        if (item.get("max_length") or 0) > INPUT_LENGTH_LIMIT:
            raise _invalid("data.components.max_length", f"int value should be <= {INPUT_LENGTH_LIMIT}.")
        if len(item.get("custom_id") or "") > CUSTOM_ID_LIMIT:
            raise _invalid("data.components.custom_id", f"Must be {CUSTOM_ID_LIMIT} or fewer in length.")


def _inputs(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Text inputs in a modal, inside action rows (type 1) or labels (type 18)."""
    found = []
    for component in components:
        if component.get("type") == 4:
            found.append(component)
        found += _inputs(component.get("components") or [])
        if "component" in component:
            found += _inputs([component["component"]])
    return found


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
