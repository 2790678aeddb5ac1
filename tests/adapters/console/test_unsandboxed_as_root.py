"""Without bubblewrap, root's console still checks code when `nobody` cannot run root's interpreter.

A pyenv or virtual environment under /root is the usual case: `nobody` cannot enter /root, so the
fallback that drops to `nobody` cannot start, and the console runs code as root under rlimits with
no capabilities, saying so in one line. Here the interpreter is a real virtual environment in a
folder only root may enter, and PATH has no bubblewrap, so the real console takes that path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.checks import judge
from bot.sandbox import Launcher, SandboxPool
from bot.sandbox._launch import NOBODY
from questions.tasks import Case
from tests.support.sandbox import job
from tests.support.solutions import KMEANS_WRONG_MESSAGE, console_verdicts, kmeans_console_input

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the fallback as root needs root")


@pytest.fixture
def root_only_python(tmp_path: Path) -> Path:
    """An interpreter with numpy (this one's packages) in a folder that only root may enter."""
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    venv = private / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True
    )
    return venv / "bin" / "python"


def imports_numpy(python: Path, **credentials) -> bool:
    try:
        return (
            subprocess.run([python, "-c", "import numpy"], capture_output=True, **credentials).returncode == 0
        )
    except PermissionError:  # the kernel refused to execute it at all
        return False


def test_nobody_cannot_run_it(root_only_python: Path):
    """The premise: this interpreter is out of `nobody`'s reach, as one under /root is."""
    assert not imports_numpy(root_only_python, user=NOBODY, group=NOBODY, extra_groups=[])
    assert imports_numpy(root_only_python)


def test_root_s_console_checks_code_without_a_sandbox_and_says_so(bank, root_only_python: Path, tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN")},
        "PATH": str(root_only_python.parent),  # no bwrap on it: the sandbox is unavailable
        "PYTHONPATH": str(ROOT),
        "SCREENPREP_SANDBOX_PYTHON": str(root_only_python),
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        [root_only_python, "-m", "adapters.cli", "--db", str(tmp_path / "root.db"), "console"],
        cwd=ROOT,
        input=kmeans_console_input(bank),
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    warnings = [line for line in result.stderr.splitlines() if "WITHOUT a sandbox" in line]
    assert len(warnings) == 1, result.stderr[-2000:]
    assert f"AS ROOT, because nobody cannot run {root_only_python}" in warnings[0]
    assert "the code can read and change root's files and signal root's processes" in warnings[0]
    verdicts = console_verdicts(result.stdout)
    assert len(verdicts) == 2, result.stdout[-3000:]
    assert verdicts[0].startswith("✓ Passed"), result.stdout[-3000:]
    assert verdicts[1].startswith("✗ Not passed yet"), result.stdout[-3000:]
    assert KMEANS_WRONG_MESSAGE in result.stdout, "the wrong answer is not told what failed"


RAISE_OWN_LIMIT = """
import os, resource

def f(x):
    capabilities = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("CapEff:"))
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        return [os.getuid(), capabilities, "refused"]
    return [os.getuid(), capabilities, "raised"]
"""


async def test_a_job_run_as_root_has_no_capabilities_and_cannot_lift_its_limits(root_only_python: Path):
    """What the warning promises: uid 0, but no capabilities, so the rlimits hold."""
    pool = SandboxPool(Launcher(str(root_only_python), None, as_caller=True), size=1)
    await pool.start()
    try:
        raw = await pool.run(job(RAISE_OWN_LIMIT))
    finally:
        await pool.close()
    seen: list[object] = []
    case = Case("limits", "required", (0,), lambda out: seen.append(out))
    tests, _ = judge("f", [case], raw)
    assert tests[0].status == "pass", tests[0].message
    assert seen == [[0, "0000000000000000", "refused"]]
