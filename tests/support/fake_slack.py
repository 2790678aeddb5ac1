"""A local Slack for tests: Web API, response_url and Socket Mode on 127.0.0.1, in the test's own loop.

It records every Web API call the bot makes (checking tokens, scopes and Block Kit limits as Slack does)
and plays Slack's side towards the bot: signed HTTP requests in HTTP mode, envelopes in Socket Mode.
Like Slack it grants only the scopes in slack-manifest.yaml, escapes slash-command mentions when the
manifest asks, expires trigger ids, serves url_private files, takes v2 uploads, and installs workspaces
through oauth.v2.access, each with its own bot token. Tests wait on recorded calls with a deadline.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from aiohttp import ClientSession, WSMsgType, web

BOT_TOKEN = "xoxb-1111-2222-fakebottokenneverlog"
APP_TOKEN = "xapp-1-A0APP-3333-fakeapptoken"
SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543"
TEAM = "T0TEAM"
BOT_USER = "U0BOT"
BOT_ID = "B0BOT"
CHANNEL = "C0QUIZ"

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"

MAX_BLOCKS = 50
_EVENT_IDS = itertools.count(1)
MAX_MODAL_BLOCKS = 100
# A trigger works once, within 3 seconds: views.open's documented errors are `expired_trigger_id` ("The
# trigger_id is expired") and `exchanged_trigger_id` ("already exchanged in a previous call"), and the
# older dialog.open names the limit: "trigger_expired: presented after the 3 second limit" (Slack's method
# specs as shipped in slack_kit: priv/docs/methods/views.open.json and dialog.open.json;
# https://docs.slack.dev/reference/methods/views.open).
TRIGGER_SECONDS = 3.0
# The app's manifest decides what the fake grants: its bot scopes and the slash command's should_escape.
MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[2] / "slack-manifest.yaml").read_text("utf-8"))
# Methods needing a scope beyond chat:write: each method's "Required scopes" at
# https://docs.slack.dev/reference/methods/<method>.
SCOPE_NEEDED = {
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
    "users.info": "users:read",
    "conversations.open": "im:write",
}
_WORD_MENTION = re.compile(r"(?<![<\w])@([a-z0-9._-]+)")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    status: int = 200
    team: str = ""
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))

    def action_ids(self) -> list[str]:
        return [
            element["action_id"]
            for block in self.params.get("blocks") or []
            if block.get("type") == "actions"
            for element in block["elements"]
        ]

    def all_text(self) -> str:
        """Fallback text and every text in the blocks, for assertions about what a person sees."""
        texts = [str(self.params.get("text", ""))]
        for block in self.params.get("blocks") or []:
            texts.extend(_texts(block))
        return "\n".join(texts)


@dataclass
class Delivered:
    """Slack's view of one request to the bot: the HTTP status (or 200 for a socket ack) and timing."""

    status: int
    body: str
    seconds: float


