"""A code submission: the modal is deferred at once and the sandbox's verdict comes as a follow-up."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot import Core
from bot.checks import CodeChecker
from storage import open_database
from tests.support.discord import running
from tests.support.fake_discord import BOB, FakeDiscord, custom_ids
from tests.support.flow import ManualClock
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")
EPHEMERAL = 64


@pytest_asyncio.fixture(loop_scope="module")
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    server.patch(monkeypatch)
    yield server
    await server.close()


@pytest_asyncio.fixture(loop_scope="module")
async def db(tmp_path):
    database = await open_database(tmp_path / "code.db")
    yield database
    await database.close()


async def test_code_is_deferred_then_checked_in_the_sandbox_and_answered_as_a_follow_up(
    db, test_bank, fake: FakeDiscord, sandbox_pool
):
    core = Core(db, test_bank, clock=ManualClock(), rng=random.Random(3), checker=CodeChecker(sandbox_pool))
    async with running(core, fake):
        command = await fake.slash("ask", topic="classification-metrics")
        await fake.wait_for(lambda: command.deleted_original)
        [card] = fake.posts()
        code_id = custom_ids(card)[0]
        assert code_id.startswith("quiz:code:")
        press = await fake.click(int(card["id"]), code_id, BOB)
        await fake.wait_for(lambda: press.callbacks)
        assert press.callbacks[0]["type"] == 9
        submit = await fake.submit(
            code_id, {"code": reference_solution(test_bank, "classification-metrics")}, BOB
        )
        await fake.wait_for(lambda: len(submit.followups) == 2)
    paths = [c.path for c in fake.calls]
    deferred = paths.index(f"/interactions/{submit.id}/{submit.token}/callback")
    followups = [i for i, path in enumerate(paths) if path.endswith(f"/{submit.token}")]
    assert deferred < followups[0] < followups[1]
    assert submit.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    checking, verdict = submit.followups
    assert checking["flags"] == verdict["flags"] == EPHEMERAL
    assert "Checking your code" in checking["content"]
    description = verdict["embeds"][0]["description"]
    assert description.startswith("✅ Passed") and "required tests" in description
    assert "```" in description, "the per-test table"


async def test_code_too_long_for_the_modal_is_graded_from_a_py_file_on_a_mention(
    db, test_bank, fake: FakeDiscord, sandbox_pool
):
    core = Core(db, test_bank, clock=ManualClock(), rng=random.Random(3), checker=CodeChecker(sandbox_pool))
    padding = "".join(f"# note {i}: the long explanation a careful candidate writes\n" for i in range(80))
    code = padding + reference_solution(test_bank, "classification-metrics")
    assert len(code) > 4000, "more than Discord's modal text input can hold"
    async with running(core, fake):
        command = await fake.slash("ask", topic="classification-metrics")
        await fake.wait_for(lambda: command.deleted_original)
        thread = int(fake.threads()[-1]["id"])
        await fake.say(thread, "my solution", BOB, mention_bot=True, files={"solution.py": code.encode()})
        verdict = await fake.wait_for(lambda: [m for m in fake.dms(BOB) if m.get("embeds")])
    assert verdict[-1]["embeds"][0]["description"].startswith("✅ Passed")
