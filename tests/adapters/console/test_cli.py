"""The installed `screenprep` command, driven as a user would: through a pipe."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.answers import GOOD_DROPOUT, POOR_DROPOUT
from tests.support.cli import screenprep

SESSION = f"/as alice\n/quiz dropout\n{GOOD_DROPOUT}\n/as bob\n{POOR_DROPOUT}\n/quiz leaderboard\n"


def leaderboard_names(output: str) -> list[str]:
    table = output.rsplit("Leaderboard", 1)[1].splitlines()[3:]
    return [line.split()[1] for line in table if line.strip() and line.split()[0].isdigit()]


def test_piped_session_ranks_alice_above_bob_and_exits_zero(tmp_path: Path):
    result = screenprep("--db", str(tmp_path / "team.db"), "console", stdin=SESSION)
    assert result.returncode == 0, result.stderr
    assert leaderboard_names(result.stdout) == ["alice", "bob"]
    assert "Traceback" not in result.stdout + result.stderr
    assert "\x1b[" not in result.stdout, "piped output must be plain"


def test_a_second_session_adds_to_the_same_database(tmp_path: Path):
    db = str(tmp_path / "team.db")
    screenprep("--db", db, "console", stdin=SESSION)
    second = screenprep("--db", db, "console", stdin=SESSION)
    board = second.stdout.rsplit("Leaderboard", 1)[1]
    alice = next(line for line in board.splitlines() if " alice " in f" {line} ")
    assert alice.split()[3] == "2", "alice answered two posts across the two sessions"


def test_db_path_from_environment_then_default(tmp_path: Path):
    env_db = tmp_path / "from-env.db"
    screenprep("console", stdin="/quiz dropout\n", env={"SCREENPREP_DB": str(env_db)})
    assert env_db.exists()


def test_bad_input_gets_short_messages_and_exit_zero(tmp_path: Path):
    lines = [
        "/quiz nosuchthing",
        "an answer with nothing open",
        "/as",
        "x" * 100_000,
        "\x07\x1b[2J odd \u202e ünïcödé 🎲",
        "/frobnicate",
        "/quiz leaderboard sideways",
    ]
    result = screenprep("--db", str(tmp_path / "t.db"), "console", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "not a command, category or question id" in result.stdout
    assert "no question open" in result.stdout.lower()
    assert "Usage: /as NAME" in result.stdout
    assert "the limit is 20,000" in result.stdout
    assert "Unknown command `/frobnicate`" in result.stdout
    assert "\x1b[2J" not in result.stdout


def test_fenced_block_over_several_lines_is_one_message(tmp_path: Path):
    code = "/quiz kmeans\n```python\ndef kmeans(X, k, max_iters=100):\n\n    return None\n```\n"
    result = screenprep("--db", str(tmp_path / "t.db"), "console", stdin=code)
    assert result.stdout.count("Checking your code") == 1
    assert re.search(r"Not passed yet · 0/\d+ required tests", result.stdout)
    assert "no question open" not in result.stdout.lower()


def test_run_without_tokens_falls_back_to_the_console(tmp_path: Path):
    result = screenprep("--db", str(tmp_path / "t.db"), "run", stdin="/quiz dropout\n")
    assert result.returncode == 0 and "How dropout works" in result.stdout


def test_questions_list_json_and_show(tmp_path: Path):
    listed = json.loads(screenprep("questions", "list", "--json").stdout)
    assert {"id", "category", "kind", "difficulty"} <= set(listed[0])
    ids = {q["id"] for q in listed}
    assert {"bias-variance", "dropout", "kmeans", "insufficient-data"} <= ids
    deep = json.loads(screenprep("questions", "list", "--category", "dl", "--json").stdout)
    assert deep and {q["category"] for q in deep} == {"deep-learning"}
    shown = screenprep("questions", "show", "dropout")
    assert shown.returncode == 0 and "Key points:" in shown.stdout
    assert screenprep("questions", "show", "nope").returncode == 2
    generated = screenprep("questions", "show", "bayes-rare-disease", "--seed", "3").stdout
    assert "{" not in generated and "%" in generated


def test_validate_passes_on_the_bank_and_names_broken_files(tmp_path: Path):
    assert screenprep("questions", "validate").returncode == 0
    (tmp_path / "broken.yaml").write_text("id: broken\ncategory: nonsense\n")
    (tmp_path / "bad-yaml.yaml").write_text("id: [unclosed\n")
    result = screenprep("questions", "validate", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'broken.yaml'}: category:" in result.stdout
    assert f"{tmp_path / 'bad-yaml.yaml'}: line" in result.stdout


def test_grade_json(tmp_path: Path):
    answer = tmp_path / "answer.txt"
    answer.write_text(GOOD_DROPOUT)
    payload = json.loads(screenprep("grade", "--question", "dropout", str(answer), "--json").stdout)
    assert {"question", "verdict", "score", "covered", "mistakes", "missing", "feedback"} <= set(payload)
    assert payload["question"] == "dropout" and payload["score"] > 0.8


@pytest.mark.parametrize(
    "args", [["grade", "--question", "nope", "x"], ["questions", "list", "--category", "x"]]
)
def test_usage_errors_exit_two_without_traceback(args):
    result = screenprep(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_every_command_has_help():
    for args in [
        [],
        ["run"],
        ["console"],
        ["questions"],
        ["questions", "list"],
        ["questions", "show"],
        ["questions", "validate"],
        ["grade"],
    ]:
        result = screenprep(*args, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout, args


def test_check_exit_codes_and_json(tmp_path: Path):
    good = tmp_path / "good.py"
    good.write_text(
        "import numpy as np\n"
        "def classification_metrics(y_true, y_pred):\n"
        "    t, p = np.asarray(y_true) == 1, np.asarray(y_pred) == 1\n"
        "    tp, fp, fn = np.sum(t & p), np.sum(~t & p), np.sum(t & ~p)\n"
        "    pr = tp / (tp + fp) if tp + fp else 0.0\n"
        "    rc = tp / (tp + fn) if tp + fn else 0.0\n"
        "    return {'precision': pr, 'recall': rc, 'f1': 2 * pr * rc / (pr + rc) if pr + rc else 0.0}\n"
    )
    passed = screenprep("check", "--question", "classification-metrics", str(good), "--json", "--seed", "4")
    assert passed.returncode == 0, passed.stderr
    payload = json.loads(passed.stdout)
    assert set(payload) == {"question", "passed", "tests", "stdout", "duration_ms", "seed"}
    assert payload["seed"] == 4 and {"name", "kind", "status", "message"} == set(payload["tests"][0])
    broken = tmp_path / "broken.py"
    broken.write_text("def classification_metrics(:\n")
    failed = screenprep("check", "--question", "classification-metrics", str(broken))
    assert failed.returncode == 1 and "SyntaxError on line 1" in failed.stdout
    assert screenprep("check", "--question", "dropout", str(good)).returncode == 2
    assert screenprep("check", "--question", "kmeans", str(tmp_path / "missing.py")).returncode == 2


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_may_come_before_or_after_the_command(tmp_path: Path, where: str):
    path = str(tmp_path / "here.db")
    args = ("--db", path, "console") if where == "before" else ("console", "--db", path)
    assert screenprep(*args, stdin="/quit\n").returncode == 0
    assert (tmp_path / "here.db").is_file()
    result = screenprep("db", "export", "--db", path)
    assert result.returncode == 2 and "no team in this database yet" in result.stderr


def test_output_piped_into_a_reader_that_stops_early_is_not_an_error():
    """`screenprep questions list | head -1`: the closed pipe ends the command quietly."""
    executable = shutil.which("screenprep")
    assert executable
    pipeline = subprocess.run(
        f"'{executable}' questions list --json | head -c 10; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert pipeline.returncode == 0 and "Traceback" not in pipeline.stderr, pipeline.stderr


def test_the_chart_folder_is_ignored_by_git():
    from adapters.console._render import CHART_DIR

    ignored = (Path(__file__).resolve().parents[3] / ".gitignore").read_text().splitlines()
    assert f"{CHART_DIR}/" in ignored
