"""Boot a small VM on a pure cgroup v2 kernel, sharing this host's root file system; run the sandbox there.

    python -m tests.vm.run --fetch   # once: Debian's kernel into ~/.cache/screenprep/vm (apt-get download)
    python -m tests.vm.run           # screenprep doctor + the sandbox's memory, hostile and cgroup tests
    python -m tests.vm.run -- tests/bot/sandbox/test_memory.py   # doctor + any pytest arguments
    python -m tests.vm.run --systemd # systemd as init runs the README's unit: doctor and a code check

Needs qemu-system-x86 and busybox-static (apt-get install --no-install-recommends). The guest is
Debian's stock kernel booted by qemu with this host's `/` shared read-only over virtio-9p (qemu's
`-virtfs local,...,readonly=on,multidevs=remap`: one export may span several host file systems) and a
tmpfs overlay on top, so it runs this checkout and this host's Python and bubblewrap, with nothing copied.
Only cgroup2 is mounted, and `cgroup_no_v1=all` keeps every controller off v1 ("the blacklisted controllers
remain available in cgroup2", kernel Documentation/admin-guide/kernel-parameters.txt): a pure v2 host.

KVM is used where it works (not tried: no such host here). The development machine's /dev/kvm is a PVM
host (/sys/module/kvm_pvm, which runs guests without hardware virtualisation): `-cpu host` failed (MSR
0x10a), and a stock kernel printed nothing for 40 s (as a bzImage) or took 35 s to reach its memory
set-up (as a PVH vmlinux). So on such a host the guest runs under qemu's TCG emulator, about 10x slower
than native, with `-cpu max`: this host's Python and numpy use instructions the default emulated CPU
lacks (SIGILL).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "screenprep" / "vm"
KERNEL_PACKAGE = "linux-image-amd64"
NEEDED_MODULES = ("virtio_pci", "9pnet_virtio", "9p", "overlay")
MODULE_FOLDERS = ("fs/9p", "net/9p", "drivers/virtio", "fs/overlayfs", "fs/netfs", "fs/fscache")
"""Where NEEDED_MODULES and everything they depend on live in Debian's kernel package."""
BUSYBOX = Path("/bin/busybox")
QEMU = "qemu-system-x86_64"
SANDBOX_TESTS = (
    "tests/bot/sandbox/test_memory.py",
    "tests/bot/sandbox/test_hostile.py",
    "tests/bot/sandbox/test_cgroups.py",
)
_PASSTHROUGH = "security_model=passthrough"
"""Files keep their owners and modes as they are on the host (qemu runs as root for this)."""
MEMORY_MB = 3072
"""Two workers of 768 MiB each, the test process, and the tmpfs overlay."""


class VmError(Exception):
    """The VM could not be prepared or booted (not a test failure inside it)."""


@dataclass(frozen=True)
class GuestKernel:
    vmlinuz: Path
    modules: list[Path]
    """In load order: each after the modules it depends on."""

    @property
    def version(self) -> str:
        return self.vmlinuz.parent.name


@dataclass(frozen=True)
class VmRun:
    status: int | None
    """The job's exit status, or None when the guest never reported one (crash or timeout)."""
    console: str
    accelerator: str
    shared: dict[str, str]
    """The text files in the guest's /mnt/vm when it stopped."""


def cached_kernel(cache: Path = CACHE) -> GuestKernel | None:
    """The newest kernel `fetch_kernel` left in the cache, if any."""
    found = sorted(cache.glob("*/vmlinuz"))
    if not found:
        return None
    folder = found[-1].parent
    return GuestKernel(found[-1], sorted((folder / "modules").glob("*.ko")))


def fetch_kernel(cache: Path = CACHE) -> GuestKernel:
    """Download Debian's kernel package unless cached; keep the kernel and the modules the guest loads."""
    package = _image_package()
    version = package.removeprefix("linux-image-")
    kernel = cached_kernel(cache)
    if kernel is not None and kernel.version == version:
        return kernel
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o755)  # apt-get download as root hands the file to the _apt user
        _run(["apt-get", "download", package], cwd=scratch)
        deb = next(Path(scratch).glob("*.deb"))
        folder = cache / version
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "modules").mkdir(parents=True)
        modules = _extract(deb, folder, version)
    ordered = _load_order(modules)
    for index, name in enumerate(ordered):
        modules[name].rename(folder / "modules" / f"{index:02d}-{name}.ko")
    shutil.rmtree(folder / "lib", ignore_errors=True)
    fetched = cached_kernel(cache)
    assert fetched is not None
    return fetched


