"""A SQL task from the console, as a user pipes it: a ```sql block, the Submit code form, and mistakes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from questions import load_bank
from tests.support.solutions import reference_solution

REPO = Path(__file__).parents[3]
TASK = "sql-funnel-conversion"


def console(db: Path, stdin: str) -> str:
    """This worktree's console with the real sandbox (bubblewrap), its output checked for tracebacks."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(db), "console", "--user", "ada"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=db.parent,
        env=environ | {"PYTHONPATH": str(REPO)},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output[-3000:]
    return result.stdout


def test_a_sql_task_runs_end_to_end_from_the_console(tmp_path: Path):
    reference = reference_solution(load_bank(), TASK)
    session = "\n".join(
        [
            f"/quiz {TASK}",
            f"```sql\n{reference}```",
            f"/quiz {TASK}",
            "/1",
            "SELECT source FROM users GROUP BY source",
            f"/quiz {TASK}",
            "```sql\nSELECT source,\n       visitorz\nFROM users\n```",
            f"/quiz {TASK}",
            "```python\ndef funnel():\n    return None\n```",
            "",
        ]
    )
    turns = console(tmp_path / "sql.db", session).split(f"Question: {TASK}")[1:]
    assert len(turns) == 4
    shown, form, error, wrong_language = turns
    assert "with your query in a ```sql block" in shown
    assert "✓ Passed · 2/2 required tests · 20 points" in shown
    assert "Submit code: Your solution (Python, or SQL for a SQL task)" in form
    assert "✗ Not passed yet · 0/2 required tests" in form
    assert "the result has columns (source); the prompt asks for (source, visitors" in form
    assert "SQL error on line 2 (`visitorz`): no such column: visitorz" in error
    assert "This is a coding question: send your query in a ```sql block." in wrong_language
    assert "Checking your code" not in wrong_language
