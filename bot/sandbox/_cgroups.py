"""Per-worker memory and process caps through cgroup v1, when this process may create cgroups.

RLIMIT_AS is per process, so only a memory cgroup bounds a job's processes together. Creating
cgroups needs root and a v1 hierarchy (v2 needs delegation); elsewhere rlimits remain the bound.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox._launch import NOBODY
from bot.sandbox._limits import PoolLimits

log = logging.getLogger(__name__)

_ROOT = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class WorkerCgroup:
    memory: Path
    pids: Path

    @property
    def procs_files(self) -> tuple[Path, Path]:
        return self.memory / "cgroup.procs", self.pids / "cgroup.procs"

    def remove(self) -> None:
        for path in (self.memory, self.pids):
            try:
                path.rmdir()
            except OSError:
                log.debug("cgroup %s not removed yet", path)


def cgroups_available() -> bool:
    return os.geteuid() == 0 and all(os.access(_ROOT / c, os.W_OK) for c in ("memory", "pids"))


def create_worker_cgroup(name: str, limits: PoolLimits) -> WorkerCgroup | None:
    """A fresh cgroup pair for one worker, writable by the sandbox uid so it can join it."""
    if not cgroups_available():
        return None
    group = WorkerCgroup(_ROOT / "memory" / "screenprep" / name, _ROOT / "pids" / "screenprep" / name)
    try:
        for path in (group.memory, group.pids):
            path.mkdir(parents=True, exist_ok=True)
        bytes_limit = str(limits.memory_mb * 1024 * 1024)
        (group.memory / "memory.limit_in_bytes").write_text(bytes_limit)
        swap = group.memory / "memory.memsw.limit_in_bytes"
        if swap.exists():
            swap.write_text(bytes_limit)
        (group.pids / "pids.max").write_text(str(limits.pids))
        for procs in group.procs_files:
            os.chown(procs, NOBODY, NOBODY)
    except OSError as exc:
        log.warning("cannot set up cgroups for sandbox workers (%s); relying on rlimits", exc)
        return None
    return group
