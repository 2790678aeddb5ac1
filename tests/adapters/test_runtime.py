"""The model grader's settings at the composition root: off by default, checked when on, the key hidden."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adapters.runtime import grader_settings
from bot.judge import JudgeSettings

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-runtime-key-0042"


@pytest.fixture(autouse=True)
def no_grader(monkeypatch: pytest.MonkeyPatch):
    for name in ("URL", "MODEL", "KEY", "TIMEOUT", "RETRIES", "DAILY_PER_PERSON", "DAILY_TOTAL"):
        monkeypatch.delenv(f"SCREENPREP_GRADER_{name}", raising=False)


def test_off_unless_a_url_is_set(monkeypatch: pytest.MonkeyPatch):
    assert grader_settings() is None
    monkeypatch.setenv("SCREENPREP_GRADER_MODEL", "llama3.1")
    assert grader_settings() is None


def test_a_url_and_model_turn_it_on_with_defaults_and_a_hidden_key(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SCREENPREP_GRADER_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("SCREENPREP_GRADER_MODEL", "llama3.1")
    monkeypatch.setenv("SCREENPREP_GRADER_KEY", KEY)
    monkeypatch.setenv("SCREENPREP_GRADER_TIMEOUT", "1m")
    settings = grader_settings()
    assert settings == JudgeSettings("http://localhost:11434/v1", "llama3.1", KEY, timeout=60.0)
    assert (settings.max_retries, settings.daily_per_person, settings.daily_total) == (1, 30, 500)
    assert KEY not in repr(settings)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SCREENPREP_GRADER_URL": "localhost:11434"}, "must start with http:// or https://"),
        ({"SCREENPREP_GRADER_URL": "http://x/v1"}, "SCREENPREP_GRADER_MODEL must name a model"),
        ({"SCREENPREP_GRADER_TIMEOUT": "0s"}, "SCREENPREP_GRADER_TIMEOUT must be longer than 0s"),
        ({"SCREENPREP_GRADER_TIMEOUT": "soon"}, "SCREENPREP_GRADER_TIMEOUT must be a duration"),
        (
            {"SCREENPREP_GRADER_DAILY_PER_PERSON": "-3"},
            "SCREENPREP_GRADER_DAILY_PER_PERSON must be a whole number",
        ),
    ],
)
def test_unusable_values_stop_start_up_with_a_short_message(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
):
    monkeypatch.setenv("SCREENPREP_GRADER_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SCREENPREP_GRADER_MODEL", "m")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    if "SCREENPREP_GRADER_MODEL" in message:
        monkeypatch.delenv("SCREENPREP_GRADER_MODEL")
    with pytest.raises(SystemExit) as stopped:
        grader_settings()
    assert message in str(stopped.value)


@pytest.mark.parametrize(
    ("grader", "imported"),
    [
        ({}, "False"),
        ({"SCREENPREP_GRADER_URL": "http://127.0.0.1:9/v1", "SCREENPREP_GRADER_MODEL": "m"}, "True"),
    ],
)
def test_only_a_configured_grader_imports_the_openai_package(tmp_path: Path, grader: dict, imported: str):
    """Start-up time matters: the SDK takes about 0.5 s to import, so only a configured grader pays."""
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "import adapters.cli\n"
        "from adapters.runtime import open_runtime\n"
        "async def main():\n"
        "    async with open_runtime(Path(sys.argv[1])) as runtime:\n"
        "        assert runtime.core is not None\n"
        "asyncio.run(main())\n"
        "print('openai' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "SCREENPREP_SANDBOX": "off", "PYTHONPATH": str(ROOT), **grader}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "db.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == imported