def _image_package() -> str:
    """The versioned image the meta-package depends on (linux-image-6.1.0-57-amd64 on Debian 12)."""
    depends = _run(["apt-cache", "depends", KERNEL_PACKAGE])
    found = re.search(r"Depends: (linux-image-\S+)", depends)
    if not found:
        raise VmError(f"apt knows no {KERNEL_PACKAGE}: run apt-get update")
    return found.group(1)


def _extract(deb: Path, folder: Path, version: str) -> dict[str, Path]:
    """vmlinuz into `folder`; the modules of MODULE_FOLDERS, by module name."""
    wanted = tuple(f"./lib/modules/{version}/kernel/{sub}/" for sub in MODULE_FOLDERS)
    modules: dict[str, Path] = {}
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE) as unpack:
        assert unpack.stdout is not None
        with tarfile.open(fileobj=unpack.stdout, mode="r|") as archive:
            for member in archive:
                name = member.name
                if name == f"./boot/vmlinuz-{version}":
                    target = folder / "vmlinuz"
                elif name.endswith(".ko") and name.startswith(wanted):
                    target = folder / "lib" / Path(name).name
                    modules[Path(name).stem] = target
                else:
                    continue
                source = archive.extractfile(member)
                assert source is not None
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read())
    if not (folder / "vmlinuz").exists():
        raise VmError(f"{deb.name} holds no vmlinuz-{version}")
    return modules


def _load_order(modules: dict[str, Path]) -> list[str]:
    """NEEDED_MODULES and their dependencies (from each module's `depends=` modinfo), dependencies first."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name not in modules:
            raise VmError(f"kernel module {name} is not in {', '.join(MODULE_FOLDERS)}")
        found = re.search(rb"depends=([\w,-]*)\0", modules[name].read_bytes())
        for dependency in filter(None, (found.group(1).decode() if found else "").split(",")):
            visit(dependency)
        ordered.append(name)

    for name in NEEDED_MODULES:
        visit(name)
    return ordered


def initramfs(kernel: GuestKernel, busybox: Path = BUSYBOX) -> bytes:
    """A gzipped newc cpio: busybox, the modules and stage 1 (init.sh) as /init."""
    folders = ["bin", "modules", "proc", "sys", "dev", "lower", "upper", "root"]
    entries = [(name, 0o040755, b"") for name in folders]
    entries += [
        ("init", 0o100755, (HERE / "init.sh").read_bytes()),
        ("bin/busybox", 0o100755, busybox.read_bytes()),
    ]
    entries += [(f"modules/{m.name}", 0o100644, m.read_bytes()) for m in kernel.modules]
    return gzip.compress(_cpio(entries), compresslevel=1)


def _is_dynamic(binary: Path) -> bool:
    """Whether an ELF executable names a program interpreter (PT_INTERP): it would need libc beside it."""
    header = binary.read_bytes()
    table, size, count = (
        int.from_bytes(header[32:40], "little"),
        int.from_bytes(header[54:56], "little"),
        int.from_bytes(header[56:58], "little"),
    )
    starts = (table + index * size for index in range(count))
    return any(int.from_bytes(header[start : start + 4], "little") == 3 for start in starts)


def _cpio(entries: list[tuple[str, int, bytes]]) -> bytes:
    """The "newc" format the kernel unpacks (Documentation/driver-api/early-userspace/buffer-format.rst)."""
    out = bytearray()
    for inode, (name, mode, data) in enumerate([*entries, ("TRAILER!!!", 0, b"")], start=1):
        encoded = name.encode() + b"\0"
        fields = (inode, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(encoded), 0)
        out += b"070701" + b"".join(b"%08X" % field for field in fields) + encoded
        out += b"\0" * (-len(out) % 4) + data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def missing() -> str | None:
    """What this host lacks to boot the guest, with how to get it; None when nothing is missing."""
    if shutil.which(QEMU) is None:
        return f"no {QEMU}: apt-get install --no-install-recommends qemu-system-x86"
    if not BUSYBOX.exists() or _is_dynamic(BUSYBOX):
        return f"no static {BUSYBOX}: apt-get install busybox-static"
    if cached_kernel() is None:
        return f"no guest kernel in {CACHE}: python -m tests.vm.run --fetch"
    return None


def accelerator() -> tuple[str, list[str]]:
    """KVM with the host's CPU where KVM runs a stock kernel; else TCG emulating every CPU feature it has."""
    usable_kvm = os.access("/dev/kvm", os.R_OK | os.W_OK) and not Path("/sys/module/kvm_pvm").exists()
    return ("kvm", ["-cpu", "host"]) if usable_kvm else ("tcg,thread=multi", ["-cpu", "max"])


