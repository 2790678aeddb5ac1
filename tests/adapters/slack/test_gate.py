"""HTTP mode's gate against hostile callers: malformed or forged requests, slow or idle clients, floods."""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp import ClientSession, web

from adapters.slack import SlackBot, build, http_server
from adapters.slack._gate import (
    BUSY_REPLY,
    LOG_LINES_PER_WINDOW,
    LOG_WINDOW_SECONDS,
    ConnectionGate,
    RefusalLog,
    connection_limit,
)
from adapters.slack._settings import DEFAULT_MAX_CONNECTIONS
from bot import Core
from tests.support.fake_slack import FakeSlack, sign
from tests.support.slack import ALICE, free_port, http_environ, post_when_listening, settings_for

IDLE_SECONDS = 1
REPO = Path(__file__).parents[3]
GATE_LOG = "adapters.slack._gate"


@pytest.fixture
async def strict(fake: FakeSlack, core: Core) -> AsyncIterator[SlackBot]:
    """The bot in HTTP mode with a one-second idle time, so slow clients are cut off quickly."""
    bot = build(settings_for(fake).model_copy(update={"idle_seconds": IDLE_SECONDS}), core, post_interval=0)
    async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
        fake.app_url = f"http://127.0.0.1:{port}/slack/events"
        yield bot
        await bot.bridge.drain(2.0)


def refusal_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == GATE_LOG]


def command_body(fake: FakeSlack) -> str:
    return urlencode(fake.slash_command("dropout", user=ALICE))


async def post(url: str, body: str | bytes, headers: dict[str, str]) -> int:
    data = body.encode() if isinstance(body, str) else body
    async with ClientSession() as session, session.post(url, data=data, headers=headers) as reply:
        return reply.status


def port_of(fake: FakeSlack) -> int:
    return int(fake.app_url.rsplit(":", 1)[1].split("/")[0])


@pytest.mark.parametrize(
    "stamp",
    ["abc", "", "1e999", "9" * 5000, "-5", "+1700000000", "17000 00000", "1_700_000_000", "١٧٠٠٠٠٠٠٠٠", None],
)
async def test_a_malformed_or_missing_timestamp_gets_401_and_one_log_line(
    fake: FakeSlack, strict: SlackBot, caplog, stamp: str | None
):
    body = command_body(fake)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    if stamp is None:
        del headers["X-Slack-Request-Timestamp"]
    else:
        headers["X-Slack-Request-Timestamp"] = stamp
    assert await post(fake.app_url, body, headers) == 401
    assert len(refusal_lines(caplog)) == 1 and "malformed timestamp" in refusal_lines(caplog)[0]
    assert "Traceback" not in caplog.text and not fake.calls_to("chat.postMessage")


@pytest.mark.parametrize(
    "signature",
    ["", "v0=", "v0=" + "0" * 64, "v0=" + "g" * 64, "v1=" + "a" * 64, "v0=" + "é" * 64, "v0=" + "a" * 5000],
)
async def test_a_malformed_or_wrong_signature_gets_401_and_one_log_line(
    fake: FakeSlack, strict: SlackBot, caplog, signature: str
):
    body = command_body(fake)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    headers["X-Slack-Signature"] = signature
    assert await post(fake.app_url, body, headers) == 401
    assert len(refusal_lines(caplog)) == 1 and "signature" in refusal_lines(caplog)[0]
    assert "Traceback" not in caplog.text and not fake.calls_to("chat.postMessage")


@pytest.mark.parametrize("offset", [-301, 301, -(10**9), -int(time.time())])
async def test_a_stale_or_future_timestamp_gets_401_even_when_signed(
    fake: FakeSlack, strict: SlackBot, caplog, offset: int
):
    body = command_body(fake)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    headers |= sign(body, timestamp=max(int(time.time()) + offset, 0))
    assert await post(fake.app_url, body, headers) == 401
    assert len(refusal_lines(caplog)) == 1 and "five minutes" in refusal_lines(caplog)[0]
    assert not fake.calls_to("chat.postMessage")


async def test_a_signed_request_still_gets_through(fake: FakeSlack, strict: SlackBot, caplog):
    assert (await fake.command("dropout", user=ALICE)).status == 200
    await fake.wait_for("chat.postMessage", lambda c: "How dropout works" in c.all_text())
    assert refusal_lines(caplog) == []


async def test_an_unsigned_body_that_is_not_utf8_gets_401(fake: FakeSlack, strict: SlackBot, caplog):
    headers = {"Content-Type": "application/json", **sign("x")}
    assert await post(fake.app_url, b"\xff\xfe{", headers) == 401
    assert len(refusal_lines(caplog)) == 1 and "Traceback" not in caplog.text


