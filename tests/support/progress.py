"""Steps the progress tests share: answer a question as someone, read the board, get a score."""

from __future__ import annotations

from bot.progress._views import Leaderboard
from tests.support.flow import Flow, only


async def answer(flow: Flow, who: str, question: str = "test-two-heads", text: str = "0.25") -> None:
    await flow.as_user(who).command(question)
    await flow.say(text)


async def board(flow: Flow, words: str = "") -> Leaderboard:
    view = only(await flow.command(f"leaderboard {words}".strip()), "leaderboard").view
    assert isinstance(view, Leaderboard)
    return view


async def scored(flow: Flow, who: str, question: str, text: str) -> float:
    await flow.as_user(who).command(question)
    return only(await flow.say(text), "verdict").view.score
