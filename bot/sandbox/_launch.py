"""How a worker process is started: bubblewrap, an unprivileged uid, a minimal environment."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
NOBODY = 65534


class Credentials(TypedDict, total=False):
    """The subprocess keywords that drop a child to another user, typed so they can be splatted."""

    user: int
    group: int
    extra_groups: list[int]


SANDBOX_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
"""The whole environment the sandbox gets: nothing from the bot's, so no token can leak in."""


def program_source() -> str:
    """The harness and the zygote as one `-c` program: the sandbox sees no project files."""
    return (_HERE / "_harness.py").read_text() + "\n\n" + (_HERE / "_zygote.py").read_text()


_JOIN = (
    'for procs; do [ "$procs" = -- ] && break; echo $$ > "$procs" || exit 1; shift; done; shift; exec "$@"'
)
"""Shell that moves itself into each given cgroup.procs, then execs the worker: nothing forks first.

If a move fails the worker never starts, rather than running outside the cgroup it was given."""


@dataclass(frozen=True)
class Launcher:
    """The command and credentials for a worker; `isolated` is False only for the console fallback.

    `as_caller` keeps a root caller's uid instead of dropping to `nobody`: the console's last resort
    when `nobody` cannot run the interpreter (one under /root, such as a pyenv or a virtual environment).
    """

    python: str
    bwrap: str | None
    setpriv: str | None = shutil.which("setpriv")
    as_caller: bool = False

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    @property
    def drops_to_nobody(self) -> bool:
        return os.geteuid() == 0 and not self.as_caller

    @property
    def runs_as_root(self) -> bool:
        return os.geteuid() == 0 and self.as_caller

    @property
    def can_join_cgroups(self) -> bool:
        """Root joins the worker's cgroups before dropping to `nobody`, which needs util-linux's setpriv."""
        return not self.drops_to_nobody or self.setpriv is not None

    def command(self, program: str, *arguments: str, join: list[Path] | None = None) -> list[str]:
        """The worker's command; with `join`, it enters those cgroups first (with our rights, not its own)."""
        command = [self.python, "-I", "-c", program, *arguments]
        if self.bwrap is not None:
            command = [self.bwrap, *_bwrap_options(self.python), *command]
        if not join:
            return command
        if self.drops_to_nobody:
            assert self.setpriv is not None, "can_join_cgroups is False without setpriv"
            ids = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
            command = [self.setpriv, *ids, "--", *command]
        return ["/bin/sh", "-c", _JOIN, "sh", *map(str, join), "--", *command]

    def credentials(self, *, joining: bool = False) -> Credentials:
        """Run as `nobody` when started by root: the kernel does not enforce RLIMIT_NPROC for uid 0.

        A worker joining cgroups starts as root and drops to `nobody` itself (see `command`): moving a
        process between v2 cgroups needs write access to their common ancestor, which `nobody` lacks.
        """
        if not self.drops_to_nobody or joining:
            return {}
        return {"user": NOBODY, "group": NOBODY, "extra_groups": []}


def _bwrap_options(python: str) -> list[str]:
    """Read-only /usr and the library links it needs; no /etc beyond the shared-library links."""
    options = [
        "--unshare-user",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--hostname",
        "sandbox",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for name in ("lib", "lib64", "bin", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            options += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            options += ["--ro-bind", str(path), str(path)]
    for shared in ("/etc/alternatives", "/etc/ld.so.cache"):
        if Path(shared).exists():
            options += ["--ro-bind", shared, shared]
    prefix = Path(os.path.realpath(python)).parent.parent
    if not str(prefix).startswith("/usr"):
        options += ["--ro-bind", str(prefix), str(prefix)]
    options += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--chdir",
        "/tmp",
        "--remount-ro",
        "/dev",
        "--remount-ro",
        "/",
    ]
    return options


def find_launcher(python: str | None = None) -> Launcher:
    """bubblewrap when installed, else the unisolated launcher (callers decide if that is allowed)."""
    interpreter = python or _default_python()
    return Launcher(interpreter, shutil.which("bwrap"))


def _default_python() -> str:
    """The system interpreter: readable by an unprivileged uid, unlike a per-user pyenv or venv."""
    return "/usr/bin/python3" if Path("/usr/bin/python3").exists() else shutil.which("python3") or "python3"
