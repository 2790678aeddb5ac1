"""`screenprep doctor` and strict mode, on this host and with /sys/fs/cgroup hidden from the bot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.sandbox import Protection
from questions import load_bank
from tests.support.solutions import reference_solution

REPOSITORY = Path(__file__).resolve().parents[3]
HIDE_CGROUPS = ["unshare", "--mount", "--propagation", "private", "sh", "-c"]
HIDE_CGROUPS += ['mount -t tmpfs -o size=1m hidden-cgroups /sys/fs/cgroup && exec "$@"', "sh"]


def screenprep(*args: str, hide_cgroups: bool = False, **env: str) -> subprocess.CompletedProcess:
    """This worktree's CLI (`python -m adapters.cli`), optionally in a namespace without cgroups."""
    command = [sys.executable, "-m", "adapters.cli", *args]
    if hide_cgroups:
        assert os.geteuid() == 0, "hiding /sys/fs/cgroup needs root (a private mount namespace)"
        command = [*HIDE_CGROUPS, *command]
    done = subprocess.run(
        command, cwd=REPOSITORY, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def lines_about(output: str, protection: Protection) -> list[str]:
    return [line for line in output.splitlines() if f" {protection}: " in line]


def test_doctor_finds_every_protection_in_force_here():
    done = screenprep("doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    for protection in Protection:
        assert [line.split()[0] for line in lines_about(done.stdout, protection)] == ["ok"], protection
    assert "cgroup v1, controllers: memory, pids" in done.stdout or "cgroup v2" in done.stdout
    assert done.stdout.rstrip().endswith("Sandbox: every protection is in force.")


def test_doctor_names_a_missing_memory_cgroup_with_its_fix():
    done = screenprep("doctor", hide_cgroups=True)
    assert done.returncode == 1
    [line] = lines_about(done.stdout, Protection.MEMORY_CGROUP)
    assert line.split()[0] == "MISSING" and "4 processes x 192 MiB" in line
    after = done.stdout.split(line, 1)[1].splitlines()[1]
    assert after.strip().startswith("fix: ")
    assert [line.split()[0] for line in lines_about(done.stdout, Protection.SECCOMP)] == ["ok"]


def test_strict_mode_refuses_to_run_code_without_a_memory_bound(tmp_path: Path):
    answer = tmp_path / "answer.py"
    answer.write_text(reference_solution(load_bank(), "r2-score"))
    check = ("check", "--question", "r2-score", str(answer))
    strict = screenprep(*check, hide_cgroups=True, SCREENPREP_SANDBOX="strict")
    assert strict.returncode == 2
    assert "SCREENPREP_SANDBOX=strict" in strict.stderr and "missing: memory cgroup" in strict.stderr
    assert "code checks are unavailable here" in strict.stderr
    auto = screenprep(*check, hide_cgroups=True, SCREENPREP_SANDBOX="auto")
    assert auto.returncode == 0, auto.stdout + auto.stderr
    assert "sandbox: no memory cgroup" in auto.stderr, "the gap is logged once at start"
