"""`/quiz stats`: a real PNG chart, the numbers behind it, and the console's saved file."""

from __future__ import annotations

import struct
from pathlib import Path

from bot.progress._chart import PNG_SIGNATURE
from bot.replies import Image
from questions import Category
from tests.support.cli import screenprep
from tests.support.flow import Flow, ManualClock, only
from tests.support.progress import answer

GOOD_DROPOUT = "Units are zeroed with probability p in training and survivors scaled by 1/(1-p)."


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a valid PNG has first."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


async def test_stats_send_a_valid_png_chart_with_a_text_summary(flow: Flow, clock: ManualClock):
    await answer(flow, "alice")
    clock.advance(days=8)
    await answer(flow, "alice", "dropout", GOOD_DROPOUT)
    await answer(flow, "bob", "test-sparse-choice", "A")
    reply = only(await flow.as_user("alice").command("stats"), "stats")
    image = next(b for b in reply.blocks if isinstance(b, Image))
    assert png_size(image.data) == (800, 650)
    assert len(image.data) > 10_000 and image.data.endswith(b"IEND\xaeB`\x82")
    assert image.filename.startswith("stats-alice-") and image.filename.endswith(".png")
    assert "alice" in image.alt
    assert reply.view.answers == 2 and reply.view.weekly[-2:] == (1, 1) and sum(reply.view.weekly) == 2
    math = reply.view.categories[Category.MATH_STATS]
    assert (math.you, math.team) == (1.0, 0.5), "bob's wrong choice pulls the team's math average down"
    assert reply.view.rank == 1


async def test_stats_of_someone_else_by_mention_or_name(flow: Flow):
    await answer(flow, "bob")
    for who in ("@bob", "<@u-bob>", "<@u-bob|bob>", "BOB"):
        assert only(await flow.as_user("alice").command(f"stats {who}"), "stats").view.user == "bob"
    assert "Nobody called" in only(await flow.command("stats @nobody"), "notice").blocks[0].text


def test_the_console_saves_the_chart_and_prints_its_path(tmp_path: Path):
    session = f"/as alice\n/quiz dropout\n{GOOD_DROPOUT}\n/quiz stats\n"
    result = screenprep("--db", str(tmp_path / "t.db"), "console", stdin=session, cwd=tmp_path)
    line = next(line for line in result.stdout.splitlines() if line.startswith("Chart saved to "))
    saved = tmp_path / line.removeprefix("Chart saved to ")
    assert saved.parent.name == "screenprep-charts"
    assert png_size(saved.read_bytes()) == (800, 650)
    assert "Answers per week" in result.stdout and "Deep learning" in result.stdout
