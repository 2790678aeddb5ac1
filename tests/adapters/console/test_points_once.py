"""Re-posting a question in a terminal session earns nobody its points again (real processes, one file)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.answers import GOOD_DROPOUT

ROOT = Path(__file__).resolve().parents[3]
PARTIAL_DROPOUT = (
    "Each unit is zeroed with probability p during training, and survivors are scaled by 1/(1-p)."
)
VERDICT = re.compile(r"^[✓✗~!] (Passed|Partial|Not yet) · score [0-9.]+ · (.+)$", re.M)


def session(db: Path, *lines: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(db), "console"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))},
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def scoring(output: str) -> list[str]:
    """What each verdict said about points, in order."""
    return [match[1] for match in VERDICT.findall(output)]


def board(output: str) -> dict[str, tuple[int, int]]:
    """The last leaderboard's (points, answers) by name."""
    table = output.rsplit("Leaderboard", 1)[1].splitlines()
    rows = [line.split() for line in table if line[:1].isdigit()]
    return {row[1]: (int(row[2]), int(row[3])) for row in rows}


def test_reposting_a_question_earns_only_the_difference_and_repeats_are_practice(tmp_path: Path):
    db = tmp_path / "team.db"
    first = session(
        db,
        "/as alice",
        "/quiz dropout",
        PARTIAL_DROPOUT,
        "/quiz dropout",
        PARTIAL_DROPOUT,
        GOOD_DROPOUT,
        "/quiz dropout",
        GOOD_DROPOUT,
        "/as bob",
        GOOD_DROPOUT,
        "/quiz leaderboard",
    )
    partial, repeat, better, again, bob = scoring(first)
    earned = int(partial.removesuffix(" points"))
    assert 0 < earned < 20
    assert repeat == f"you already earned {earned} points for this question; this answer is practice"
    assert better == f"{20 - earned} more points (20 for this question now)"
    assert again == "you already earned 20 points for this question; this answer is practice"
    assert bob == "20 points"
    assert board(first) == {"alice": (20, 3), "bob": (20, 1)}

    second = session(db, "/as alice", "/quiz dropout", GOOD_DROPOUT, "/quiz leaderboard")
    assert scoring(second) == ["you already earned 20 points for this question; this answer is practice"]
    assert board(second)["alice"] == (20, 4), "a later session on the same file remembers the points"
