"""Per-worker memory and pids caps (and a CPU weight on v2) through cgroup v1 or a v2 subtree.

RLIMIT_AS is per process, so only a memory cgroup bounds a worker's processes together. Worker groups
are made below the bot's own cgroup (read from /proc/self/cgroup), so they stay inside whatever the
service manager gives the bot:
- v1 (one hierarchy per controller): `<own>/screenprep/<worker>` in the memory and pids trees.
  Needs root.
- v2 (one tree): `<own>/<worker>`, with the bot moved into the leaf `<own>/screenprep-bot` first:
  only a cgroup without processes may hand controllers to its children ("no internal processes",
  kernel Documentation/admin-guide/cgroup-v2.rst; systemd/systemd#26311). Needs `<own>` delegated
  (systemd `Delegate=yes`). Failing that, root uses `/screenprep/<worker>` at the tree's root, which
  that rule does not bind, except where systemd runs the tree: there only a cgroup systemd marked
  delegated is used (systemd's own test, cg_is_delegated: the `trusted.delegate` or `user.delegate`
  xattr), since systemd may rearrange any other cgroup and silently drop a worker's memory cap.
  Closing the pool gives `<own>` back as it was (see `_return_from_leaf`).
Removal kills what is left (`cgroup.kill` on v2, SIGKILL per pid on v1), waits until the group is
empty, then removes it: removing it while the killed processes were still exiting left about half
of the groups behind, and v1 runs out of memory cgroup ids at 65,535.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import signal
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.sandbox._limits import PoolLimits

log = logging.getLogger(__name__)

CGROUP_ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "pids", "cpu")
_V1_CONTROLLERS = ("memory", "pids")
"""No cpu on v1: its separate hierarchy makes the workers one group competing with every other
process on the host; a cpu cgroup per worker, with a one-core quota or with shares alike, doubled
the time bench/sandbox.py's burst of 30 took on a loaded machine."""
_PARENT = "screenprep"
_OPTIONAL = frozenset({"memory.memsw.limit_in_bytes", "memory.swap.max"})
"""Swap caps, present only where the kernel accounts swap."""
_BOT_LEAF = "screenprep-bot"
_DELEGATE_MARKS = ("trusted.delegate", "user.delegate")
_SYSTEMD_BOOTED = Path("/run/systemd/system")
"""What sd_booted(3) checks: systemd is the init, so it manages the cgroup tree."""
_V2_DEFAULT_WEIGHT = 100
_EMPTY_TIMEOUT = 5.0


class CgroupVersion(StrEnum):
    V1 = "v1"
    V2 = "v2"


@dataclass(frozen=True)
class CgroupHost:
    """Where this process may make worker cgroups, with which controllers; `problem` says why not."""

    version: CgroupVersion | None
    parents: dict[str, Path]
    """Controller to the directory worker groups are made in (one shared directory on v2)."""
    problem: str = ""
    bot_leaf: Path | None = None
    """On v2, the leaf this process moved into so that its own cgroup could enable controllers."""

    @property
    def controllers(self) -> tuple[str, ...]:
        return tuple(c for c in CONTROLLERS if c in self.parents)

    @property
    def bounds_memory(self) -> bool:
        return "memory" in self.parents

    def release(self) -> None:
        """Undo what preparing did once no worker group is left, so a closed pool leaves nothing.

        Another pool may still use them (then nothing is undone) or redo it later. v1: remove the
        parents. v2: give our own cgroup back as it was; root's `/screenprep` keeps its controllers.
        """
        if self.version is CgroupVersion.V1:
            for parent in set(self.parents.values()):
                with contextlib.suppress(OSError):
                    parent.rmdir()
        elif self.bot_leaf is not None:
            _return_from_leaf(self.bot_leaf)

    def describe(self) -> str:
        if self.version is None:
            return "no cgroup hierarchy found"
        return f"cgroup {self.version}, controllers: {', '.join(self.controllers) or 'none'}"


@dataclass
class WorkerCgroup:
    """One worker's groups (one per v1 hierarchy, one on v2); its processes join them before exec."""

    version: CgroupVersion
    directories: dict[str, Path]

    @property
    def procs_files(self) -> list[Path]:
        return [d / "cgroup.procs" for d in dict.fromkeys(self.directories.values())]

    async def remove(self) -> None:
        """Kill what is left, wait until no process remains (bounded), then remove every directory."""
        directories = list(dict.fromkeys(self.directories.values()))
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + _EMPTY_TIMEOUT, 0.001
        for directory in directories:
            while not _kill_all(directory, self.version) or not _removed(directory):
                if loop.time() > deadline:
                    log.warning("cgroup %s still busy after %.0f s; left in place", directory, _EMPTY_TIMEOUT)
                    break
                await asyncio.sleep(pause)
                pause = min(2 * pause, 0.05)


