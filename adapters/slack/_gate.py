"""HTTP mode's front door: only signed, fresh requests reach Bolt, and connections and idle time are bounded.

Bolt's own check would answer a non-numeric X-Slack-Request-Timestamp with HTTP 500 and a traceback:
slack_sdk's `SignatureVerifier.is_valid` calls `int(timestamp)` unguarded (slack_sdk 3.48,
slack_sdk/signature/__init__.py, line 69), and `hmac.compare_digest` raises TypeError on a non-ASCII
signature. So requests are checked here first, strictly, before Bolt sees them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import resource
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Middleware

log = logging.getLogger(__name__)

TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SIGNATURE_HEADER = "X-Slack-Signature"
SIGNATURE_VERSION = "v0"
SIGNATURE_LENGTH = len(SIGNATURE_VERSION) + 1 + hashlib.sha256().digest_size * 2
MAX_TIMESTAMP_DIGITS = 12
MAX_SKEW_SECONDS = 5 * 60
LOG_WINDOW_SECONDS = 60.0
LOG_LINES_PER_WINDOW = 10
MAX_DETAIL_CHARS = 160
BUSY_REPLY = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Refusal(StrEnum):
    """Why a request was turned away; the value is what the log line says."""

    BAD_TIMESTAMP = "a missing or malformed timestamp"
    STALE = "a timestamp more than five minutes away"
    BAD_SIGNATURE = "a missing or malformed signature"
    WRONG_SIGNATURE = "a signature that does not match"
    SLOW_BODY = "a body not sent within the idle time"
    TOO_LARGE = "a body too large"

    @property
    def status(self) -> int:
        """401 for anything about the signature; a slow or huge body gets its own status."""
        return {Refusal.SLOW_BODY: 408, Refusal.TOO_LARGE: 413}.get(self, 401)


class RefusalLog:
    """One warning line per refusal, at most LOG_LINES_PER_WINDOW a minute, so a flood writes kilobytes."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._window_start = -LOG_WINDOW_SECONDS
        self._lines = 0
        self._unlogged = 0

    def warning(self, message: str, *args: object) -> None:
        """Log the line unless this minute's budget is spent; the next minute says how many were not."""
        now = self._clock()
        if now - self._window_start >= LOG_WINDOW_SECONDS:
            if self._unlogged:
                log.warning("Slack HTTP: %d more refusals in the last minute were not logged", self._unlogged)
            self._window_start, self._lines, self._unlogged = now, 0, 0
        if self._lines < LOG_LINES_PER_WINDOW:
            self._lines += 1
            log.warning(message, *args)
        else:
            self._unlogged += 1


class ServerLog(logging.LoggerAdapter[logging.Logger]):
    """aiohttp's server logger, with each warning or error turned into one rate-limited line, no traceback.

    aiohttp logs a full traceback for every malformed HTTP request ("Error handling request"); a
    flood of them would write megabytes.
    """

    def __init__(self, refusals: RefusalLog) -> None:
        super().__init__(logging.getLogger("aiohttp.server"), {})
        self._refusals = refusals

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        """Debug lines pass through; anything louder becomes one line naming the exception."""
        if level < logging.WARNING:
            super().log(level, msg, *args, **kwargs)
            return
        error = kwargs.get("exc_info")
        detail = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else ""
        self._refusals.warning("Slack HTTP: %s (%r)", str(msg) % args, detail[:MAX_DETAIL_CHARS])


def signature_problem(secret: bytes, headers: Mapping[str, str], body: bytes, now: float) -> Refusal | None:
    """What is wrong with the request's timestamp or signature, or None when Slack signed it just now.

    The HMAC is over the raw bytes, as Slack signs them, so a body that is not UTF-8 is simply unsigned.
    """
    stamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "")
    if not (0 < len(stamp) <= MAX_TIMESTAMP_DIGITS and stamp.isascii() and stamp.isdigit()):
        return Refusal.BAD_TIMESTAMP
    if abs(now - int(stamp)) > MAX_SKEW_SECONDS:
        return Refusal.STALE
    if not (len(signature) == SIGNATURE_LENGTH and signature.isascii()):
        return Refusal.BAD_SIGNATURE
    signed = f"{SIGNATURE_VERSION}:{stamp}:".encode() + body
    expected = f"{SIGNATURE_VERSION}={hmac.new(secret, signed, hashlib.sha256).hexdigest()}"
    return None if hmac.compare_digest(expected, signature) else Refusal.WRONG_SIGNATURE


