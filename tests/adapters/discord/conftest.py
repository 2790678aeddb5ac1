"""A fake Discord per test, and the real client logged into it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest

from adapters.discord import DiscordSettings, QuizClient, run_client
from bot import Core
from tests.support.fake_discord import TOKEN, FakeDiscord

Starter = Callable[..., AbstractAsyncContextManager[QuizClient]]


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    server.patch(monkeypatch)
    yield server
    await server.close()


@asynccontextmanager
async def running(core: Core, fake: FakeDiscord, **settings) -> AsyncIterator[QuizClient]:
    """The real client, logged in and ready; stopped (and its errors raised) on the way out."""
    client = QuizClient(core, DiscordSettings(token=TOKEN, **settings), guild_ready_timeout=0.01)
    stopping = asyncio.Event()
    identified = len(fake.frames_with(2))
    task = asyncio.create_task(run_client(client, TOKEN, stopping))
    try:
        await fake.wait_for(lambda: len(fake.frames_with(2)) > identified or task.done())
        if task.done():
            task.result()
        await asyncio.wait_for(client.wait_until_ready(), 5)
        yield client
    finally:
        stopping.set()
        await asyncio.wait_for(task, 10)


@pytest.fixture
def start(fake: FakeDiscord) -> Starter:
    """Start a client for a core, with settings (message_content=True, guild_ids=(...), admins=...)."""

    def starter(core: Core, **settings) -> AbstractAsyncContextManager[QuizClient]:
        return running(core, fake, **settings)

    return starter


@pytest.fixture
async def bot(core: Core, fake: FakeDiscord) -> AsyncIterator[QuizClient]:
    async with running(core, fake) as client:
        yield client
