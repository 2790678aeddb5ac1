"""The interactive console in a real pseudo-terminal: editing, history, pastes, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.support.answers import GOOD_DROPOUT

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
UP = "\x1b[A"
TIMEOUT = 60


def console_in_a_terminal(tmp_path: Path, rows: int, columns: int) -> pexpect.spawn:
    """`screenprep console` in a pseudo-terminal of this size, at its first prompt."""
    executable = shutil.which("screenprep")
    assert executable, "install the project first: pip install -e '.[test]'"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "NO_COLOR")},
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    child = pexpect.spawn(
        executable,
        ["--db", str(tmp_path / "team.db"), "console", "--user", "ada"],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(rows, columns),
    )
    child.expect("ada>")
    return child


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[pexpect.spawn]:
    child = console_in_a_terminal(tmp_path, 40, 100)
    yield child
    child.close(force=True)


def answers(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "team.db") as raw:
        return [row[0] for row in raw.execute("SELECT answer FROM attempts ORDER BY id")]


def send_line(child: pexpect.spawn, text: str) -> None:
    child.send(text + "\r")


def paste(child: pexpect.spawn, text: str) -> None:
    child.send(PASTE_START + text + PASTE_END)


def test_a_pasted_multi_line_answer_is_graded_once(terminal: pexpect.spawn, tmp_path: Path):
    send_line(terminal, "/quiz dropout")
    terminal.expect("Answer privately")
    lines = [line for line in GOOD_DROPOUT.split(". ") if line][:3]
    paste(terminal, ".\n".join(lines))
    terminal.send("\r")
    terminal.expect("score")
    send_line(terminal, "/quit")
    terminal.expect(pexpect.EOF)
    (stored,) = answers(tmp_path)
    assert stored.count("\n") == 2


def test_a_12000_character_answer_is_kept_whole(terminal: pexpect.spawn, tmp_path: Path):
    send_line(terminal, "/quiz dropout")
    terminal.expect("Answer privately")
    long_answer = ("Dropout zeroes units at random during training. " * 300)[:12_000].strip()
    paste(terminal, long_answer)
    terminal.send("\r")
    terminal.expect("score")
    send_line(terminal, "/quit")
    terminal.expect(pexpect.EOF)
    assert answers(tmp_path) == [long_answer]


def test_history_brings_back_the_last_message(terminal: pexpect.spawn):
    send_line(terminal, "/quiz season")
    terminal.expect("season")
    terminal.send(UP)
    terminal.send("\r")
    terminal.expect("season")
    send_line(terminal, "/quit")
    terminal.expect(pexpect.EOF)


def test_ctrl_c_clears_the_input_and_ctrl_d_quits_with_status_0(terminal: pexpect.spawn, tmp_path: Path):
    terminal.send("half an answer I no longer want")
    terminal.expect("no longer want")  # echoed: any prompt drawn after this is the one Ctrl-C brings back
    terminal.sendcontrol("c")
    # Ctrl-C first redraws the abandoned line (its "ada>" included), then draws a fresh prompt: wait for
    # that one, or Ctrl-D can reach the closing prompt and be dropped with it.
    terminal.expect(r"no longer want[\s\S]*?ada>")
    terminal.sendcontrol("d")
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 0
    assert answers(tmp_path) == []


def test_a_numbered_choice_presses_its_button(terminal: pexpect.spawn, tmp_path: Path):
    send_line(terminal, "/quiz dropout")
    terminal.expect(r"\[/1\] Answer privately")
    send_line(terminal, "/2")
    terminal.expect("Hint 1")
    send_line(terminal, "/1")
    terminal.expect("Send it as your next message")
    send_line(terminal, "Each unit is zeroed with probability p during training.")
    terminal.expect("score")
    send_line(terminal, "/quit")
    terminal.expect(pexpect.EOF)
    assert answers(tmp_path) == ["Each unit is zeroed with probability p during training."]


def test_code_pasted_without_a_fence_gets_one_message_not_one_per_line(terminal: pexpect.spawn):
    send_line(terminal, "/quiz kmeans")
    terminal.expect("Submit code")
    body = ["import numpy as np", "def kmeans(X, k):", *["    x = 1"] * 25, "    return x"]
    paste(terminal, "\n".join(body))
    terminal.send("\r")
    terminal.expect("python block")
    send_line(terminal, "/quit")
    terminal.expect(pexpect.EOF)
    assert terminal.before.count("python block") == 0


def test_help_fits_an_80_column_terminal(tmp_path: Path):
    child = console_in_a_terminal(tmp_path, 60, 80)
    send_line(child, "/quiz help")
    child.expect("Answer a question by replying")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before)
    rows = [row for row in shown.splitlines() if row.strip()]
    assert len(rows) > 10 and max(len(row) for row in rows) <= 80
    assert sum(len(row.strip()) <= 2 for row in rows) == 0, "no column is squeezed to a letter per line"
    send_line(child, "/quit")
    child.expect(pexpect.EOF)