def sandbox_job(pytest_args: list[str], python: str = sys.executable) -> str:
    """Shell for the guest: `screenprep doctor`, then pytest; fails if either does."""
    interpreter = os.path.realpath(python)
    tests = " ".join(map(_quote, pytest_args))
    return f"""
export HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin NO_COLOR=1
cd {_quote(str(REPOSITORY))}
status=0
echo "== guest: $(uname -r); cgroup: $(cat /proc/self/cgroup); \
controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
echo "== screenprep doctor"
{interpreter} -m adapters.cli doctor || status=1
echo "== pytest {tests}"
{interpreter} -m pytest -q -p no:cacheprovider {tests} || status=1
exit $status
"""


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def boot(
    files: dict[str, str],
    *,
    kernel: GuestKernel,
    systemd: bool = False,
    timeout: float = 900.0,
    echo: bool = False,
) -> VmRun:
    """Boot the guest with `files` in its /mnt/vm, and its "job" (shell) run by guest.sh as root, or with
    systemd as init, which runs "prepare" first (see systemd.py); the console and what /mnt/vm holds after.
    """
    accel, cpu = accelerator()
    with tempfile.TemporaryDirectory(prefix="screenprep-vm-") as scratch:
        out = Path(scratch) / "out"
        out.mkdir()
        for name, text in files.items():
            (out / name).write_text(text)
        initrd = Path(scratch) / "initrd.gz"
        initrd.write_bytes(initramfs(kernel))
        command = [
            QEMU, "-accel", accel, *cpu, "-m", str(MEMORY_MB), "-smp", str(min(os.cpu_count() or 1, 4)),
            "-nodefaults", "-no-reboot", "-display", "none", "-serial", "stdio",
            "-kernel", str(kernel.vmlinuz), "-initrd", str(initrd), "-append", _command_line(systemd),
            "-virtfs", f"local,path=/,mount_tag=hostroot,{_PASSTHROUGH},readonly=on,multidevs=remap",
            "-virtfs", f"local,path={out},mount_tag=vmout,{_PASSTHROUGH}",
        ]  # fmt: skip
        console = "".join(_console(command, timeout, echo))
        shared = {path.name: path.read_text(errors="replace") for path in out.iterdir() if path.is_file()}
    status = int(shared["status"]) if "status" in shared else None
    return VmRun(status, console, accel.split(",")[0], shared)


def _command_line(systemd: bool) -> str:
    words = [
        "console=ttyS0", "quiet", "panic=-1", "rdinit=/init", "cgroup_no_v1=all",
        f"vm_stage2={HERE / 'guest.sh'}",
    ]  # fmt: skip
    if systemd:
        words += ["vm_init=systemd", "systemd.show_status=error"]
    return " ".join(words)


def _console(command: list[str], timeout: float, echo: bool) -> Iterator[str]:
    """The guest's serial console line by line, killing qemu after `timeout` seconds."""
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True, "errors": "replace"}
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, **output) as qemu:
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            qemu.kill()

        watchdog = threading.Timer(timeout, expire)
        watchdog.start()
        try:
            assert qemu.stdout is not None
            for line in qemu.stdout:
                if echo:
                    print(line, end="", flush=True)
                yield line
        finally:
            watchdog.cancel()
            qemu.kill()
    if expired.is_set():
        yield f"\n[tests/vm/run.py: killed qemu after {timeout:.0f} s]\n"


def _run(command: list[str], cwd: str | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise VmError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--fetch", action="store_true", help="download the guest kernel (unless cached); stop"
    )
    parser.add_argument("--systemd", action="store_true", help="systemd as init runs the README's unit")
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds before the VM is killed")
    parser.add_argument(
        "pytest_args", nargs="*", help="pytest's arguments in the guest (default: SANDBOX_TESTS)"
    )
    args = parser.parse_args(argv)
    try:
        if args.fetch:
            print(f"guest kernel {fetch_kernel().version} in {CACHE}")
            return 0
        kernel = cached_kernel()
        problem = missing()
        if problem or kernel is None:
            raise VmError(problem or "no guest kernel")
        if args.systemd:
            from tests.vm.systemd import systemd_files

            files = systemd_files()
        else:
            files = {"job": sandbox_job(args.pytest_args or list(SANDBOX_TESTS))}
        run = boot(files, kernel=kernel, systemd=args.systemd, timeout=args.timeout, echo=True)
        for name in ("service.log", "undelegated.log", "unit-show", "unit-status", "leftover-cgroups"):
            if name in run.shared:
                print(f"\n== /mnt/vm/{name}\n{run.shared[name]}", end="")
    except VmError as exc:
        print(f"tests/vm/run.py: {exc}", file=sys.stderr)
        return 2
    print(f"\n[tests/vm/run.py: kernel {kernel.version}, {run.accelerator}, job exit status {run.status}]")
    return 1 if run.status is None else run.status


if __name__ == "__main__":
    sys.exit(main())
