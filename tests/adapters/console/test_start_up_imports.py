"""What the console imports before its first prompt: none of the heavy parts that only later need.

Start-up speed is measured by `bench/startup.py`; this pins its cause, without timing anything: a
real console in a fresh interpreter, quit at once, must not have imported the platform SDKs, numpy,
the graders, the views and the rest below. The same console that is then asked a question and
answers it does import the graders and the views, so the check can see an import when one happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

NOT_BEFORE_READY = (
    # platform SDKs and the model grader's client
    "discord",
    "slack_bolt",
    "slack_sdk",
    "aiohttp",
    "openai",
    # what code checks and charts need: numpy, pandas, the task modules, judging, the sandbox, matplotlib
    "numpy",
    "pandas",
    "matplotlib",
    "questions.tasks",
    "bot.checks._judging",
    "bot.sandbox",
    # the graders (stemmer, fuzzy matching, word tables) and the model review's checks
    "snowballstemmer",
    "rapidfuzz",
    "bot.grading._text",
    "bot.grading._grade",
    "bot.judge._verdicts",
    # spaced review, and the views only replies need
    "fsrs",
    "bot.quiz._views",
    "bot.mock._views",
    "bot.progress._views",
    # line editing, for terminals only (these runs are piped)
    "prompt_toolkit",
    # YAML: the bank comes from its cache while no question file changed
    "yaml",
)

RUN_CONSOLE = """
import io, json, sys
from importlib.util import _LazyModule
from adapters.cli import main
sys.stdin = io.TextIOWrapper(io.BytesIO(sys.argv[2].encode()))
status = main(["--db", sys.argv[1], "console"])
run = [name for name, module in sys.modules.items() if not isinstance(module, _LazyModule)]
print(json.dumps({"status": status, "modules": sorted(run)}))
"""
"""A module `bot.lazy` made but nobody has used yet is in sys.modules as a `_LazyModule`: not run."""


def modules_after(typed: str, folder: Path) -> set[str]:
    """Every module a fresh console has imported by the time the typed session ends.

    A first console fills the question cache (in `folder`), as any first run does; the second one counts.
    """
    environment = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    for session in ("/quit\n", typed):
        result = subprocess.run(
            [sys.executable, "-c", RUN_CONSOLE, str(folder / "bot.db"), session],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] == 0
    return set(report["modules"])


def loaded(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for module in modules)


def test_a_console_quit_at_once_imported_nothing_heavy(tmp_path: Path):
    modules = modules_after("/quit\n", tmp_path)
    assert "bot.core" in modules and "storage" in modules, "the console did not start"
    assert [name for name in NOT_BEFORE_READY if loaded(modules, name)] == []


def test_the_first_answer_brings_the_graders_and_views(tmp_path: Path):
    modules = modules_after(
        "/quiz dropout\nDropout zeroes units at random during training.\n/quit\n", tmp_path
    )
    for needed in ("snowballstemmer", "bot.grading._text", "bot.quiz._views"):
        assert loaded(modules, needed), needed
