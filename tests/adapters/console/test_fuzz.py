"""Thousands of hostile lines piped through `console`: it must answer every one and leave a sound database.

The lines come from a seeded generator, so a failure reproduces: the seed is printed, and
SCREENPREP_FUZZ_SEED=<seed> runs that input again (the default seed is fixed, so the suite is stable).
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from questions import load_bank
from tests.support.cli import console

LINES = 2000
SECONDS = 240
DEFAULT_SEED = 20261206
LONG_LINE = 20_000

NUMBERS = [
    "1e-100000000",
    "2 x 10^400",
    "1e309",
    "-1e309",
    "10**400",
    "2^1000000",
    "9" * 5000,
    "0." + "0" * 5000 + "1",
    "²",
    "³/²",
    "½",
    "¹⁰⁰",
    "10⁻⁹⁹⁹⁹⁹",
    "١٢٣",
    "１２３",
    "NaN",
    "nan%",
    "inf",
    "-inf",
    "-0",
    "0x1p-1074",
    "1/0",
    "0/0",
    "1e",
    "e5",
    ".",
    "-",
    "1,000,000",
    "1_000",
    "3.14.15",
    "99999999999999999999%",
    "1e-5%",
    "0.25",
    "1/4",
    "25%",
    "7",
    "-3",
    "1e6",
    "2.5e-3",
]
WORDS = [
    "math",
    "coding",
    "dl",
    "ml",
    "resume",
    "behavioral",
    "all",
    "week",
    "month",
    "channel",
    "team",
    "on",
    "off",
    "confirm",
    "private",
    "open",
    "start",
    "join",
    "next",
    "pause",
    "resume",
    "end",
    "status",
    "pairing",
    "optin",
    "nudge",
    "daily",
    "answer",
    "since",
    "@alice",
    "@",
    "<@U123>",
    "#general",
    "*",
]
DATES = [
    "0001-01-01",
    "0999-01-01",
    "9999-12-31",
    "2024-02-30",
    "2026-13-01",
    "1970-01-01",
    "-001-01-01",
    "2026",
]
TIMES = ["00:00", "23:59", "24:00", "25:61", "-1:00", "9:5", "12:00:00", "99999999:00", "٠٩:٠٠"]
ZONES = ["UTC", "Europe/Berlin", "Mars/Olympus", "../../etc/passwd", "Etc/GMT+14", "UTC+99", "", "America/"]
ODD = [
    "\u200f",
    "\u202e",
    "\u200d",
    "\u200b",
    "\ufeff",
    "\u0301" * 500,
    "\x00",
    "\x1b[31m",
    "\x07",
    "\x0c",
    "\u2028",
    "\ud800",
    "\udcff",
    "😀" * 50,
    "👩\u200d👩\u200d👧",
    "ǅ",
    "ß",
    "İ",
    "\U0010ffff",
    "\\",
    "`",
    "```",
    "'",
    '"',
    "%s",
    "{}",
    "{0}",
    "<script>",
    "&amp;",
    "*bold*",
    "~",
    "|",
]
HOSTILE_CODE = [
    "import os\nos.system('rm -rf /')",
    "while True:\n    pass",
    "print('x' * 10**9)",
    "import sys; sys.setrecursionlimit(10**9)\ndef f(): return f()\nf()",
    "def solve(*a, **k):\n    raise SystemExit(0)",
    "```",
    "\x00" * 100,
]
COMMANDS = [
    "",
    "hint",
    "reveal",
    "answer",
    "schedule",
    "weights",
    "reveal-at",
    "visibility",
    "pause",
    "settings",
    "resume",
    "mock",
    "leaderboard",
    "stats",
    "season",
    "weak-spots",
    "review",
    "forget-me",
    "help",
]


def fuzz_lines(rng: random.Random, count: int) -> list[str]:
    """Commands with random arguments, answers, odd Unicode, long lines and fenced blocks."""
    ids = sorted(load_bank().questions)
    makers: list[Callable[[], str]] = [
        lambda: f"/quiz {rng.choice(ids)}",
        lambda: f"/quiz {rng.choice(COMMANDS)} {arguments(rng)}",
        lambda: f"/quiz weights {' '.join(f'{rng.choice(WORDS)}={rng.choice(NUMBERS)}' for _ in range(3))}",
        lambda: f"/quiz mock {rng.choice(WORDS)} minutes={rng.choice(NUMBERS)} {arguments(rng)}",
        lambda: f"/quiz leaderboard since {rng.choice(DATES)} {rng.choice(WORDS)}",
        lambda: (
            f"/quiz schedule {rng.choice(TIMES)} {rng.choice(ZONES)} {rng.choice(['mon-fri', 'sun', 'x-y'])}"
        ),
        lambda: f"/quiz reveal-at {rng.choice(TIMES)}",
        lambda: f"/quiz answer {rng.choice(NUMBERS)}",
        lambda: f"/quiz review answer {rng.choice(NUMBERS)}",
        lambda: f"/as {rng.choice(WORDS + ODD)}{rng.choice(ODD)}",
        lambda: rng.choice(NUMBERS),
        lambda: arguments(rng),
        lambda: (
            rng.choice(["/", "//", "/quizz", "/QUIZ HELP", "/quiz\t\thelp", "/help", "/as"]) + arguments(rng)
        ),
        lambda: rng.choice(ODD) * rng.randint(1, 40) + rng.choice(NUMBERS),
        lambda: "".join(chr(rng.randint(1, 0x10FFFF)) for _ in range(rng.randint(1, 80))),
        lambda: rng.choice(["/quiz answer ", "", "/quiz "]) + rng.choice(WORDS + NUMBERS) * (LONG_LINE // 4),
        lambda: f"```python\n{rng.choice(HOSTILE_CODE)}\n```",
        lambda: f"/quiz answer ```python\n{rng.choice(HOSTILE_CODE)}\n```",
    ]
    return [rng.choice(makers)() for _ in range(count)]


def arguments(rng: random.Random) -> str:
    pool = [*WORDS, *NUMBERS, *DATES, *TIMES, *ZONES, *ODD]
    return " ".join(rng.choice(pool) for _ in range(rng.randint(0, 5)))


def as_bytes(lines: list[str]) -> bytes:
    """Lone surrogates become the bytes that encode them: not valid UTF-8, as a hostile pipe may send."""
    return "".join(line.replace("\r", "") + "\n" for line in lines).encode("utf-8", "surrogatepass")


def test_hostile_lines_through_the_console_get_answers_not_tracebacks(tmp_path: Path):
    seed = int(os.environ.get("SCREENPREP_FUZZ_SEED", DEFAULT_SEED))
    print(f"fuzz seed {seed} (rerun with SCREENPREP_FUZZ_SEED={seed})")
    db = tmp_path / "fuzz.db"
    try:
        result = console(db, as_bytes(fuzz_lines(random.Random(seed), LINES)), timeout=SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"seed {seed}: the console did not get through {LINES} lines in {SECONDS} s")
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    where = f"seed {seed}: {output[-3000:]}"
    assert result.returncode == 0, where
    assert "Traceback" not in output, where
    assert "Something went wrong" not in output, where
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
