"""Resource limits for one job and for the pool, with defaults sized for numpy exercises."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 5
    wall_seconds: float = 10.0
    case_seconds: float = 3.0
    memory_mb: int = 256
    processes: int = 64
    output_bytes: int = 16_384
    result_bytes: int = 8 * 1024 * 1024
    tmpfs_mb: int = 16
    result_rows: int = 1_000
    """Rows a SQL query may return: every task's answer is far smaller."""
    sql_heap_mb: int = 64
    """SQLite's own heap cap, so a sort or CTE that grows too large ends with a message, not a kill."""
    sql_chars: int = 10_000
    """Characters of one SQL query; checked before it is sent too, so the learner hears why."""

    def as_job(self) -> dict[str, float | int]:
        return asdict(self)


@dataclass(frozen=True)
class PoolLimits:
    """Bounds on a whole worker (its warm interpreter and every process of its job), via cgroups."""

    memory_mb: int = 768
    pids: int = 96
    fallback_processes: int = 4
    """Without a memory cgroup: at most this many processes (and threads) per job, see `fallback`."""

    def fallback(self, job: Limits) -> Limits:
        """Job limits whose processes x address space fit `memory_mb`, for hosts without a memory cgroup.

        RLIMIT_AS bounds one process, so the total is only bounded by also bounding how many there are.
        """
        processes = min(job.processes, self.fallback_processes)
        return replace(job, processes=processes, memory_mb=min(job.memory_mb, self.memory_mb // processes))
