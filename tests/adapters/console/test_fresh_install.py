"""The README's run command, from a fresh clone into a fresh virtual environment, checks code answers.

No test may use the internet, so the environment sees the packages already installed here
(`--system-site-packages`) and pip is told not to look at an index; everything else is what a newcomer
does: clone, create a virtual environment, run the README's first command, answer `/quiz kmeans`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.solutions import KMEANS_WRONG_MESSAGE, console_verdicts, kmeans_console_input

ROOT = Path(__file__).resolve().parents[3]


def readme_run_command() -> str:
    """The first shell block of the README's set-up section: the command that runs the bot."""
    setup = (ROOT / "README.md").read_text(encoding="utf-8").split("## Set-up", 1)[1]
    return re.search(r"```sh\n(.*?)```", setup, re.S).group(1).strip()


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    """The committed tree (a clean clone), or a copy of it where there is no git history."""
    target = tmp_path_factory.mktemp("fresh") / "screenprep"
    if (ROOT / ".git").exists() and shutil.which("git"):
        subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    else:
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("*.db", "__pycache__", ".git"))
    return target


@pytest.fixture(scope="module")
def venv(fresh_clone) -> Path:
    """A new environment; its `pip` is the installed one run by the environment's own interpreter.

    (ensurepip would seed the environment with Python 3.11's bundled setuptools 65, which cannot build
    an editable install without the `wheel` package, and offline there is no newer one to fetch.)
    """
    folder = fresh_clone.parent / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(folder)], check=True
    )
    pip = folder / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\nexec "{folder / "bin" / "python"}" -m pip "$@"\n')
    pip.chmod(0o755)
    return folder


def test_the_readme_run_command_gives_a_console_that_checks_code(bank, fresh_clone, venv):
    typed = kmeans_console_input(bank)
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN")},
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "VIRTUAL_ENV": str(venv),
        "PIP_NO_INDEX": "1",  # offline: dependencies come from the packages installed here
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        ["sh", "-c", readme_run_command()],
        cwd=fresh_clone,
        input=typed,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert (venv / "bin" / "screenprep").exists(), "the README's command did not install into the venv"
    verdicts = console_verdicts(out)
    assert len(verdicts) == 2, out[-3000:]
    assert verdicts[0].startswith("✓ Passed"), out[-3000:]
    assert verdicts[1].startswith("✗ Not passed yet"), out[-3000:]
    assert KMEANS_WRONG_MESSAGE in out, "the wrong answer is not told what failed"
    assert "not run" not in out