def _kill_all(directory: Path, version: CgroupVersion) -> bool:
    """Kill every process in the group; True once it holds none (or is gone)."""
    try:
        pids = [int(p) for p in (directory / "cgroup.procs").read_text().split()]
    except FileNotFoundError:
        return True
    if not pids:
        return True
    kill_file = directory / "cgroup.kill"
    if version is CgroupVersion.V2 and kill_file.exists():
        kill_file.write_text("1")
        return False
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return False


def _removed(directory: Path) -> bool:
    """True once the directory is gone, or cannot ever go (logged); False while it is busy."""
    try:
        directory.rmdir()
    except FileNotFoundError:
        return True
    except OSError as exc:
        if exc.errno == errno.EBUSY:
            return False
        log.warning("cannot remove cgroup %s: %s", directory, exc.strerror)
    return True


def _own_paths(proc_cgroup: str) -> dict[str, str]:
    """Controller (or "" for the v2 tree) to this process's cgroup path, from /proc/self/cgroup."""
    paths: dict[str, str] = {}
    for line in proc_cgroup.splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _below(mount: Path, path: str) -> Path:
    """Our cgroup inside a mounted hierarchy; the mount itself when it is already ours (a container)."""
    inside = mount / path.lstrip("/")
    return inside if inside.is_dir() else mount


def detect_cgroups(root: Path = CGROUP_ROOT, proc_cgroup: Path = Path("/proc/self/cgroup")) -> CgroupHost:
    """v1 where the memory controller lives in its own hierarchy, else v2; prepares the parents."""
    try:
        own = _own_paths(proc_cgroup.read_text())
    except OSError as exc:
        return CgroupHost(None, {}, f"cannot read {proc_cgroup}: {exc.strerror}")
    if (root / "memory" / "cgroup.procs").exists():
        return _prepare_v1(root, own)
    for tree in (root, root / "unified"):
        if (tree / "cgroup.controllers").exists():
            return _prepare_v2(tree, own.get("", "/"))
    return CgroupHost(None, {}, f"no cgroup hierarchy is mounted at {root}")


def _prepare_v1(root: Path, own: dict[str, str]) -> CgroupHost:
    if os.geteuid() != 0:
        return CgroupHost(CgroupVersion.V1, {}, "cgroup v1 needs root to make cgroups")
    parents: dict[str, Path] = {}
    problems = []
    for controller in _V1_CONTROLLERS:
        mount = root / controller
        if not (mount / "cgroup.procs").exists():
            problems.append(f"no v1 {controller} hierarchy")
            continue
        parent = _below(mount, own.get(controller, "/")) / _PARENT
        try:
            parent.mkdir(exist_ok=True)
        except OSError as exc:
            problems.append(f"cannot create {parent}: {exc.strerror}")
            continue
        parents[controller] = parent
    return CgroupHost(CgroupVersion.V1, parents, "; ".join(problems))


def _prepare_v2(tree: Path, own_path: str) -> CgroupHost:
    """Worker groups in our own (delegated) subtree; failing that, for root, below the tree's root."""
    own = _below(tree, own_path)
    if own.name == _BOT_LEAF:
        own = own.parent
    if own != tree and _SYSTEMD_BOOTED.is_dir() and not _delegated(own):
        return CgroupHost(
            CgroupVersion.V2, {}, f"systemd manages {own} and has not delegated it to the bot (Delegate=yes)"
        )
    bases = [own, tree] if os.geteuid() == 0 and own != tree else [own]
    problems = []
    for base in bases:
        try:
            return _prepare_v2_below(tree, base)
        except OSError as exc:
            problems.append(f"cannot use {base}: {exc.strerror or exc}")
    problems.append("it needs delegating (systemd Delegate=yes) or root")
    return CgroupHost(CgroupVersion.V2, {}, "; ".join(problems))


def _delegated(cgroup: Path) -> bool:
    """Whether systemd marked this cgroup as delegated (its unit has Delegate=yes)."""
    for mark in _DELEGATE_MARKS:
        with contextlib.suppress(OSError):
            if os.getxattr(cgroup, mark) == b"1":
                return True
    return False


