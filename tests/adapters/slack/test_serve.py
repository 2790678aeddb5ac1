"""`serve()` end to end: Socket Mode envelopes, HTTP on PORT, clean and prompt shutdown, bad tokens."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest
from aiohttp import ClientConnectorError, ClientSession

from adapters import slack as slack_adapter
from adapters.slack import SlackBot, SlackStartupError, serve
from bot import Core
from bot.commands import Command
from bot.context import Context
from tests.support.answers import GOOD_DROPOUT
from tests.support.fake_slack import (
    APP_TOKEN,
    BOT_TOKEN,
    CHANNEL,
    CLIENT_ID,
    CLIENT_SECRET,
    SIGNING_SECRET,
    TEAM,
    FakeSlack,
    message_event,
    sign,
)
from tests.support.slack import (
    ALICE,
    BOB,
    ask,
    button,
    free_port,
    http_environ,
    install,
    post_when_listening,
    runtime,
)

ROOT = Path(__file__).resolve().parents[3]


async def test_socket_mode_acks_each_envelope_by_id_and_runs_the_command(
    fake: FakeSlack, socket_slack: SlackBot
):
    assert fake.calls_to("apps.connections.open")[0].token == APP_TOKEN
    envelope = await fake.send_envelope("slash_commands", fake.slash_command("dropout", user=ALICE))
    ack = await fake.wait_for_ack(envelope)
    assert ack["envelope_id"] == envelope
    card = (await fake.wait_for("chat.postMessage"))[0]
    assert card.token == BOT_TOKEN and "How dropout works" in card.all_text()


async def test_socket_mode_thread_answer_and_a_retried_envelope_counts_once(
    fake: FakeSlack, socket_slack: SlackBot
):
    card = await ask(fake, "dropout")
    event = message_event(GOOD_DROPOUT, user=ALICE, thread_ts=card.response["ts"], event_id="Ev0SOCKET")
    first = await fake.send_envelope("events_api", event)
    await fake.wait_for_ack(first)
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE)
    retried = await fake.send_envelope("events_api", event, retry_attempt=1)
    await fake.wait_for_ack(retried)
    await fake.reply("no idea", user=BOB, thread_ts=card.response["ts"])
    await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == BOB)
    assert len(fake.ephemerals(ALICE)) == 1


async def test_socket_mode_moves_to_a_new_connection_when_slack_asks(fake: FakeSlack, socket_slack: SlackBot):
    await fake.request_refresh()
    await fake.wait_until(lambda: fake.connections == 2 and len(fake.calls_to("apps.connections.open")) == 2)
    await fake.wait_until(lambda: fake.socket_open)
    await ask(fake, "dropout")


async def test_socket_mode_button_opens_the_modal(fake: FakeSlack, socket_slack: SlackBot):
    card = await ask(fake, "dropout")
    envelope = await fake.send_envelope(
        "interactive", fake.block_actions(button(card, "answer"), user=ALICE, card=card)
    )
    await fake.wait_for_ack(envelope)
    opened = (await fake.wait_for("views.open"))[0]
    assert opened.ok and json.loads(opened.params["view"]["private_metadata"])["channel"] == CHANNEL


async def stop(task: asyncio.Task, stopping: asyncio.Event) -> float:
    """Set `stopping` and return how long `serve()` took to come back."""
    started = time.monotonic()
    stopping.set()
    async with asyncio.timeout(8):
        await task
    return time.monotonic() - started


async def test_serve_http_handles_a_signed_command_and_stops_promptly(fake: FakeSlack, db, test_bank, core):
    port = free_port()
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(runtime(db, test_bank, core), http_environ(fake, port), stopping))
    body = "&".join(f"{k}={v}" for k, v in fake.slash_command("dropout", user=ALICE).items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    status, seconds = await post_when_listening(f"http://127.0.0.1:{port}/slack/events", body, headers)
    assert status == 200 and seconds < 3
    await fake.wait_for("chat.postMessage", lambda c: "How dropout works" in c.all_text())
    assert core.outboxes["slack"] is not None, "serve() attaches the outbox for the scheduler"
    assert await stop(task, stopping) < 3
    async with ClientSession() as session:
        with pytest.raises(ClientConnectorError):
            await session.post(f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers)


async def test_serve_socket_mode_connects_and_disconnects_cleanly(fake: FakeSlack, db, test_bank, core):
    environ = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": fake.api_url}
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(runtime(db, test_bank, core), environ, stopping))
    await fake.wait_until(lambda: fake.socket_open)
    fake.transport = "socket"
    await ask(fake, "dropout")
    assert await stop(task, stopping) < 3
    await fake.wait_until(lambda: not fake.socket_open)


async def test_shutdown_waits_briefly_for_work_in_flight_then_cancels_it(
    fake: FakeSlack, db, test_bank, core: Core, monkeypatch, caplog
):
    started, never = asyncio.Event(), asyncio.Event()

    async def stuck(ctx: Context) -> None:
        started.set()
        await never.wait()

    core.registry.add(Command("stuck", "Never finishes.", stuck))
    monkeypatch.setattr(slack_adapter._serve, "DRAIN_SECONDS", 0.3)
    port = free_port()
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(runtime(db, test_bank, core), http_environ(fake, port), stopping))
    body = "&".join(f"{k}={v}" for k, v in fake.slash_command("stuck", user=ALICE).items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    status, _ = await post_when_listening(f"http://127.0.0.1:{port}/slack/events", body, headers)
    assert status == 200, "acked although the work never finishes"
    async with asyncio.timeout(3):
        await started.wait()
    assert await stop(task, stopping) < 2
    assert "cancelled 1 unfinished Slack event" in caplog.text


async def test_a_rejected_bot_token_stops_start_up_with_a_clear_message(fake: FakeSlack, db, test_bank, core):
    environ = http_environ(fake, free_port()) | {"SLACK_BOT_TOKEN": "xoxb-wrong-token-value"}
    with pytest.raises(SlackStartupError) as raised:
        await serve(runtime(db, test_bank, core), environ, asyncio.Event())
    assert "invalid_auth" in str(raised.value) and "xoxb-wrong" not in str(raised.value)
    assert "slack" not in core.outboxes


async def test_screenprep_run_serves_slack_over_http_and_stops_on_sigterm(fake: FakeSlack, tmp_path):
    """The issue's "done when" through `screenprep run`.

    A signed /quiz dropout answered in 3 s, a graded thread reply, the leaderboard naming the user,
    401 for a forged signature, and a clean stop on SIGTERM.
    """
    port = free_port()
    process = await screenprep_run(tmp_path / "run.db", http_environ(fake, port))
    body = "&".join(f"{k}={v}" for k, v in fake.slash_command("dropout", user=ALICE).items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    url = f"http://127.0.0.1:{port}/slack/events"
    listening = asyncio.create_task(post_when_listening(url, body, headers, within=20))
    exited = asyncio.create_task(process.wait())
    await asyncio.wait({listening, exited}, return_when=asyncio.FIRST_COMPLETED)
    if exited.done():
        listening.cancel()
        stderr = (await process.stderr.read()).decode()
        pytest.fail(f"screenprep run exited with {process.returncode} before serving:\n{stderr[-2000:]}")
    try:
        status, seconds = await listening
        assert status == 200 and seconds < 3
        card = (await fake.wait_for("chat.postMessage", lambda c: "How dropout works" in c.all_text()))[0]
        fake.app_url = url
        assert (await fake.reply(GOOD_DROPOUT, user=ALICE, thread_ts=card.response["ts"])).status == 200
        verdict = (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == ALICE))[0]
        assert "Passed" in verdict.all_text()
        await fake.command("leaderboard", user=ALICE)
        board = await fake.wait_for("chat.postMessage", lambda c: c.ok and "Leaderboard" in c.all_text())
        assert "alice" in board[0].all_text()
        forged = {**headers, "X-Slack-Signature": "v0=" + "0" * 64}
        assert (await post_when_listening(url, body, forged))[0] == 401
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(10):
            stderr = (await process.stderr.read()).decode()
            await exited
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and BOT_TOKEN not in stderr


async def screenprep_run(db_path, slack_environ: dict[str, str]) -> asyncio.subprocess.Process:
    """`screenprep run` from this source tree (`python -m adapters.cli`), with only these Slack settings."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
    environ |= slack_environ | {"SCREENPREP_SANDBOX": "off", "SCREENPREP_LOG_LEVEL": "INFO"}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "--db",
        str(db_path),
        "run",
        env=environ,
        cwd=ROOT,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_screenprep_run_serves_two_workspaces_installed_through_oauth(fake: FakeSlack, tmp_path):
    """One process, two workspaces: each installed through Bolt's OAuth flow, each answered with its token."""
    port = free_port()
    environ = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }
    process = await screenprep_run(tmp_path / "run.db", environ)
    server = f"http://127.0.0.1:{port}"
    fake.app_url = f"{server}/slack/events"
    body = "&".join(f"{k}={v}" for k, v in fake.slash_command("help", user=ALICE).items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    try:
        assert (await post_when_listening(fake.app_url, body, headers, within=20))[0] == 200
        for team in (TEAM, "T0SECOND"):
            status, page = await install(fake, server, team)
            assert status == 200, page
            await fake.command("dropout", user=ALICE, team=team)
            card = await fake.wait_for("chat.postMessage", lambda c, t=team: c.ok and c.team == t)
            assert card[0].token == fake.token_of(team) != BOT_TOKEN
            assert "How dropout works" in card[0].all_text()
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(10):
            stderr = (await process.stderr.read()).decode()
            await process.wait()
    assert process.returncode == 0, stderr
    assert "OAuth mode" in stderr and "Traceback" not in stderr and CLIENT_SECRET not in stderr


async def test_a_rejected_app_token_stops_socket_mode_start_up(fake: FakeSlack, db, test_bank, core):
    environ = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-wrong", "SLACK_API_URL": fake.api_url}
    with pytest.raises(SlackStartupError, match="SLACK_APP_TOKEN"):
        await serve(runtime(db, test_bank, core), environ, asyncio.Event())
    assert not fake.socket_open


async def test_a_port_in_use_is_a_clear_start_up_error(fake: FakeSlack, db, test_bank, core):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        environ = http_environ(fake, taken.getsockname()[1])
        with pytest.raises(SlackStartupError, match=r"cannot listen on 127\.0\.0\.1"):
            await serve(runtime(db, test_bank, core), environ, asyncio.Event())
