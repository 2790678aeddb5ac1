"""Mock-round fixtures: a channel whose weights leave out coding, with people the bot knows."""

from __future__ import annotations

import pytest

from tests.support.flow import Flow, ManualClock
from tests.support.mock import PEOPLE


@pytest.fixture
async def room(flow: Flow, clock: ManualClock) -> Flow:
    """A channel attached for timers, with text-answer categories only, where everyone has spoken once."""
    await flow.as_user("boss", admin=True).command("weights math=40 coding=0 dl=30 resume=30")
    flow.core.attach(flow.where.platform, flow.outbox)
    for name in PEOPLE:
        await flow.as_user(name).command("mock status")
    return flow.as_user("alice")
