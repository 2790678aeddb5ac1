"""How many Slack workspaces one process serves: OAuth mode, each workspace with its own bot token.

The real Bolt app in HTTP mode (signed requests, our gate, the installation store in SQLite) runs
against the fake Slack (tests/support/fake_slack.py) in the same process, so the fake's own work is
counted against the bot: the figures are a floor. N workspaces are installed (two through the full
OAuth redirect, the rest straight into the installations table), then every workspace sends
`/quiz dropout` once (the first event of a workspace builds its client and authorization, the costliest
case), `concurrency` at a time, and again a second round (warm). Each command's latency runs from the
signed request to the question card reaching Slack. Memory is the process's resident size before and
after the workspaces are touched.

    python bench/slack_workspaces.py [--workspaces 500] [--concurrency 20] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack import SlackSettings, build, http_server
from bot import Core
from questions import load_bank
from storage import open_database
from storage._installations import InstalledBot, SlackInstallations
from tests.support.fake_slack import CLIENT_ID, CLIENT_SECRET, SIGNING_SECRET, FakeSlack
from tests.support.slack import install

USER = "U0BENCH"


def resident_mb() -> float:
    """The process's resident set size now (Linux /proc), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


async def seed(fake: FakeSlack, installations: SlackInstallations, teams: list[str]) -> None:
    """Install the rest of the workspaces directly, as the OAuth flow would have stored them."""
    for team in teams:
        token = f"xoxb-{team}-bench"
        fake.tokens[token] = team
        fake.bot_users[team] = f"U0BOT{team}"
        bot = InstalledBot("", team, "A0APP", team, token, "B0BOT", f"U0BOT{team}", "", False, time.time())
        await installations.save(bot)


async def round_of_commands(fake: FakeSlack, teams: list[str], concurrency: int) -> list[float]:
    """Each workspace's `/quiz dropout`, `concurrency` in flight; seconds until each card was posted."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []

    async def one(team: str) -> None:
        async with gate:
            before = len(fake.calls_to("chat.postMessage", lambda c: c.team == team))
            started = time.perf_counter()
            delivered = await fake.command("dropout", user=USER, team=team)
            assert delivered.status == 200, delivered.body
            await fake.wait_for(
                "chat.postMessage", lambda c: c.team == team and c.ok, count=before + 1, within=60
            )
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(one(team) for team in teams))
    return latencies


def summary(latencies: list[float], wall: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "commands_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))] * 1000, 1),
    }


async def main(workspaces: int, concurrency: int) -> dict:
    logging.disable(logging.WARNING)
    teams = [f"T{n:06d}" for n in range(workspaces)]
    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(Path(folder) / "bench.db")
        core = Core(db, load_bank())
        async with FakeSlack() as fake:
            fake.add_user(USER, "bench")
            settings = SlackSettings(
                client_id=CLIENT_ID,
                client_secret=SecretStr(CLIENT_SECRET),
                signing_secret=SecretStr(SIGNING_SECRET),
                api_url=fake.api_url,
            )
            installations = SlackInstallations(db.connection)
            bot = build(settings, core, post_interval=0, installations=installations)
            async with http_server(bot, "127.0.0.1", 0, "/slack/events") as port:
                server = f"http://127.0.0.1:{port}"
                fake.app_url = f"{server}/slack/events"
                started = time.perf_counter()
                for team in teams[:2]:
                    status, _ = await install(fake, server, team)
                    assert status == 200
                oauth_ms = (time.perf_counter() - started) / 2 * 1000
                await seed(fake, installations, teams[2:])
                before = resident_mb()
                results = {}
                for name in ("first", "warm"):
                    started = time.perf_counter()
                    latencies = await round_of_commands(fake, teams, concurrency)
                    results[name] = summary(latencies, time.perf_counter() - started)
                after = resident_mb()
                await bot.bridge.drain(5.0)
        await db.close()
    return {
        "workspaces": workspaces,
        "concurrency": concurrency,
        "oauth_install_ms": round(oauth_ms, 1),
        **{f"{name}_{key}": value for name, figures in results.items() for key, value in figures.items()},
        "resident_mb_before": round(before, 1),
        "resident_mb_after": round(after, 1),
        "kb_per_workspace": round((after - before) * 1000 / workspaces, 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspaces", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = asyncio.run(main(args.workspaces, args.concurrency))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")
