"""Run `screenprep` as a user would, through pipes, with no platform tokens in its environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def screenprep(
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    wrapper: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """The installed command (or `wrapper`, which ends in it), its output checked for tracebacks."""
    executable = shutil.which("screenprep")
    assert executable, "install the project first: pip install -e '.[test]'"
    clean_env = {
        k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "SCREENPREP_DB")
    }
    result = subprocess.run(
        [*wrapper] + ([] if wrapper else [executable]) + list(args),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean_env, **(env or {})},
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr and " ERROR " not in result.stderr, result.stderr
    return result


def console(db: Path, stdin: bytes, *, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """`python -m adapters.cli console` from this checkout, no platform or grader, stdin strict UTF-8.

    Strict, as Python reads stdin under a locale such as en_US.UTF-8 (only C and POSIX escape bad bytes).
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "SCREENPREP_"))}
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(db), "console", "--user", "fuzz"],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=db.parent,
        env=environ
        | {"SCREENPREP_SANDBOX": "off", "PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(REPOSITORY)},
    )