async def raw_exchange(port: int, data: bytes) -> bytes:
    """Send raw bytes and read until the server closes the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        async with asyncio.timeout(10):
            return await reader.read()
    finally:
        writer.close()


async def test_malformed_http_gets_400_and_one_line_without_a_traceback(
    fake: FakeSlack, strict: SlackBot, caplog
):
    reply = await raw_exchange(port_of(fake), b"POST /slack/events HTTP/1.1\r\nBad\x01Header: x\r\n\r\n")
    assert reply.split(b" ")[1] == b"400"
    assert len(refusal_lines(caplog)) == 1 and "\n" not in refusal_lines(caplog)[0]
    assert "Traceback" not in caplog.text


async def test_a_body_sent_too_slowly_gets_408(fake: FakeSlack, strict: SlackBot, caplog):
    head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"
    reply = await raw_exchange(port_of(fake), head)
    assert reply.startswith(b"HTTP/1.1 408")
    assert len(refusal_lines(caplog)) == 1 and "idle time" in refusal_lines(caplog)[0]


@pytest.mark.parametrize("first_bytes", [b"", b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"])
async def test_a_silent_or_half_sent_connection_is_closed_after_the_idle_time(
    fake: FakeSlack, strict: SlackBot, first_bytes: bytes
):
    assert await raw_exchange(port_of(fake), first_bytes) == b""


async def test_a_flood_of_unsigned_requests_writes_only_a_few_log_lines(
    fake: FakeSlack, strict: SlackBot, caplog
):
    body = command_body(fake)
    forged = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, secret="forged")}
    statuses = await asyncio.gather(*(post(fake.app_url, body, forged) for _ in range(60)))
    assert set(statuses) == {401}
    assert len(refusal_lines(caplog)) == LOG_LINES_PER_WINDOW


def test_the_refusal_log_says_how_many_lines_it_held_back(caplog):
    now = [0.0]
    refusals = RefusalLog(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger=GATE_LOG):
        for number in range(LOG_LINES_PER_WINDOW + 15):
            refusals.warning("refused %d", number)
        assert len(refusal_lines(caplog)) == LOG_LINES_PER_WINDOW
        now[0] += LOG_WINDOW_SECONDS
        refusals.warning("refused again")
    assert refusal_lines(caplog)[-2:] == [
        "Slack HTTP: 15 more refusals in the last minute were not logged",
        "refused again",
    ]


def test_the_connection_limit_stays_within_the_open_file_limit(caplog):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (200, hard))
    try:
        assert connection_limit(256) == 100
        assert connection_limit(64) == 64
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert "open-file limit is 200" in caplog.text


async def test_at_the_limit_an_idle_connection_makes_room_and_a_busy_one_does_not(caplog):
    """A gate of one connection in front of a real aiohttp server whose handler waits until released."""
    started, release = asyncio.Event(), asyncio.Event()
    gate = ConnectionGate(1, RefusalLog())

    async def slow(request: web.BaseRequest) -> web.Response:
        with gate.busy(request.protocol):
            started.set()
            await release.wait()
            return web.Response(text="done")

    server = web.Server(slow)
    listener = await asyncio.get_running_loop().create_server(lambda: gate.protocol(server()), "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        busy_reader, busy_writer = await asyncio.open_connection("127.0.0.1", port)
        busy_writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        async with asyncio.timeout(10):
            await started.wait()
        assert await raw_exchange(port, b"") == BUSY_REPLY
        release.set()
        assert (await busy_reader.readuntil(b"done")).startswith(b"HTTP/1.1 200")
        idle_reader, idle_writer = await asyncio.open_connection("127.0.0.1", port)
        reply = await raw_exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 200")
        async with asyncio.timeout(10):
            assert await idle_reader.read() == b"", "the idle connection was closed to make room"
        busy_writer.close()
        idle_writer.close()
    finally:
        listener.close()
        await server.shutdown(1)
    assert "refused a connection" in caplog.text and "closed an idle connection" in caplog.text


FLOOD_SOCKETS = 1100
SERVER_OPEN_FILES = 1024


def enough_open_files(needed: int) -> tuple[int, int]:
    """Raise this process's soft open-file limit to `needed` if it is lower; the old limits, to restore."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        assert hard == resource.RLIM_INFINITY or hard >= needed, f"the flood needs ulimit -Hn >= {needed}"
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
    return soft, hard


async def test_a_flood_of_idle_connections_leaves_screenprep_run_reachable(fake: FakeSlack, tmp_path):
    """The issue's case: 1,100 idle sockets against `run` with ulimit -n 1024 and the default limit.

    The idle time is raised so that the flood is still open when the signed request comes.
    """
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
    environ |= http_environ(fake, port) | {"SCREENPREP_SANDBOX": "off", "SLACK_HTTP_IDLE_SECONDS": "600"}
    open_files = (SERVER_OPEN_FILES, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "--db",
        str(tmp_path / "run.db"),
        "run",
        env=environ,
        cwd=REPO,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, open_files),
    )
    url = f"http://127.0.0.1:{port}/slack/events"
    body = command_body(fake)
    saved = enough_open_files(FLOOD_SOCKETS + 400)
    flood: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        assert (await signed_post(url, body, within=60))[0] == 200, "serving before the flood"
        for _ in range(FLOOD_SOCKETS):
            flood.append(await asyncio.open_connection("127.0.0.1", port))
        await made_room_for_all(flood, FLOOD_SOCKETS - DEFAULT_MAX_CONNECTIONS)
        assert (await signed_post(url, body))[0] == 200, "serving during the flood"
        for _, writer in flood:
            writer.close()
        assert (await signed_post(url, body))[0] == 200, "serving after the flood"
    finally:
        for _, writer in flood:
            writer.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, saved)
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(20):
            stderr = (await process.stderr.read()).decode()
            await process.wait()
    assert process.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr and "out of system resource" not in stderr
    assert 1 <= stderr.count("Slack HTTP:") <= 2 * (LOG_LINES_PER_WINDOW + 1), stderr[-2000:]
    assert len(stderr) < 10_000, f"{len(stderr)} bytes of log"


async def made_room_for_all(
    flood: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]], closed: int
) -> None:
    """Wait until the server has accepted every socket: all but the limit's worth were closed to make room."""
    pending = {asyncio.ensure_future(reader.read()) for reader, _ in flood}
    try:
        async with asyncio.timeout(60):
            while len(flood) - len(pending) < closed:
                _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for read in pending:
            read.cancel()


async def signed_post(url: str, body: str, *, within: float = 10.0) -> tuple[int, float]:
    """POST a freshly signed slash command, retrying only until the server listens."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    return await post_when_listening(url, body, headers, within=within)
