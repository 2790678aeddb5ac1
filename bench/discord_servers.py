"""How many Discord servers one ScreenPrep process serves: the real client against the fake Discord.

Starts the real QuizClient (AutoShardedClient) against tests/support/fake_discord.py with `--servers`
servers of `--channels` text channels each, sharded as Discord recommends (1,000 servers a shard),
and measures:

- start-up: seconds until every shard is ready, and the memory the cached servers take (RSS growth);
- load: `--events` `/quiz ask` commands in random servers, `--concurrency` in flight at once, each
  acknowledged (Discord's 3-second window) and then handled (question posted, thread opened);
  acknowledgement latency p50/p99 and the sustained rate.

The fake runs in the same process and event loop, so its own work counts against the bot: the figures
are a floor for a real deployment. Identify batches are not waited for (the fake says max_concurrency =
shards); a real bot with max_concurrency 1 spends 5 s per extra shard at start-up.

    python bench/discord_servers.py [--servers 2500] [--channels 10] [--events 400] [--concurrency 20]
                                    [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest
from pydantic import SecretStr

from adapters.discord import DiscordSettings, QuizClient, run_client
from bot import Core
from questions import load_bank
from storage import open_database
from tests.support.fake_discord import TOKEN, FakeDiscord, Interaction

SERVERS_PER_SHARD = 1000
PAGE = 4096


def rss_bytes() -> int:
    """Resident memory of this process, from /proc (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE


def populate(fake: FakeDiscord, servers: int, channels: int) -> list[int]:
    """`servers` servers (the fake's own included) of `channels` text channels; one practice channel each."""
    fake.shards = max(1, math.ceil(servers / SERVERS_PER_SHARD))
    fake.max_concurrency = fake.shards
    practice = [int(c) for c in fake.channels]
    for index in range(servers - 1):
        guild = fake.add_guild(name=f"Server {index}")
        practice.append(fake.add_channel(guild, "practice"))
        for number in range(channels - 1):
            fake.add_channel(guild, f"channel-{number}", position=number + 1)
    return practice


async def timed_ask(fake: FakeDiscord, channel: int, sent: dict[int, float]) -> tuple[float, float]:
    """Seconds to the acknowledgement and to the end of handling, for one `/quiz ask`."""
    started = time.perf_counter()
    interaction = await fake.slash("ask", channel_id=channel, topic="dropout")
    sent[interaction.id] = started
    await fake.wait_for(lambda: interaction.callbacks, within=60)
    acked = time.perf_counter()
    await fake.wait_for(lambda: _handled(interaction), within=60)
    return acked - started, time.perf_counter() - started


def _handled(interaction: Interaction) -> bool:
    return interaction.deleted_original or bool(interaction.followups)


async def load(fake: FakeDiscord, channels: list[int], events: int, concurrency: int) -> dict[str, float]:
    rng = random.Random(1)
    gate = asyncio.Semaphore(concurrency)
    sent: dict[int, float] = {}

    async def one() -> tuple[float, float]:
        async with gate:
            return await timed_ask(fake, rng.choice(channels), sent)

    started = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(events)))
    elapsed = time.perf_counter() - started
    acks = sorted(r[0] for r in results)
    done = sorted(r[1] for r in results)
    return {
        "events_per_s": round(events / elapsed, 1),
        "ack_p50_ms": round(statistics.median(acks) * 1000, 1),
        "ack_p99_ms": round(acks[int(0.99 * (len(acks) - 1))] * 1000, 1),
        "handled_p50_ms": round(statistics.median(done) * 1000, 1),
        "handled_p99_ms": round(done[int(0.99 * (len(done) - 1))] * 1000, 1),
        "late_acks": sum(a > 3.0 for a in acks),
    }


async def run(servers: int, channels: int, events: int, concurrency: int) -> dict[str, float]:
    fake = await FakeDiscord().start()
    patched = pytest.MonkeyPatch()
    fake.patch(patched)
    practice = populate(fake, servers, channels)
    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(Path(folder) / "bench.db")
        core = Core(db, load_bank())
        settings = DiscordSettings(token=SecretStr(TOKEN), commands_file=Path(folder) / "commands.json")
        client = QuizClient(core, settings, guild_ready_timeout=0.01)
        stopping = asyncio.Event()
        before = rss_bytes()
        started = time.perf_counter()
        task = asyncio.create_task(run_client(client, TOKEN, stopping))
        await asyncio.wait_for(client.wait_until_ready(), 300)
        ready = time.perf_counter() - started
        cached = rss_bytes() - before
        assert len(client.guilds) == servers, f"{len(client.guilds)} of {servers} servers cached"
        figures = await load(fake, practice, events, concurrency)
        stopping.set()
        await asyncio.wait_for(task, 30)
        await db.close()
    await fake.close()
    patched.undo()
    return {
        "servers": servers,
        "channels_per_server": channels,
        "shards": fake.shards,
        "ready_s": round(ready, 2),
        "rss_growth_mib": round(cached / 2**20, 1),
        "kib_per_server": round(cached / servers / 1024, 1),
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=2500)
    parser.add_argument("--channels", type=int, default=10, help="text channels a server")
    parser.add_argument("--events", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    report = asyncio.run(run(args.servers, args.channels, args.events, args.concurrency))
    if args.json:
        print(json.dumps(report))
        return
    print(
        f"{report['servers']} servers of {report['channels_per_server']} channels on {report['shards']} "
        f"shard(s): ready in {report['ready_s']} s, "
        f"{report['rss_growth_mib']} MiB ({report['kib_per_server']} KiB a server)"
    )
    print(
        f"/quiz ask x{args.events}, {args.concurrency} in flight: {report['events_per_s']} events/s; "
        f"ack p50 {report['ack_p50_ms']} ms, p99 {report['ack_p99_ms']} ms "
        f"({report['late_acks']} over 3 s); handled p50 {report['handled_p50_ms']} ms, "
        f"p99 {report['handled_p99_ms']} ms"
    )


if __name__ == "__main__":
    main()