@dataclass
class _Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        for key, value in node.items():
            if key != "text" or not isinstance(value, str):
                found.extend(_texts(value))
        return found
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request signature headers: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def block_problems(blocks: Any) -> list[str]:
    """What real Slack would reject in a message's blocks (documented Block Kit limits)."""
    if not isinstance(blocks, list):
        return ["blocks must be a list"]
    problems = [f"{len(blocks)} blocks, more than {MAX_BLOCKS}"] if len(blocks) > MAX_BLOCKS else []
    action_ids: list[str] = []
    for number, block in enumerate(blocks):
        where = f"block {number} ({block.get('type')})"
        kind = block.get("type")
        if kind == "section":
            text = (block.get("text") or {}).get("text")
            fields = block.get("fields") or []
            if text is None and not fields:
                problems.append(f"{where}: a section needs text or fields")
            if text is not None and not 1 <= len(text) <= 3000:
                problems.append(f"{where}: section text of {len(text)} chars (1-3000)")
            if len(fields) > 10:
                problems.append(f"{where}: {len(fields)} fields, more than 10")
            problems += [f"{where}: field of {len(f['text'])} chars" for f in fields if len(f["text"]) > 2000]
            problems += [f"{where}: empty field" for f in fields if not f["text"]]
        elif kind == "header":
            text = block["text"]
            if text.get("type") != "plain_text" or not 1 <= len(text.get("text", "")) <= 150:
                problems.append(f"{where}: header must be plain_text of 1-150 chars")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                problems.append(f"{where}: {len(elements)} elements (1-25)")
            for element in elements:
                if not 1 <= len(element["text"]["text"]) <= 75:
                    problems.append(f"{where}: button text of {len(element['text']['text'])} chars")
                if not 1 <= len(element["action_id"]) <= 255:
                    problems.append(f"{where}: action_id of {len(element['action_id'])} chars")
                action_ids.append(element["action_id"])
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                problems.append(f"{where}: {len(elements)} context elements (1-10)")
            problems += [f"{where}: context text too long" for e in elements if len(e.get("text", "")) > 3000]
        elif kind == "table":
            # https://docs.slack.dev/reference/block-kit/blocks/table-block: 1-100 rows of 1-20 cells,
            # each raw_text or rich_text; one table per message (only_one_table_allowed).
            rows = block.get("rows") or []
            if not 1 <= len(rows) <= 100:
                problems.append(f"{where}: {len(rows)} rows (1-100)")
            for row in rows:
                if not 1 <= len(row) <= 20:
                    problems.append(f"{where}: a row of {len(row)} cells (1-20)")
                problems += [
                    f"{where}: cell {cell!r}"
                    for cell in row
                    if cell.get("type") not in ("raw_text", "rich_text")
                    or (cell.get("type") == "raw_text" and not cell.get("text"))
                ]
        elif kind != "divider":
            problems.append(f"{where}: unexpected block type")
    if sum(1 for block in blocks if block.get("type") == "table") > 1:
        problems.append("only_one_table_allowed")
    if len(set(action_ids)) != len(action_ids):
        problems.append("duplicate action_id in one message")
    return problems


def view_problems(view: dict[str, Any]) -> list[str]:
    """What real Slack would reject in a modal."""
    problems = []
    for key in ("title", "submit", "close"):
        text = (view.get(key) or {}).get("text", "")
        if key == "title" and not text:
            problems.append("a modal needs a title")
        if len(text) > 24:
            problems.append(f"{key} of {len(text)} chars, more than 24")
    if len(view.get("callback_id", "")) > 255:
        problems.append("callback_id longer than 255")
    if len(view.get("private_metadata", "")) > 3000:
        problems.append("private_metadata longer than 3000")
    blocks = view.get("blocks") or []
    if not 1 <= len(blocks) <= MAX_MODAL_BLOCKS:
        problems.append(f"{len(blocks)} modal blocks")
    for block in blocks:
        if block.get("type") != "input":
            continue
        element = block["element"]
        if not 1 <= len(block["label"]["text"]) <= 2000:
            problems.append("input label length")
        if not 1 <= element.get("max_length", 3000) <= 3000:
            problems.append("plain_text_input max_length must be 1-3000")
        if len((element.get("placeholder") or {}).get("text", "")) > 150:
            problems.append("placeholder longer than 150")
    return problems


