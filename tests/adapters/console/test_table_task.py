"""A pandas task from the console: the question, a wrong table, then the reference, in the real sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from questions import load_bank
from tests.support.solutions import reference_solution

REPO = Path(__file__).parents[3]
WRONG = REPO / "tests" / "questions" / "tasks" / "wrong" / "user_conversion_summary"


def test_a_pandas_answer_is_checked_in_the_sandbox_from_the_console(tmp_path: Path):
    wrong = (WRONG / "purchases_only.py").read_text()
    right = reference_solution(load_bank(), "user-conversion-summary")
    stdin = f"/quiz user-conversion-summary\n```python\n{wrong}```\n```python\n{right}```\n/quit\n"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(tmp_path / "team.db"), "console", "--user", "ada"],
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
        env=environ | {"SCREENPREP_SANDBOX": "auto", "PYTHONPATH": str(REPO)},
    )
    output = (result.stdout + result.stderr).decode()
    assert result.returncode == 0 and "Traceback" not in output, output[-2000:]
    failed, passed = output.split("✗ Not passed yet")[1].split("✓ Passed")
    assert "0/2 required tests" in failed and "rows, expected" in failed
    assert "2/2 required tests" in passed and "10 points" in passed
