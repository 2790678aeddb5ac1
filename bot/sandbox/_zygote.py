"""Runs INSIDE bubblewrap: a warm interpreter that runs each job in fresh namespaces.

Self-contained on purpose (standard library, numpy, and pandas if installed): the sandbox sees no
project files, so this source is passed to the interpreter with `-c`, with the control socket's fd
as its argument.

Control messages are JSON, one per SOCK_SEQPACKET packet. For each job the zygote prepares a process
and hands the trusted side that process's two pipe ends: the job goes in, the framed result comes
out, and neither passes through the zygote. `done` tells it to kill and reap the job, report its exit
status, and prepare the next.
"""

import contextlib
import ctypes
import errno
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time _harness.py's source is prepended to this one (see program_source)
    from bot.sandbox._harness import encode, run_submission

try:
    import seccomp  # libseccomp's own binding (Debian: python3-seccomp)
except ImportError:
    seccomp = None

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_PRIVATE, MS_REC, MS_NOSUID, MS_NODEV = 1 << 18, 1 << 14, 2, 4
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
CLONE_NEWCGROUP, CLONE_NEWTIME = 0x02000000, 0x00000080
MADV_POPULATE_READ, MADV_POPULATE_WRITE = 22, 23
KEYCTL_GET_KEYRING_ID, KEYCTL_JOIN_SESSION_KEYRING, KEY_SPEC_SESSION_KEYRING = 0, 1, -3
_LIBC = ctypes.CDLL(None, use_errno=True)
_LIBC.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
_LIBC.syscall.restype = ctypes.c_long
_POPULATE_MAX = 64 << 20
_MAX_MESSAGE = 1 << 16


