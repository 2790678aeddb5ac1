"""The console, configured from the environment, asks a local OpenAI-compatible server; both grades show."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from tests.support.answers import CI, PARAPHRASE, PARAPHRASE_QUOTES
from tests.support.fake_openai import KEY, FakeOpenAI, quoting

ROOT = Path(__file__).resolve().parents[3]


async def run_console(tmp_path: Path, stdin: str, environment: dict[str, str]) -> tuple[str, str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SCREENPREP_SANDBOX": "off", **environment}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "import sys; from adapters.cli import main; sys.exit(main(sys.argv[1:]))",
        "--db",
        str(tmp_path / "team.db"),
        "console",
        cwd=ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), 120)
    assert process.returncode == 0, err.decode()
    return out.decode(), err.decode()


async def test_a_console_session_shows_the_offline_grade_then_the_reviewed_one(tmp_path: Path):
    async with FakeOpenAI() as fake:
        fake.verdicts = quoting(PARAPHRASE_QUOTES)
        out, err = await run_console(
            tmp_path,
            f"/as alice\n/quiz {CI}\n{PARAPHRASE}\n/quiz leaderboard\n",
            {
                "SCREENPREP_GRADER_URL": fake.base_url,
                "SCREENPREP_GRADER_MODEL": "fake-grader",
                "SCREENPREP_GRADER_KEY": KEY,
                "SCREENPREP_LOG_LEVEL": "DEBUG",
            },
        )
    assert len(fake.received) == 1
    offline = re.search(r"Partial · score 0\.\d+ · (\d+) points", out)
    reviewed = re.search(r"Passed · score 0\.\d+ · (\d+) points", out)
    assert offline and reviewed, out
    assert out.index(offline.group(0)) < out.index(reviewed.group(0))
    assert int(reviewed.group(1)) > int(offline.group(1))
    board = out.rsplit("Leaderboard", 1)[1]
    assert "alice" in board and reviewed.group(1) in board
    assert "Traceback" not in out + err
    assert "openai" in err, "debug logs of the SDK were on, and still:"
    assert KEY not in out + err