def _prepare_v2_below(tree: Path, base: Path) -> CgroupHost:
    """Enable our controllers for worker groups below `base`; OSError when it cannot be done."""
    available = (base / "cgroup.controllers").read_text().split()
    wanted = [c for c in CONTROLLERS if c in available]
    if not wanted:
        raise OSError(errno.ENOTSUP, "no memory, pids or cpu controller is available")
    leaf = None
    if base == tree and not (base / "cgroup.type").exists():
        _switch(base, "+", wanted)
        parent = base / _PARENT
        parent.mkdir(exist_ok=True)
        _switch(parent, "+", wanted)
    else:
        parent, leaf = base, _leave_for_leaf(base)
        try:
            _switch(parent, "+", wanted)
        except OSError:
            _return_from_leaf(leaf)
            raise
    enabled = (parent / "cgroup.subtree_control").read_text().split()
    return CgroupHost(CgroupVersion.V2, {c: parent for c in wanted if c in enabled}, bot_leaf=leaf)


def _leave_for_leaf(own: Path) -> Path:
    """Move this process into its own leaf, so `own` may enable controllers for worker groups."""
    leaf = own / _BOT_LEAF
    leaf.mkdir(exist_ok=True)
    (leaf / "cgroup.procs").write_text(str(os.getpid()))
    return leaf


def _return_from_leaf(leaf: Path) -> None:
    """Give our cgroup back as systemd made it, once no worker group is left in it: no controllers
    enabled for children, our processes back in it, and no leaf.

    systemd starts every later process of the unit (each ExecStart= of a oneshot, ExecReload=,
    ExecStop=) in the unit's own cgroup, which the kernel refuses while that cgroup enables controllers
    for its children ("no internal processes"): seen in tests/vm, the unit's next command failed with
    status 219/CGROUP after a `doctor` that did not give it back.
    """
    own = leaf.parent
    try:
        if any(child.is_dir() and child != leaf for child in own.iterdir()):
            return
        _switch(own, "-", (own / "cgroup.subtree_control").read_text().split())
        for pid in (leaf / "cgroup.procs").read_text().split():
            with contextlib.suppress(ProcessLookupError):
                (own / "cgroup.procs").write_text(pid)
        leaf.rmdir()
    except OSError as exc:
        log.warning("cannot give cgroup %s back as it was: %s", own, exc.strerror or exc)


def _switch(group: Path, sign: str, controllers: list[str]) -> None:
    """Enable ("+") or disable ("-") controllers for the children of `group`."""
    if controllers:
        (group / "cgroup.subtree_control").write_text(" ".join(f"{sign}{c}" for c in controllers))


def create_worker_cgroup(host: CgroupHost, name: str, limits: PoolLimits) -> WorkerCgroup | None:
    """A fresh group for one worker with its caps, or None (logged) when it cannot be made."""
    if host.version is None or not host.parents:
        return None
    group = WorkerCgroup(host.version, {c: p / name for c, p in host.parents.items()})
    try:
        for controller, directory in group.directories.items():
            directory.mkdir(parents=host.version is CgroupVersion.V1, exist_ok=True)
            for file, value in _settings(host.version, controller, limits).items():
                if file not in _OPTIONAL or (directory / file).exists():
                    (directory / file).write_text(value)
    except OSError as exc:
        log.warning("cannot set up a cgroup for a sandbox worker (%s); relying on rlimits", exc)
        for directory in dict.fromkeys(group.directories.values()):
            with contextlib.suppress(OSError):
                directory.rmdir()
        return None
    return group


def _settings(version: CgroupVersion, controller: str, limits: PoolLimits) -> dict[str, str]:
    """The files that cap one controller (the `_OPTIONAL` ones are written where they exist).

    CPU (v2 only) is a relative weight, not a quota: a job's CPU is already capped by RLIMIT_CPU and
    the wall clock. Half the default weight lets the bot, beside its workers in its own cgroup, win
    when cores are busy.
    """
    memory = str(limits.memory_mb * 1024 * 1024)
    if version is CgroupVersion.V1:
        return {
            "memory": {"memory.limit_in_bytes": memory, "memory.memsw.limit_in_bytes": memory},
            "pids": {"pids.max": str(limits.pids)},
        }[controller]
    return {
        "memory": {"memory.max": memory, "memory.swap.max": "0"},
        "pids": {"pids.max": str(limits.pids)},
        "cpu": {"cpu.weight": str(_V2_DEFAULT_WEIGHT // 2)},
    }[controller]