DENIED_SYSCALLS = (
    # After Docker's default profile (docs/security/seccomp.md in moby/moby, "Significant syscalls
    # blocked by the default profile"), which also blocks the keyring "because it is not namespaced".
    *("add_key", "keyctl", "request_key"),
    *("ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd"),
    *("perf_event_open", "lookup_dcookie", "bpf", "userfaultfd", "syslog"),
    *("mount", "umount", "umount2", "pivot_root", "chroot", "unshare", "setns"),
    *("fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr"),
    *("kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module"),
    *("create_module", "query_module", "get_kernel_syms", "open_by_handle_at", "name_to_handle_at"),
    *("acct", "quotactl", "reboot", "swapon", "swapoff", "nfsservctl", "uselib", "ustat", "sysfs"),
    *("iopl", "ioperm", "modify_ldt", "vm86", "vm86old", "_sysctl"),
    *("settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "stime"),
    # io_uring runs operations the filter never sees (Docker denies it too since moby 25).
    *("io_uring_setup", "io_uring_enter", "io_uring_register"),
    # System V IPC: segments and queues hold memory no process owns, so RLIMIT_AS never counts it.
    *("shmget", "shmat", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl"),
    *("semget", "semop", "semtimedop", "semctl", "ipc"),
)
NAMESPACE_FLAGS = (
    *(CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER),
    *(CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWTIME),
)


def job_filter():
    """The seccomp filter every job loads last: EPERM (an OSError in Python) for what jobs never need.

    A filter on the zygote alone would not do: each job process unshares its own namespaces first,
    so the filter is loaded by the job itself, once they are set up (no_new_privs is set by then).
    """
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    rules.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    denied = seccomp.ERRNO(errno.EPERM)
    for name in DENIED_SYSCALLS:
        rules.add_rule(denied, name)
    for flag in NAMESPACE_FLAGS:
        rules.add_rule(denied, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory a filter cannot read: ENOSYS makes glibc fall back to clone,
    # as Chromium does (crbug.com/1213452) and Docker's profile does.
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def _keyctl(*arguments):
    number = seccomp.resolve_syscall(seccomp.Arch.NATIVE, "keyctl")
    return _LIBC.syscall(ctypes.c_long(number), *(ctypes.c_long(a) for a in arguments))


def _fresh_keyring():
    """A new, empty session keyring: no key of the bot's is reachable, none planted here outlives the job.

    Kernels built without keyrings (ENOSYS) have nothing to isolate.
    """
    if _keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0) < 0 and ctypes.get_errno() != errno.ENOSYS:
        raise OSError(ctypes.get_errno(), "cannot join a fresh session keyring")


def confine():
    """The last step before user code: a fresh session keyring, then the syscall filter."""
    if seccomp is None:
        return
    _fresh_keyring()
    job_filter().load()


def probe_confinement():
    """What a job's confinement achieves here, tried in a throwaway child: {protection: problem or None}."""
    if seccomp is None:
        missing = f"the sandbox Python ({sys.executable}) has no seccomp module"
        return {"seccomp": missing, "keyring": missing}
    child = os.fork()
    if child == 0:
        code = 3
        with contextlib.suppress(BaseException):
            _fresh_keyring()
            code = 2
            job_filter().load()
            denied = _keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) < 0
            code = 0 if denied and ctypes.get_errno() == errno.EPERM else 1
        os._exit(code)
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    seccomp_problem, keyring_problem = {
        0: (None, None),
        1: ("the filter loaded but keyctl was not denied", None),
        2: ("the kernel refused the filter", None),
        3: ("not tried", "cannot join a fresh session keyring"),
    }.get(code, (f"the probe ended with status {code}", f"the probe ended with status {code}"))
    return {"seccomp": seccomp_problem, "keyring": keyring_problem}


def _check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def receive(control):
    """The next control message, or None once the trusted side has gone."""
    data = control.recv(_MAX_MESSAGE)
    return json.loads(data) if data else None


def send(control, message, fds=()):
    data = json.dumps(message).encode()
    if fds:
        socket.send_fds(control, [data], list(fds))
    else:
        control.send(data)


def warm_up(np, rounds=3):
    """Generic numpy work so jobs start hot (also pre-faulting copy-on-write pages); no hidden answers."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 8))
    for _ in range(rounds):
        d = ((x[:, None, :] - x[None, :16, :]) ** 2).sum(-1)
        d.argmin(1)
        x @ x.T
        np.linalg.svd(x[:50], full_matrices=False)
        np.exp(-np.abs(x)).mean(0)
        np.sort(x, axis=0)
        np.unique(np.round(x, 1))


_REHEARSED_QUERY = {
    "language": "sql",
    "query": "SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY v) AS s FROM t ORDER BY k",
    "cases": [
        {"tables": [{"name": "t", "columns": [["k", "TEXT"], ["v", "REAL"]], "rows": [["a", 1.5]] * 3}]}
    ],
}
"""A made-up SQL job: the first query of a process loads SQLite's code and builds its caches."""


def pandas_version():
    """pandas's version when this Python has it, found without importing it.

    Table tasks import pandas themselves (about 0.35 s). Importing it here, before the fork, would make
    a warm pandas check 1.1x its floor instead of about 8x, but every prepared job process would then
    copy pandas's pages too: twice the pool's memory, and bursts of checks of any kind twice as slow.
    """
    from importlib import metadata

    try:
        return metadata.version("pandas")
    except metadata.PackageNotFoundError:
        return None


_REHEARSED_BUDGET = {"steps": 1_000, "elements": 100_000}
"""A work budget, so that instrumenting code (the ast module, the compiler) is warm too."""


def _rehearse(np, limits):
    """Made-up jobs through the whole harness, so a real one finds its pages already copied."""
    x = np.random.default_rng(0).normal(size=(64, 4))
    job = {
        "code": "def f(x, k):\n    return x - x.mean(0), (x[:, 0] > 0).astype(int), float(x.sum()) * k\n",
        "function": "f",
        "cases": [{"args": encode((x, 3))}] * 2 + [{"args": encode((x, 3)), "budget": _REHEARSED_BUDGET}],
        "limits": limits,
    }
    sink = os.open("/dev/null", os.O_WRONLY)
    _run_harness(job, sink)
    _run_harness(_REHEARSED_QUERY | {"limits": limits}, sink)
    os.close(sink)


def _populate_memory():
    """Take now the page faults a job would take: copy the copy-on-write memory, map the libraries.

    Best effort: kernels before 5.14 lack these madvise flags and leave the faults to the job.
    """
    with open("/proc/self/maps") as maps:
        spans = [line.split() for line in maps]
    for span, perms, *rest in spans:
        path = rest[3] if len(rest) > 3 else ""
        start, end = (int(address, 16) for address in span.split("-"))
        if "w" in perms and "p" in perms and path in ("", "[heap]") and end - start <= _POPULATE_MAX:
            _LIBC.madvise(start, end - start, MADV_POPULATE_WRITE)
        elif path.startswith("/"):
            _LIBC.madvise(start, end - start, MADV_POPULATE_READ)


def _enter_fresh_namespaces(uid, gid):
    _check(
        _LIBC.unshare(
            CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
        ),
        "unshare",
    )
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"0 {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"0 {gid} 1")


def _private_mounts(limits):
    _check(_LIBC.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    size = f"size={limits['tmpfs_mb']}m,mode=1777".encode()
    _check(_LIBC.mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, size), "mount /tmp")
    if os.path.isdir("/dev/shm"):
        _check(_LIBC.mount(b"tmpfs", b"/dev/shm", b"tmpfs", MS_NOSUID | MS_NODEV, size), "mount /dev/shm")
    _check(_LIBC.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV, None), "mount /proc")


