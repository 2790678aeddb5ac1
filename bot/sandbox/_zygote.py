"""Runs INSIDE bubblewrap: a warm interpreter that runs each job in fresh namespaces.

Self-contained on purpose (standard library and numpy only): the sandbox sees no project files, so
this source is passed to the interpreter with `-c`. Protocol on fds 0/1: 4-byte big-endian length,
then UTF-8 JSON. The zygote never trusts a job's output; it relays the bytes for the trusted side.
"""

import ctypes
import json
import os
import resource
import select
import signal
import struct
import sys
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


def warm_up(np):
    """Generic numpy work so the forked jobs start hot; never anything with hidden answers."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 8))
    for _ in range(3):
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


def _isolate_fds(result_fd):
    """Only the result pipe survives; stdout and stderr go to a capped file in the job's /tmp."""
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    out = os.open(".output", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.closerange(3, result_fd)
    os.closerange(result_fd + 1, 1024)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.stdout = open(1, "w", buffering=1, closefd=False, errors="replace")  # noqa: SIM115 - lives as long as the job
    sys.stderr = sys.stdout


def _job_process(job, result_fd, uid, gid):
    """Child of the zygote: new namespaces, then pid 1 of them runs the harness."""
    if job["isolate"]:
        _enter_fresh_namespaces(uid, gid)
    inner = os.fork()
    if inner == 0:
        _check(_LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
        os.setsid()
        if job["isolate"]:
            _private_mounts(job["limits"])
            os.chdir("/tmp")
            _drop_capabilities()
        else:
            os.chdir(job["workdir"])
        _isolate_fds(result_fd)
        _set_limits(job["limits"])
        _run_harness(job, result_fd)
        os._exit(0)
    os.close(result_fd)
    signal.signal(signal.SIGALRM, lambda *_: os.kill(inner, signal.SIGKILL))
    signal.alarm(int(job["limits"]["wall_seconds"]) + 1)
    _, status = os.waitpid(inner, 0)
    code = os.waitstatus_to_exitcode(status)
    os._exit(128 - code if code < 0 else code & 0x7F)


def run_job(job, uid, gid):
    """Fork the job, collect at most `result_bytes` from it, and kill it at the wall clock."""
    limits = job["limits"]
    read_end, write_end = os.pipe()
    started = time.monotonic()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        try:
            _job_process(job, write_end, uid, gid)
        finally:
            os._exit(70)
    os.close(write_end)
    deadline = started + limits["wall_seconds"]
    chunks, size, timed_out, too_large = [], 0, False, False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_end], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        size += len(chunk)
        if size > limits["result_bytes"]:
            too_large = True
            break
        chunks.append(chunk)
    if timed_out or too_large:
        os.kill(child, signal.SIGKILL)
    os.close(read_end)
    _, status = os.waitpid(child, 0)
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "timed_out": timed_out,
        "too_large": too_large,
        "elapsed_ms": round((time.monotonic() - started) * 1000, 2),
        "result": None if too_large else b"".join(chunks).decode("utf-8", "replace"),
    }


def _run_harness(job, result_fd):
    run_submission(job, result_fd)  # noqa: F821 - defined by _harness.py, prepended at launch


def main():
    import numpy

    warm_up(numpy)
    uid, gid = os.getuid(), os.getgid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    send({"ready": True, "numpy": numpy.__version__, "python": sys.version.split()[0]})
    while True:
        job = receive()
        if job is None:
            return
        send(run_job(job, uid, gid))


if __name__ == "__main__":
    main()
