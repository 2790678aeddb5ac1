"""The one settings model: README's variables, their defaults, one-line errors, and secrets kept hidden."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import SandboxMode, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-hidden-1",
    "SLACK_APP_TOKEN": "xapp-hidden-2",
    "DISCORD_TOKEN": "discord-hidden-3",
    "SCREENPREP_GRADER_URL": "http://127.0.0.1:9/v1",
    "SCREENPREP_GRADER_MODEL": "m",
    "SCREENPREP_GRADER_KEY": "sk-hidden-4",
}


def test_defaults_are_the_readmes_and_no_section_is_on_by_itself():
    settings = Settings.from_environ({})
    assert settings.db == Path("screenprep.db") and settings.log_level == "WARNING"
    assert (settings.catchup_grace, settings.claim_lease) == (timedelta(hours=3), timedelta(minutes=2))
    assert settings.sandbox is SandboxMode.AUTO and settings.sandbox_python is None
    assert settings.user == "you"
    assert (settings.grader, settings.slack, settings.discord) == (None, None, None)


def test_every_variable_keeps_its_name_and_blank_means_unset():
    settings = Settings.from_environ(
        {
            "SCREENPREP_DB": "team.db",
            "SCREENPREP_LOG_LEVEL": "debug",
            "SCREENPREP_CATCHUP_GRACE": "90s",
            "SCREENPREP_CLAIM_LEASE": " 15m ",
            "SCREENPREP_SANDBOX": "strict",
            "SCREENPREP_SANDBOX_PYTHON": "  ",
            "USER": "ada",
            "SCREENPREP_ADMINS": "U1, 42,,",
        }
        | SECRETS
    )
    assert (settings.db, settings.log_level, settings.user) == (Path("team.db"), "debug", "ada")
    assert (settings.catchup_grace, settings.claim_lease) == (timedelta(seconds=90), timedelta(minutes=15))
    assert settings.sandbox is SandboxMode.STRICT and settings.sandbox_python is None
    assert settings.slack is not None and settings.discord is not None and settings.grader is not None
    assert settings.slack.admins == settings.discord.admins == {"U1", "42"}
    assert settings.slack.socket_mode and settings.grader.timeout == timedelta(seconds=20)


def test_secrets_stay_out_of_repr_and_str_but_reach_their_clients():
    settings = Settings.from_environ(SECRETS)
    for shown in (repr(settings), str(settings)):
        assert "hidden" not in shown
    assert settings.slack is not None and settings.slack.bot_token.get_secret_value() == "xoxb-hidden-1"
    assert settings.grader is not None and settings.grader.key.get_secret_value() == "sk-hidden-4"


@pytest.mark.parametrize(
    ("environ", "line"),
    [
        ({"SCREENPREP_SANDBOX": "maybe"}, "SCREENPREP_SANDBOX must be 'auto', 'strict' or 'off'"),
        ({"SCREENPREP_CLAIM_LEASE": "-2m"}, "SCREENPREP_CLAIM_LEASE must be a duration such as 90s"),
        ({"SLACK_BOT_TOKEN": "xoxb-hidden-1"}, "Slack needs SLACK_BOT_TOKEN plus SLACK_APP_TOKEN"),
        ({"DISCORD_TOKEN": "t", "DISCORD_GUILD_IDS": "1,x"}, "DISCORD_GUILD_IDS must be comma-separated"),
        ({"SLACK_BOT_TOKEN": "b", "SLACK_APP_TOKEN": "a", "PORT": "80a"}, "PORT must be a whole number"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(environ: dict[str, str], line: str):
    with pytest.raises(SettingsError) as failure:
        Settings.from_environ(environ)
    assert str(failure.value).startswith(line) and "\n" not in str(failure.value)
    assert "hidden" not in str(failure.value)


def test_screenprep_stops_at_start_up_with_that_line_and_no_traceback(tmp_path: Path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SCREENPREP_CATCHUP_GRACE": "soon"}
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(tmp_path / "x.db"), "questions", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "screenprep: SCREENPREP_CATCHUP_GRACE must be a duration such as 90s, 15m or 3h, not 'soon'"
    )
