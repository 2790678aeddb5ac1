"""Who is who in the fake workspace, and the steps most Slack tests share."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable

from aiohttp import ClientConnectorError, ClientSession
from pydantic import SecretStr

from adapters.runtime import Runtime
from adapters.slack import SlackSettings
from bot import Core
from bot.daily import DailyScheduler
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, Call, FakeSlack

ALICE = "U0ALICE"
BOB = "U0BOB"
OWNER = "U0OWNER"
LISTED = "U0LISTED"


def settings_for(fake: FakeSlack, *, socket: bool = False) -> SlackSettings:
    return SlackSettings(
        bot_token=SecretStr(BOT_TOKEN),
        app_token=SecretStr(APP_TOKEN if socket else ""),
        signing_secret=SecretStr("" if socket else SIGNING_SECRET),
        api_url=fake.api_url,
        host="127.0.0.1",
        port=0,
        admins=frozenset({LISTED}),
    )


def add_people(fake: FakeSlack) -> None:
    fake.add_user(ALICE, "alice")
    fake.add_user(BOB, "bob")
    fake.add_user(OWNER, "olivia", owner=True)
    fake.add_user(LISTED, "lee")


async def ask(fake: FakeSlack, text: str, *, user: str = ALICE) -> Call:
    """`/quiz <text>` and the question card it posts."""
    before = len(fake.questions())
    delivered = await fake.command(text, user=user)
    assert delivered.status == 200, delivered.body
    await fake.wait_until(lambda: len(fake.questions()) > before)
    return fake.questions()[-1]


async def answer_privately(fake: FakeSlack, card: Call, answer: str, *, user: str) -> Call:
    """*Answer privately* on the card, the form filled in and submitted; the ephemeral verdict."""
    await fake.click(button(card, "answer"), user=user, card=card)
    opened = await fake.wait_for(
        "views.open", lambda c: c.params["view"]["callback_id"] == button(card, "answer")
    )
    assert (await fake.submit(opened[-1], {"answer": answer}, user=user)).status == 200
    return (await fake.wait_for("chat.postEphemeral", lambda c: c.params["user"] == user))[-1]


def button(card: Call, verb: str) -> str:
    """The action id of the card's button for this verb (quiz:<verb>:<post>)."""
    return next(a for a in card.action_ids() if a.startswith(f"quiz:{verb}:"))


def runtime(db, bank, core: Core) -> Runtime:
    """What `screenprep run` hands each adapter; the scheduler is built but not started here."""
    return Runtime(db, bank, None, core, DailyScheduler(core.daily, core.clock))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def post_when_listening(
    url: str, body: str, headers: dict[str, str], *, within: float = 5.0
) -> tuple[int, float]:
    """POST once the server accepts connections (polled with a deadline); (status, seconds to answer)."""
    async with ClientSession() as session, asyncio.timeout(within):
        while True:
            try:
                started = time.monotonic()
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    return response.status, time.monotonic() - started
            except ClientConnectorError:
                await asyncio.sleep(0.02)


def http_environ(fake: FakeSlack, port: int) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }


async def eventually(read: Callable[[], Awaitable[object]], *, equals: object, within: float = 5.0) -> None:
    """Poll `read` until it gives `equals`: for work the bot does after acking, with nothing to wait on."""
    async with asyncio.timeout(within):
        while True:
            if await read() == equals:
                return
            await asyncio.sleep(0.05)


async def install(fake: FakeSlack, server: str, team: str) -> tuple[int, str]:
    """An admin of `team` installs the app: the install page sets the state cookie, Slack's authorize page
    (played by the fake) hands back a code, and the browser returns to the redirect URL with both."""
    async with ClientSession() as browser:
        async with browser.get(f"{server}/slack/install") as page:
            assert page.status == 200, await page.text()
            cookie = page.headers["Set-Cookie"].split(";")[0]
        state = cookie.split("=", 1)[1]
        redirect = f"{server}/slack/oauth_redirect?code={fake.authorize(team)}&state={state}"
        async with browser.get(redirect, headers={"Cookie": cookie}) as done:
            return done.status, await done.text()
