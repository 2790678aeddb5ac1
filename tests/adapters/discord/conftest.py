"""A fake Discord per test, and the real client logged into it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager

import pytest

from adapters.discord import QuizClient
from bot import Core
from tests.support.discord import Starter, running
from tests.support.fake_discord import FakeDiscord


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    server.patch(monkeypatch)
    yield server
    await server.close()


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
