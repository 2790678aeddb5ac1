"""Runs INSIDE bubblewrap: a warm interpreter that runs each job in fresh namespaces.

Self-contained on purpose (standard library and numpy only): the sandbox sees no project files, so
this source is passed to the interpreter with `-c`. Protocol on fds 0/1: 4-byte big-endian length,
then UTF-8 JSON. The zygote never trusts a job's output; it relays the bytes for the trusted side.
"""

import contextlib
import ctypes
import json
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_PRIVATE, MS_REC, MS_NOSUID, MS_NODEV = 1 << 18, 1 << 14, 2, 4
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
_LIBC = ctypes.CDLL(None, use_errno=True)
_PROTOCOL_IN, _PROTOCOL_OUT = 0, 1


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _read_exact(fd, size):
    chunks = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive():
    header = _read_exact(_PROTOCOL_IN, 4)
    if header is None:
        return None
    return json.loads(_read_exact(_PROTOCOL_IN, struct.unpack(">I", header)[0]))


def send(message):
    data = json.dumps(message).encode()
    os.write(_PROTOCOL_OUT, struct.pack(">I", len(data)) + data)


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
    low, high = sorted((job_fd, result_fd))
    os.closerange(3, low)
    os.closerange(low + 1, high)
    os.closerange(high + 1, 1024)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.stdout = open(1, "w", buffering=1, closefd=False, errors="replace")  # noqa: SIM115 - lives as long as the job
    sys.stderr = sys.stdout


def _read_all(fd):
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _job_process(settings, workdir, job_fd, result_fd, uid, gid):
    """Child of the zygote: enter new namespaces; pid 1 of them gets ready, then waits for its job."""
    if settings["isolate"]:
        _enter_fresh_namespaces(uid, gid)
    inner = os.fork()
    if inner == 0:
        _check(_LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
        os.setsid()
        if settings["isolate"]:
            _private_mounts(settings["limits"])
            os.chdir("/tmp")
            _drop_capabilities()
        else:
            os.chdir(workdir)
        _isolate_fds(job_fd, result_fd)
        _set_limits(settings["limits"])
        import numpy

        warm_up(numpy, rounds=1)
        job = json.loads(_read_all(job_fd))
        os.close(job_fd)
        job["limits"] = settings["limits"]
        _run_harness(job, result_fd)
        os._exit(0)
    os.close(result_fd)
    os.close(job_fd)
    signal.signal(signal.SIGTERM, lambda *_: os.kill(inner, signal.SIGKILL))
    _, status = os.waitpid(inner, 0)
    code = os.waitstatus_to_exitcode(status)
    os._exit(128 - code if code < 0 else code & 0x7F)


class Prepared:
    """A job process already in its own namespaces, with its mounts and limits, waiting for a job.

    Preparing it while idle takes namespace and mount set-up off the path of the next submission.
    """

    def __init__(self, settings, uid, gid):
        self.workdir = None if settings["isolate"] else tempfile.mkdtemp(dir=settings["workdir"])
        job_read, self.job_write = os.pipe()
        self.result_read, result_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self.job_write)
            os.close(self.result_read)
            try:
                _job_process(settings, self.workdir, job_read, result_write, uid, gid)
            finally:
                os._exit(70)
        os.close(job_read)
        os.close(result_write)

    def run(self, job, limits):
        """Send the job and collect its framed result, at most `result_bytes`, within the wall clock.

        Once the result is complete the job's namespace is killed at once; reaping it waits for
        `reap`, after the reply, so namespace teardown stays off the submission's path.
        """
        started = time.monotonic()
        with contextlib.suppress(OSError):
            _write_all_fd(self.job_write, json.dumps(job).encode())
        os.close(self.job_write)
        output, complete, timed_out, too_large = _collect(
            self.result_read, started + limits["wall_seconds"], limits["result_bytes"]
        )
        if complete or timed_out or too_large:
            os.kill(self.pid, signal.SIGTERM)
        os.close(self.result_read)
        exit_code = 0
        if not complete:
            exit_code = self.reap()
        return {
            "exit": exit_code,
            "timed_out": timed_out,
            "too_large": too_large,
            "elapsed_ms": round((time.monotonic() - started) * 1000, 2),
            "result": output.decode("utf-8", "replace") if complete else None,
        }

    def reap(self):
        """Wait until every process of the job is gone; returns its exit code (128 + signal if killed).

        The job's parent kills the namespace's init on SIGTERM and returns only once the kernel has
        emptied the namespace; if it does not finish promptly it is killed outright.
        """
        if self.pid is None:
            return 0
        for _ in range(200):
            reaped, status = os.waitpid(self.pid, os.WNOHANG)
            if reaped:
                break
            time.sleep(0.005)
        else:
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return os.waitstatus_to_exitcode(status)


def _write_all_fd(fd, data):
    while data:
        data = data[os.write(fd, data) :]


def _collect(fd, deadline, limit):
    """Read one length-prefixed result: (data, complete, timed_out, too_large)."""
    buffer = b""
    expected = None
    while True:
        if expected is None and len(buffer) >= 4:
            expected = int.from_bytes(buffer[:4], "big")
            if expected > limit:
                return b"", False, False, True
        if expected is not None and len(buffer) >= 4 + expected:
            return buffer[4 : 4 + expected], True, False, False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", False, True, False
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"", False, False, False
        buffer += chunk
        if len(buffer) > limit + 4:
            return b"", False, False, True


def _run_harness(job, result_fd):
    run_submission(job, result_fd)  # noqa: F821 - defined by _harness.py, prepended at launch


def main():
    import numpy

    warm_up(numpy)
    uid, gid = os.getuid(), os.getgid()
    settings = receive()
    if settings is None:
        return
    prepared = Prepared(settings, uid, gid)
    send({"ready": True, "numpy": numpy.__version__, "python": sys.version.split()[0]})
    while True:
        job = receive()
        if job is None:
            os.kill(prepared.pid, signal.SIGTERM)
            prepared.reap()
            return
        reply = prepared.run(job, settings["limits"])
        send(reply)
        prepared.reap()
        prepared = Prepared(settings, uid, gid)


if __name__ == "__main__":
    main()