def _drop_capabilities():
    """No capabilities now or after an exec, and no way back to them (no_new_privs)."""
    for cap in range(64):
        if _LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    data = (Data * 2)()
    _check(_LIBC.capset(ctypes.byref(Header(0x20080522, 0)), data), "drop capabilities")
    _check(_LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")


def _vm_size_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _set_limits(limits):
    cpu = limits["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    memory = _vm_size_bytes() + limits["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    size = limits["output_bytes"] * 4
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _isolate_fds(job_fd, result_fd):
    """Only the job and result pipes survive; stdout and stderr go to a capped file in the job's /tmp."""
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    out = os.open(".output", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    _close_fds_except(job_fd, result_fd)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.stdout = open(1, "w", buffering=1, closefd=False, errors="replace")  # noqa: SIM115 - lives as long as the job
    sys.stderr = sys.stdout


def _close_fds_except(*keep):
    """Above stdio, only `keep` stays open: no job process holds the zygote's control socket."""
    low, high = sorted(keep)
    os.closerange(3, low)
    os.closerange(low + 1, high)
    os.closerange(high + 1, 1024)


def _read_job(fd):
    """One length-prefixed job, read to its last byte rather than to EOF: the job starts on the first wake."""
    header = _read_exactly(fd, 4)
    return _read_exactly(fd, int.from_bytes(header, "big")) if len(header) == 4 else b""


def _read_exactly(fd, size):
    """Up to `size` bytes into a buffer of that size (os.read would allocate its whole maximum first)."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size and (count := os.readv(fd, [view[got:]])):
        got += count
    return bytes(view[:got])


def _job_process(settings, workdir, job_fd, result_fd, uid, gid):
    """Child of the zygote: enter new namespaces; pid 1 of them gets ready, then waits for its job."""
    _close_fds_except(job_fd, result_fd)
    if settings["isolate"]:
        _enter_fresh_namespaces(uid, gid)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    inner = os.fork()
    if inner == 0:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        _check(_LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
        os.setsid()
        if settings["isolate"]:
            _private_mounts(settings["limits"])
            os.chdir("/tmp")
        else:
            os.chdir(workdir)
        _drop_capabilities()  # unsandboxed as root too: then the job cannot raise its own rlimits
        _isolate_fds(job_fd, result_fd)
        _set_limits(settings["limits"])
        import numpy

        warm_up(numpy, rounds=1)
        _rehearse(numpy, settings["limits"])
        _populate_memory()
        confine()
        job = json.loads(_read_job(job_fd))
        os.close(job_fd)
        job["limits"] = settings["limits"]
        _run_harness(job, result_fd)
        os._exit(0)
    os.close(result_fd)
    os.close(job_fd)
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    signal.signal(signal.SIGTERM, lambda *_: _kill_if_running(inner))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    _, status = os.waitpid(inner, 0)
    code = os.waitstatus_to_exitcode(status)
    os._exit(128 - code if code < 0 else code & 0x7F)


def _kill_if_running(pid):
    """SIGTERM may arrive after the job already ended and was reaped: that is not a failure."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


class Prepared:
    """A job process already in its own namespaces, with its mounts and limits, waiting for a job.

    Preparing it while idle takes namespace and mount set-up off the path of the next submission.
    """

    def __init__(self, settings, uid, gid):
        self.workdir = None if settings["isolate"] else tempfile.mkdtemp(dir=settings["workdir"])
        job_read, self.job_write = os.pipe()
        self.result_read, result_write = os.pipe()
        self.pid: int | None = os.fork()
        if self.pid == 0:
            os.close(self.job_write)
            os.close(self.result_read)
            try:
                _job_process(settings, self.workdir, job_read, result_write, uid, gid)
            finally:
                os._exit(70)
        os.close(job_read)
        os.close(result_write)

    def hand_over(self, control):
        """Give the trusted side the job's pipe ends; the zygote keeps none, so EOF means what it says."""
        send(control, {"prepared": True}, (self.job_write, self.result_read))
        os.close(self.job_write)
        os.close(self.result_read)

    def stop(self):
        """Kill the job's namespace (it may still be running after its result) and reap it."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGTERM)
        return self.reap()

    def reap(self):
        """Wait until every process of the job is gone; returns its exit code (128 + signal if killed).

        The job's parent kills the namespace's init on SIGTERM and returns only once the kernel has
        emptied the namespace; if it does not finish promptly it is killed outright.
        """
        if self.pid is None:
            return 0
        exited = os.pidfd_open(self.pid)
        if not select.select([exited], [], [], 1.0)[0]:
            os.kill(self.pid, signal.SIGKILL)
        os.close(exited)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return os.waitstatus_to_exitcode(status)


def _run_harness(job, result_fd):
    run_submission(job, result_fd)


def main():
    import gc
    import sqlite3  # noqa: F401 - loaded once here, shared by every job process

    import numpy

    warm_up(numpy)
    pandas = pandas_version()
    gc.freeze()
    uid, gid = os.getuid(), os.getgid()
    control = socket.socket(fileno=int(sys.argv[1]))
    settings = receive(control)
    if settings is None:
        return
    confinement = probe_confinement()
    prepared = Prepared(settings, uid, gid)
    ready = {
        "ready": True,
        "numpy": numpy.__version__,
        "pandas": pandas,
        "python": sys.version.split()[0],
    }
    send(control, {**ready, "confinement": confinement})
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        _serve(control, settings, prepared, uid, gid)


def _serve(control, settings, prepared, uid, gid):
    """Prepare, hand over, kill and reap, one job after another, until the trusted side goes."""
    while True:
        prepared.hand_over(control)
        finished = receive(control)
        exit_code = prepared.stop()
        if finished is None:
            return
        send(control, {"exit": exit_code})
        prepared = Prepared(settings, uid, gid)


if __name__ == "__main__":
    main()