class FakeSlack:
    """Slack's Web API, response_url and Socket Mode server, plus Slack's side of the conversation."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[dict[str, Any]] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.outside: set[str] = set()
        self.acks: dict[str, dict[str, Any]] = {}
        self.connections = 0
        self.transport = "http"
        self.app_url = ""
        self.should_escape = bool(MANIFEST["features"]["slash_commands"][0].get("should_escape"))
        self.scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
        self.tokens: dict[str, str] = {BOT_TOKEN: TEAM}
        self.bot_users: dict[str, str] = {TEAM: BOT_USER}
        self.codes: dict[str, str] = {}
        self.trigger_seconds = TRIGGER_SECONDS
        self.triggers: dict[str, float] = {}
        self.files: dict[str, bytes] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.shared: list[dict[str, Any]] = []
        self.homes: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._changed = asyncio.Condition()
        self._numbers = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self.port = 0

    async def __aenter__(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/link", self._socket)
        app.router.add_get("/files-pri/{file}", self._file)
        app.router.add_post("/upload/{file}", self._upload)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._session = ClientSession()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str = "r") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{key}"

    def add_user(
        self, user_id: str, name: str, *, admin: bool = False, owner: bool = False, handle: str = ""
    ) -> str:
        """A member; `handle` is the username typed after @ when it differs from the display name."""
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM,
            "name": handle or name.lower(),
            "real_name": name,
            "is_admin": admin,
            "is_owner": owner,
            "is_primary_owner": False,
            "is_bot": False,
            "profile": {"display_name": name, "real_name": name},
        }
        return user_id

    def fail_next(
        self, method: str, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        """The next call to `method` gets this answer instead of the normal one.

        A rate limit is HTTP 429 with a Retry-After header in seconds and `{"ok": false, "error":
        "ratelimited"}` (https://docs.slack.dev/apis/web-api/rate-limits); slack_sdk's
        AsyncRateLimitErrorRetryHandler waits that long and retries.
        """
        self._failures.setdefault(method, []).append(_Failure(status, body, headers or {}))

    # -- what the bot did ------------------------------------------------------------------------

    def calls_to(self, method: str, where: Callable[[Call], bool] = lambda call: True) -> list[Call]:
        return [call for call in self.calls if call.method == method and where(call)]

    async def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda call: True,
        *,
        count: int = 1,
        within: float = 5.0,
    ) -> list[Call]:
        """The matching calls, once there are at least `count` of them; fails after `within` seconds."""
        await self._until(lambda: len(self.calls_to(method, where)) >= count, within, method)
        return self.calls_to(method, where)

    async def wait_until(self, condition: Callable[[], bool], *, within: float = 5.0) -> None:
        await self._until(condition, within, "condition")

    async def _until(self, condition: Callable[[], bool], within: float, what: str) -> None:
        try:
            async with asyncio.timeout(within), self._changed:
                await self._changed.wait_for(condition)
        except TimeoutError:
            seen = [f"{c.method}:{c.response.get('error') or 'ok'}" for c in self.calls]
            raise AssertionError(f"timed out waiting for {what}; calls so far: {seen}") from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def questions(self, channel: str = CHANNEL) -> list[Call]:
        """Question cards the bot posted (they carry the answer buttons)."""
        return self.calls_to(
            "chat.postMessage",
            lambda c: (
                c.ok and c.params.get("channel") == channel and any("quiz:" in a for a in c.action_ids())
            ),
        )

    def ephemerals(self, user: str) -> list[Call]:
        return self.calls_to("chat.postEphemeral", lambda c: c.ok and c.params.get("user") == user)

    # -- Slack's Web API -------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        if isinstance(params.get("blocks"), str):
            params["blocks"] = json.loads(params["blocks"])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        call = Call(
            method, params, token, asyncio.get_running_loop().time(), team=self.tokens.get(token or "", "")
        )
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            call.status, call.response = failure.status, failure.body
            headers = failure.headers
        elif method == "oauth.v2.access":
            headers = {}
            call.response = self._oauth(params, auth)
        else:
            headers = {}
            call.response = self._answer(method, params, token)
        # Recorded only once the bot has its answer: a test that sees a call may act on its result at
        # once (reply in the thread of a posted card), as a person can only after Slack shows the post.
        response = web.json_response(call.response, status=call.status, headers=headers)
        await response.prepare(request)
        await response.write_eof()
        self.calls.append(call)
        await self._notify()
        return response

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "apps.connections.open":
            if token != APP_TOKEN:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"}
        team = self.tokens.get(token or "")
        if team is None:
            return {"ok": False, "error": "invalid_auth"}
        needed = SCOPE_NEEDED.get(method)
        if needed and needed not in self.scopes:
            return {
                "ok": False,
                "error": "missing_scope",
                "needed": needed,
                "provided": ",".join(self.scopes),
            }
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": f"Team {team}",
                "user": "screenprep",
                "team_id": team,
                "user_id": self.bot_users[team],
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method.startswith("files."):
            return self._files_api(method, params)
        if method == "views.publish":
            return self._publish(params)
        if method in ("chat.postMessage", "chat.postEphemeral"):
            return self._message(method, params)
        if method == "views.open":
            issued = self.triggers.pop(params.get("trigger_id") or "", None)
            if issued is None:
                return {"ok": False, "error": "invalid_trigger_id"}
            if asyncio.get_running_loop().time() - issued > self.trigger_seconds:
                return {"ok": False, "error": "expired_trigger_id"}
            problems = view_problems(params.get("view") or {})
            if problems:
                return {"ok": False, "error": "invalid_arguments", "errors": problems}
            return {"ok": True, "view": {"id": f"V{next(self._numbers)}", **params["view"]}}
        if method == "users.info":
            user = self.users.get(params.get("user", ""))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "")).split(",")[0]}}
        if method == "reactions.add":
            return {"ok": True}
        return {"ok": False, "error": "unknown_method"}

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel", "")
        if channel in self.outside:
            return {"ok": False, "error": "not_in_channel"}
        if not params.get("text") and not params.get("blocks"):
            return {"ok": False, "error": "no_text"}
        if len(params.get("text", "")) > 40_000:
            return {"ok": False, "error": "msg_too_long"}
        problems = block_problems(params.get("blocks") or [])
        if problems:
            return {"ok": False, "error": "invalid_blocks", "errors": problems}
        number = next(self._numbers)
        ts = f"{1_700_000_000 + number}.{number:06d}"
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        message = {
            "type": "message",
            "ts": ts,
            "user": BOT_USER,
            "bot_id": BOT_ID,
            "text": params.get("text"),
        }
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _trigger(self) -> str:
        """A fresh trigger_id, good for one views.open within `trigger_seconds`."""
        trigger = f"trig-{next(self._numbers)}"
        self.triggers[trigger] = asyncio.get_running_loop().time()
        return trigger

    # -- OAuth, files and the App Home ---------------------------------------------------------

    def authorize(self, team: str) -> str:
        """What Slack's authorize page does when an admin of `team` approves the install: a one-time code."""
        code = f"code-{team}-{next(self._numbers)}"
        self.codes[code] = team
        return code

    def _oauth(self, params: dict[str, Any], auth: str) -> dict[str, Any]:
        """oauth.v2.access (https://docs.slack.dev/reference/methods/oauth.v2.access): the client's id and
        secret by HTTP Basic auth (as slack_sdk's `oauth_v2_access` sends them), a code good once."""
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if auth != expected:
            return {"ok": False, "error": "invalid_client_id"}
        team = self.codes.pop(str(params.get("code", "")), None)
        if team is None:
            return {"ok": False, "error": "invalid_code"}
        token = f"xoxb-{team}-{next(self._numbers)}-fakeinstalledtoken"
        self.tokens[token] = team
        self.bot_users[team] = f"U0BOT{team}"
        return {
            "ok": True,
            "access_token": token,
            "token_type": "bot",
            "scope": ",".join(sorted(self.scopes)),
            "bot_user_id": self.bot_users[team],
            "app_id": "A0APP",
            "team": {"id": team, "name": f"Team {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U0INSTALLER"},
        }

    def token_of(self, team: str) -> str:
        """The workspace's newest bot token (a reinstall issues a new one)."""
        return [token for token, owner in self.tokens.items() if owner == team][-1]

    def add_file(
        self, name: str, content: bytes, *, filetype: str, mimetype: str, mode: str = "hosted"
    ) -> dict:
        """A file someone shared, as a message event's `files` entry shows it."""
        file_id = f"F{next(self._numbers):08d}"
        self.files[file_id] = content
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype,
            "pretty_type": filetype.capitalize(),
            "mode": mode,
            "size": len(content),
            "url_private": f"http://127.0.0.1:{self.port}/files-pri/{file_id}",
            "url_private_download": f"http://127.0.0.1:{self.port}/files-pri/{file_id}",
        }

    async def _file(self, request: web.Request) -> web.Response:
        """url_private: the bytes with a bot token that may read files; otherwise Slack's sign-in page,
        with status 200 (https://docs.slack.dev/messaging/working-with-files#authenticating). Seen in
        practice: without `files:read`, Slack answers a Bearer token with an HTML login page, not the file
        (nlink-jp/scli v1.7.2 release notes; gist ErikKalkoken/f3ab28617d5099531ded865d111dbac1)."""
        auth = request.headers.get("Authorization", "")
        content = self.files.get(request.match_info["file"])
        if (
            content is None
            or self.tokens.get(auth.removeprefix("Bearer ")) is None
            or "files:read" not in self.scopes
        ):
            return web.Response(text="<html>Sign in to Slack</html>", content_type="text/html")
        return web.Response(body=content, content_type="application/octet-stream")

    def _files_api(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """The v2 upload flow (https://docs.slack.dev/messaging/working-with-files#upload): a URL per file,
        the bytes POSTed to it, then files.completeUploadExternal shares the uploaded files."""
        if method == "files.getUploadURLExternal":
            if not params.get("filename") or not str(params.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{next(self._numbers):08d}"
            self.uploads[file_id] = {
                "filename": params["filename"],
                "length": int(params["length"]),
                "data": None,
            }
            return {
                "ok": True,
                "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}",
                "file_id": file_id,
            }
        if method == "files.completeUploadExternal":
            files = json.loads(params.get("files") or "[]")
            shared = []
            for entry in files:
                upload = self.uploads.get(entry.get("id", ""))
                if upload is None or upload["data"] is None:
                    return {"ok": False, "error": "file_not_found"}
                shared.append(
                    {"id": entry["id"], "title": entry.get("title") or upload["filename"], **upload}
                )
            for file in shared:
                self.shared.append(
                    {**file, "channel": params.get("channel_id"), "thread_ts": params.get("thread_ts")}
                )
            return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shared]}
        return {"ok": False, "error": "unknown_method"}

    async def _upload(self, request: web.Request) -> web.Response:
        upload = self.uploads.get(request.match_info["file"])
        data = await request.read()
        if upload is None or len(data) != upload["length"]:
            return web.Response(status=400, text="length mismatch")
        upload["data"] = data
        return web.Response(text=f"OK - {len(data)}")

    def _publish(self, params: dict[str, Any]) -> dict[str, Any]:
        """views.publish: a Home tab of at most 100 blocks (https://docs.slack.dev/reference/methods/views.publish)."""
        view = params.get("view")
        view = json.loads(view) if isinstance(view, str) else view or {}
        blocks = view.get("blocks") or []
        if view.get("type") != "home" or not 1 <= len(blocks) <= 100:
            return {"ok": False, "error": "invalid_arguments"}
        problems = block_problems(blocks[:MAX_BLOCKS]) if len(blocks) <= MAX_BLOCKS else []
        if problems:
            return {"ok": False, "error": "invalid_blocks", "errors": problems}
        self.homes[str(params.get("user_id"))] = view
        return {"ok": True, "view": {"id": f"V{next(self._numbers)}", **view}}

    def escaped(self, text: str) -> str:
        """Slash command text as Slack sends it: &, < and > as entities, and with should_escape each
        @name of a member as <@ID|name> (https://docs.slack.dev/interactivity/implementing-slash-commands,
        "Escaping"; https://docs.slack.dev/messaging/formatting-message-text, "Escaping text")."""
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if not self.should_escape:
            return text
        by_name = {user["name"]: user_id for user_id, user in self.users.items()}

        def mention(match: re.Match[str]) -> str:
            user_id = by_name.get(match.group(1))
            return f"<@{user_id}|{match.group(1)}>" if user_id else match.group(0)

        return _WORD_MENTION.sub(mention, text)

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append({"key": request.match_info["key"], **(await request.json())})
        await self._notify()
        return web.Response(text="ok")

    # -- Socket Mode -----------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        self.connections += 1
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets),
                "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                "connection_info": {"app_id": "A0APP"},
            }
        )
        await self._notify()
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    ack = json.loads(msg.data)
                    self.acks[ack.get("envelope_id", "")] = ack
                    await self._notify()
        finally:
            self._sockets.remove(ws)
            await self._notify()
        return ws

    @property
    def socket_open(self) -> bool:
        return bool(self._sockets)

    async def send_envelope(self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0) -> str:
        """Send one envelope to the connected bot; returns its id, which the bot must acknowledge."""
        envelope_id = f"env-{next(self._numbers)}"
        await self._sockets[-1].send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        return envelope_id

    async def request_refresh(self) -> None:
        """Ask the bot to move to a new connection, as Slack does every few hours."""
        await self._sockets[-1].send_json(
            {"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake-slack"}}
        )

    async def wait_for_ack(self, envelope_id: str, *, within: float = 3.0) -> dict[str, Any]:
        await self._until(lambda: envelope_id in self.acks, within, f"ack of {envelope_id}")
        return self.acks[envelope_id]

    # -- Slack's side: requests to the bot ------------------------------------------------------

    async def deliver(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry: int = 0,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
    ) -> Delivered:
        """One request to the bot over the current transport, as Slack sends it."""
        started = asyncio.get_running_loop().time()
        if self.transport == "socket":
            envelope_id = await self.send_envelope(kind, payload, retry_attempt=retry)
            ack = await self.wait_for_ack(envelope_id)
            return Delivered(200, json.dumps(ack), asyncio.get_running_loop().time() - started)
        if kind == "events_api":
            body, content_type = json.dumps(payload), "application/json"
        elif kind == "slash_commands":
            body, content_type = urlencode(payload), "application/x-www-form-urlencoded"
        else:
            body, content_type = (
                urlencode({"payload": json.dumps(payload)}),
                "application/x-www-form-urlencoded",
            )
        headers = {"Content-Type": content_type, **sign(body, secret=secret, timestamp=timestamp)}
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        assert self._session is not None and self.app_url, "start the bot's HTTP server first"
        async with self._session.post(self.app_url, data=body.encode(), headers=headers) as response:
            text = await response.text()
        return Delivered(response.status, text, asyncio.get_running_loop().time() - started)

    async def command(
        self, text: str, *, user: str, channel: str = CHANNEL, team: str = TEAM, **kwargs: Any
    ) -> Delivered:
        return await self.deliver(
            "slash_commands", self.slash_command(text, user=user, channel=channel, team=team), **kwargs
        )

    async def reply(
        self,
        text: str,
        *,
        user: str,
        thread_ts: str,
        channel: str = CHANNEL,
        event_id: str = "",
        retry: int = 0,
    ) -> Delivered:
        payload = message_event(text, user=user, channel=channel, thread_ts=thread_ts, event_id=event_id)
        return await self.deliver("events_api", payload, retry=retry)

    async def click(self, action_id: str, *, user: str, card: Call) -> Delivered:
        return await self.deliver("interactive", self.block_actions(action_id, user=user, card=card))

    async def submit(self, opened: Call, values: dict[str, str], *, user: str) -> Delivered:
        """Submit the modal that `opened` (a views.open call) showed, with these inputs filled in."""
        return await self.deliver("interactive", self.view_submission(opened, values, user=user))

    def slash_command(
        self, text: str, *, user: str, channel: str = CHANNEL, team: str = TEAM
    ) -> dict[str, str]:
        return {
            "token": "verification-token",
            "team_id": team,
            "team_domain": "fake-team",
            "channel_id": channel,
            "channel_name": "quiz",
            "user_id": user,
            "user_name": self.users.get(user, {}).get("name", user.lower()),
            "command": "/quiz",
            "text": self.escaped(text),
            "api_app_id": "A0APP",
            "is_enterprise_install": "false",
            "response_url": self.response_url(f"cmd{next(self._numbers)}"),
            "trigger_id": self._trigger(),
        }

    def block_actions(self, action_id: str, *, user: str, card: Call) -> dict[str, Any]:
        message = {**card.response["message"], "blocks": card.params.get("blocks")}
        channel = card.params["channel"]
        return {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
            "api_app_id": "A0APP",
            "token": "verification-token",
            "container": {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": channel,
                "is_ephemeral": False,
            },
            "trigger_id": self._trigger(),
            "team": {"id": TEAM, "domain": "fake-team"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": "quiz"},
            "message": message,
            "response_url": self.response_url(f"act{next(self._numbers)}"),
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "text": {"type": "plain_text", "text": action_id},
                    "value": action_id,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    def view_submission(self, opened: Call, values: dict[str, str], *, user: str) -> dict[str, Any]:
        view = dict(opened.params["view"])
        view |= {
            "id": opened.response["view"]["id"],
            "team_id": TEAM,
            "state": {
                "values": {
                    block["block_id"]: {
                        block["element"]["action_id"]: {
                            "type": "plain_text_input",
                            "value": values.get(block["element"]["action_id"]),
                        }
                    }
                    for block in view["blocks"]
                    if block["type"] == "input"
                }
            },
        }
        return {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "fake-team"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
            "api_app_id": "A0APP",
            "token": "verification-token",
            "trigger_id": self._trigger(),
            "view": view,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }


def event_callback(event: dict[str, Any], *, team: str = TEAM, bot_user: str = BOT_USER) -> dict[str, Any]:
    """The Events API envelope around one event (https://docs.slack.dev/apis/events-api/#callback-field)."""
    return {
        "token": "verification-token",
        "team_id": team,
        "api_app_id": "A0APP",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{next(_EVENT_IDS):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": bot_user, "is_bot": True}],
    }


def file_share_event(
    text: str, files: list[dict], *, user: str, thread_ts: str, channel: str = CHANNEL
) -> dict:
    """A reply that shares files or a snippet: `subtype: file_share` with a `files` list
    (https://docs.slack.dev/reference/events/message/file_share)."""
    body = message_event(text, user=user, channel=channel, thread_ts=thread_ts)
    body["event"] |= {"subtype": "file_share", "files": files, "upload": False, "display_as_bot": False}
    return body


def joined_event(user: str, *, channel: str = CHANNEL, team: str = TEAM) -> dict[str, Any]:
    """member_joined_channel (https://docs.slack.dev/reference/events/member_joined_channel)."""
    event = {
        "type": "member_joined_channel",
        "user": user,
        "channel": channel,
        "channel_type": "C",
        "team": team,
    }
    return event_callback(event, team=team)


def home_opened_event(user: str, *, team: str = TEAM) -> dict[str, Any]:
    """app_home_opened on the Home tab (https://docs.slack.dev/reference/events/app_home_opened)."""
    event = {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home", "event_ts": "1.2"}
    return event_callback(event, team=team)


def message_event(
    text: str, *, user: str, channel: str = CHANNEL, thread_ts: str | None = None, event_id: str = ""
) -> dict[str, Any]:
    """An Events API `message` callback: a person's message, in a thread when `thread_ts` is given."""
    ts = f"{time.time():.6f}"
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "channel",
        "team": TEAM,
    }
    if thread_ts:
        event |= {"thread_ts": thread_ts, "parent_user_id": BOT_USER}
    return {
        "token": "verification-token",
        "team_id": TEAM,
        "api_app_id": "A0APP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_EVENT_IDS):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }
