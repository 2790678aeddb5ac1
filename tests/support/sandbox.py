"""A real bubblewrap pool for a module's tests, with a canary secret in the bot's environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest_asyncio

from bot.sandbox import Limits, SandboxPool, find_launcher

CANARY = "canary-7f3a9c-never-leak"


def descendants(pid: int) -> list[int]:
    """Every process below pid, from /proc, to prove a job left nothing running."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sandbox_pool():
    launcher = find_launcher()
    assert launcher.isolated, "bubblewrap is required: apt-get install bubblewrap python3-numpy"
    os.environ["SCREENPREP_CANARY_TOKEN"] = CANARY
    sandbox = SandboxPool(launcher, size=2, limits=Limits(wall_seconds=6.0, case_seconds=2.0, cpu_seconds=4))
    await sandbox.start()
    yield sandbox
    await sandbox.close()
    del os.environ["SCREENPREP_CANARY_TOKEN"]
