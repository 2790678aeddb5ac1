"""Running untrusted Python with numpy: bubblewrap workers with a warm zygote, behind an async pool."""

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
