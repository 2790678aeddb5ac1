"""The real Discord client logged into the fake, and the steps Discord tests share."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from adapters.discord import DiscordSettings, QuizClient, run_client
from bot import Core
from tests.support.fake_discord import TOKEN, FakeDiscord

Starter = Callable[..., AbstractAsyncContextManager[QuizClient]]


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


async def ask(fake: FakeDiscord, topic: str) -> dict:
    """Post a question with `/quiz ask` and return its message."""
    before = len(fake.posts())
    command = await fake.slash("ask", topic=topic)
    await fake.wait_for(lambda: command.deleted_original or command.followups)
    return fake.posts()[before]