def connection_limit(wanted: int) -> int:
    """`wanted`, or half the open-file limit when that is lower, so a flood cannot exhaust descriptors."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or wanted <= soft // 2:
        return wanted
    log.warning(
        "Slack HTTP: serving at most %d connections, not %d: the open-file limit is %d (ulimit -n)",
        soft // 2,
        wanted,
        soft,
    )
    return soft // 2


class ConnectionGate:
    """At most `limit` connections; at the limit the longest-idle one makes room, or all busy, refuse."""

    def __init__(self, limit: int, refusals: RefusalLog) -> None:
        self._limit = limit
        self._refusals = refusals
        self._open: dict[web.RequestHandler, None] = {}
        self._busy: set[web.RequestHandler] = set()

    def protocol(self, handler: web.RequestHandler) -> asyncio.Protocol:
        """aiohttp's handler for one new connection, admitted only if there is room."""
        return _Guarded(self, handler)

    def admit(self, handler: web.RequestHandler, transport: asyncio.BaseTransport) -> bool:
        """Make room by closing the longest-idle connection if needed; False when every one is busy."""
        if len(self._open) >= self._limit:
            idle = next((h for h in self._open if h not in self._busy), None)
            if idle is None:
                self._refusals.warning(
                    "Slack HTTP: refused a connection from %s: all %d are busy", _peer(transport), self._limit
                )
                return False
            self._refusals.warning(
                "Slack HTTP: closed an idle connection from %s to make room (limit %d)",
                _peer(idle.transport),
                self._limit,
            )
            self.release(idle)
            idle.force_close()
        self._open[handler] = None
        return True

    def release(self, handler: web.RequestHandler) -> None:
        """The connection is gone (or going): it no longer counts."""
        self._open.pop(handler, None)
        self._busy.discard(handler)

    @contextmanager
    def busy(self, handler: web.RequestHandler) -> Iterator[None]:
        """A connection running a verified request is never closed for room; then it is the newest idle."""
        self._busy.add(handler)
        try:
            yield
        finally:
            self._busy.discard(handler)
            if handler in self._open:
                self._open[handler] = self._open.pop(handler)


class _Guarded(asyncio.Protocol):
    """Passes one connection to aiohttp's handler once the gate admits it; a refused one gets 503."""

    def __init__(self, gate: ConnectionGate, handler: web.RequestHandler) -> None:
        self._gate = gate
        self._handler = handler
        self._admitted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._admitted = self._gate.admit(self._handler, transport)
        if self._admitted:
            self._handler.connection_made(transport)
        else:
            transport.write(BUSY_REPLY)  # type: ignore[attr-defined]
            transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._gate.release(self._handler)
        if self._admitted:
            self._handler.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._admitted:
            self._handler.data_received(data)

    def eof_received(self) -> bool | None:
        if self._admitted:
            self._handler.eof_received()
        return None

    def pause_writing(self) -> None:
        self._handler.pause_writing()

    def resume_writing(self) -> None:
        self._handler.resume_writing()


def signed_only(
    signing_secret: str,
    gate: ConnectionGate,
    refusals: RefusalLog,
    idle_seconds: float,
    browser_paths: frozenset[str] = frozenset(),
) -> Middleware:
    """aiohttp middleware: read the body within the idle time, then pass on only Slack-signed requests.

    `browser_paths` (the OAuth install and redirect pages) are GETs from a person's browser, which
    Slack does not sign; Bolt checks their OAuth `state` itself.
    """
    secret = signing_secret.encode()

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method == "GET" and request.path in browser_paths:
            with gate.busy(request.protocol):
                return await handler(request)
        try:
            async with asyncio.timeout(idle_seconds):
                body = await request.read()
        except TimeoutError:
            return _refuse(request, Refusal.SLOW_BODY, refusals)
        except web.HTTPRequestEntityTooLarge:
            return _refuse(request, Refusal.TOO_LARGE, refusals)
        problem = signature_problem(secret, request.headers, body, time.time())
        if problem is not None:
            return _refuse(request, problem, refusals)
        with gate.busy(request.protocol):
            return await handler(request)

    return middleware


def _refuse(request: web.Request, refusal: Refusal, refusals: RefusalLog) -> web.Response:
    """One log line and a short answer; the connection is closed so a refused client holds nothing."""
    refusals.warning(
        "Slack HTTP: refused %s %s from %s: %s (HTTP %d)",
        request.method,
        repr(request.path[:MAX_DETAIL_CHARS]),
        request.remote,
        refusal,
        refusal.status,
    )
    response = web.Response(status=refusal.status, text="invalid request")
    response.force_close()
    return response


def _peer(transport: asyncio.BaseTransport | None) -> str:
    """The peer's address for a log line."""
    peer = transport.get_extra_info("peername") if transport is not None else None
    return str(peer[0]) if isinstance(peer, tuple) else "an unknown peer"
