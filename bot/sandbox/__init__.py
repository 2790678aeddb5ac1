"""Running untrusted Python (with numpy) or SQL: bubblewrap workers with a warm zygote, behind a pool."""

from bot.sandbox._doctor import Finding, Protection, examine, findings, summary
from bot.sandbox._launch import Launcher, find_launcher
from bot.sandbox._limits import Limits, PoolLimits
from bot.sandbox._pool import RawRun, SandboxPool, WorkerFailed

__all__ = [
    "Finding",
    "Launcher",
    "Limits",
    "PoolLimits",
    "Protection",
    "RawRun",
    "SandboxPool",
    "WorkerFailed",
    "examine",
    "find_launcher",
    "findings",
    "summary",
]
