"""Secrets: no token or signing secret in any log line or any message, at any log level, from start-up on."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlencode

import pytest

from adapters.slack import build, serve
from adapters.slack._payloads import conversation
from bot import CommandInvoked, Core
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, CHANNEL, SIGNING_SECRET, TEAM, FakeSlack, sign
from tests.support.slack import (
    ALICE,
    ask,
    button,
    free_port,
    http_environ,
    post_when_listening,
    runtime,
    settings_for,
)

SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET)


def leaks(caplog: pytest.LogCaptureFixture, fake: FakeSlack) -> list[str]:
    records = [r for phase in ("setup", "call") for r in caplog.get_records(phase)]
    lines = [r.getMessage() for r in records] + [caplog.text]
    lines += [call.all_text() for call in fake.calls] + [str(r) for r in fake.responses]
    return [secret for secret in SECRETS if any(secret in line for line in lines)]


class _Expected(logging.Filter):
    """Marks the core's error log for a failure the test injects on purpose (see tests/conftest.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.expected_in_test = True
        return True


@pytest.fixture
def core_errors_expected():
    logger, marker = logging.getLogger("bot.core"), _Expected()
    logger.addFilter(marker)
    yield
    logger.removeFilter(marker)


async def run_until(fake: FakeSlack, environ: dict[str, str], db, test_bank, core: Core, journey) -> None:
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(runtime(db, test_bank, core), environ, stopping))
    try:
        await journey()
    finally:
        stopping.set()
        async with asyncio.timeout(5):
            await task


async def test_no_secret_in_logs_or_messages_over_http(
    fake: FakeSlack, db, test_bank, core, caplog, core_errors_expected
):
    caplog.set_level(logging.DEBUG)
    port = free_port()
    fake.app_url = f"http://127.0.0.1:{port}/slack/events"

    async def journey() -> None:
        body = urlencode(fake.slash_command("help", user=ALICE))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        assert (await post_when_listening(fake.app_url, body, headers))[0] == 200
        card = await ask(fake, "dropout")
        await fake.click(button(card, "hint"), user=ALICE, card=card)
        assert (await fake.command("dropout", user=ALICE, secret="wrong")).status == 401
        fake.fail_next("chat.postEphemeral", 200, {"ok": False, "error": "channel_not_found"})
        await fake.reply("an answer", user=ALICE, thread_ts=card.response["ts"])
        await fake.wait_for("chat.postEphemeral", lambda c: "went wrong" in c.all_text())
        await fake.wait_for("chat.postMessage", lambda c: "Hint" in c.all_text())

    await run_until(fake, http_environ(fake, port), db, test_bank, core, journey)
    assert any(r.name.startswith("slack_bolt") for r in caplog.records), "Bolt's debug logs were captured"
    assert any(r.exc_info for r in caplog.records), "an error with its exception was logged and checked"
    assert leaks(caplog, fake) == []


async def test_no_secret_in_logs_in_socket_mode(fake: FakeSlack, db, test_bank, core, caplog):
    caplog.set_level(logging.DEBUG)
    environ = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": fake.api_url}

    async def journey() -> None:
        await fake.wait_until(lambda: fake.socket_open)
        fake.transport = "socket"
        await ask(fake, "dropout")

    await run_until(fake, environ, db, test_bank, core, journey)
    assert "Sending a request" in caplog.text, "the SDK's request debug logs (with headers) were captured"
    assert leaks(caplog, fake) == []


async def test_errors_users_see_carry_no_traceback(fake: FakeSlack, core: Core, caplog):
    bot = build(settings_for(fake), core, post_interval=0)
    fake.fail_next("chat.postMessage", 200, {"ok": False, "error": "msg_blocks_too_long"})
    actor = await bot.bridge.people.actor(TEAM, ALICE)
    with caplog.at_level(logging.CRITICAL, logger="bot.core"):
        await bot.bridge.run(CommandInvoked(actor, conversation(TEAM, CHANNEL), "dropout"))
    told = fake.ephemerals(ALICE)[0].all_text()
    assert "Something went wrong on our side" in told
    assert "Traceback" not in told and "msg_blocks_too_long" not in told
