"""A database the bot cannot use stops `console`, `run` and `db export` with one line and exit 2."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from storage import available_migrations
from tests.support.cli import screenprep

COMMANDS = [("console",), ("run",), ("db", "export")]


def healthy(folder: Path) -> Path:
    path = folder / "team.db"
    assert screenprep("--db", str(path), "console", stdin="/quit\n").returncode == 0
    return path


def corrupt(folder: Path) -> Path:
    path = healthy(folder)
    path.write_bytes(b"\x00garbage" * 4096)
    for extra in folder.glob("team.db-*"):
        extra.unlink()
    return path


def newer(folder: Path) -> Path:
    path = healthy(folder)
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {len(available_migrations()) + 1}")
    return path


def one_line_exit_2(result, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert all(word in lines[0] for word in words), lines[0]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("make", "words"), [(corrupt, "not a SQLite database"), (newer, "upgrade ScreenPrep")]
)
def test_an_unusable_file_gives_one_line_and_exit_2(tmp_path: Path, command, make, words):
    path = make(tmp_path)
    one_line_exit_2(screenprep("--db", str(path), *command, stdin="/quit\n"), str(path), words)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_folder_gives_one_line_and_exit_2(tmp_path: Path, command):
    """Root ignores file modes, so the folder is made read-only the way a host would: a read-only mount."""
    path = healthy(tmp_path)
    bwrap = shutil.which("bwrap")
    assert bwrap, "bubblewrap is part of the set-up (apt-get install bubblewrap)"
    where = str(tmp_path)
    jail = (bwrap, "--dev-bind", "/", "/", "--ro-bind", where, where, shutil.which("screenprep") or "")
    result = screenprep("--db", str(path), *command, stdin="/quit\n", wrapper=jail)
    one_line_exit_2(result, str(path))


def test_a_missing_folder_gives_one_line_and_exit_2(tmp_path: Path):
    path = tmp_path / "nowhere" / "team.db"
    one_line_exit_2(screenprep("--db", str(path), "console", stdin="/quit\n"), "there is no folder")
