"""The README's systemd unit, run for real by systemd as the guest's init (tests/vm/run.py --systemd).

The unit is read from README.md as printed there (User=screenprep, Delegate=yes, KeyringMode=private,
MemoryMax=, TasksMax=, ProtectHome=, SCREENPREP_SANDBOX=strict). One drop-in changes only what the
guest lacks: no /opt/screenprep venv exists, so this host's Python is bind-mounted there and runs a
copy of this checkout's packages (PYTHONPATH), and the service is a oneshot that runs `doctor` and
then a console session with one code submission (piped in with StandardInput=file:) instead of
`screenprep run`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from questions import load_bank
from tests.support.solutions import reference_solution
from tests.vm.run import REPOSITORY, VmError

CODE_TASK = "batchnorm-forward"
"""A numpy task: its reference solution must pass in a worker started under the unit."""
UNIT = "screenprep.service"
UNDELEGATED = "screenprep-undelegated.service"
"""The README's unit again as root with Delegate=no: the bot must not make worker cgroups in a cgroup
systemd owns, though root could."""
CHECKOUT = "/opt/screenprep-checkout"
PACKAGES = ("adapters", "bot", "questions", "storage")
"""What the unit's commands import (pyproject.toml's packages)."""


def readme_unit(readme: Path = REPOSITORY / "README.md") -> str:
    """The ```ini block of README.md that starts with the unit's path."""
    block = r"```ini\n(# /etc/systemd/system/screenprep\.service\n.*?)```"
    found = re.search(block, readme.read_text(), re.S)
    if not found:
        raise VmError("README.md has no ```ini block for /etc/systemd/system/screenprep.service")
    return found.group(1)


def _drop_in(python_prefix: str) -> str:
    interpreter = f"/opt/screenprep/bin/{Path(os.path.realpath(sys.executable)).name}"
    return f"""[Service]
# tests/vm: this host's Python ({python_prefix}) is bind-mounted at /opt/screenprep and runs this
# checkout's packages, copied to {CHECKOUT} (PrivateTmp= hid a checkout in /tmp when bind-mounted).
Environment=PYTHONPATH={CHECKOUT} LD_LIBRARY_PATH=/opt/screenprep/lib
Type=oneshot
Restart=no
ExecStart=
ExecStart=-{interpreter} -m adapters.cli doctor
ExecStart={interpreter} -m adapters.cli console --user ada
StandardInput=file:/mnt/vm/session
StandardOutput=append:/mnt/vm/service.log
StandardError=inherit
"""


def _undelegated_drop_in(python_prefix: str) -> str:
    """Only `doctor`, as root (who could write to the unit's cgroup) in the same unit without delegation."""
    interpreter = f"/opt/screenprep/bin/{Path(os.path.realpath(sys.executable)).name}"
    return f"""[Unit]
After={UNIT}

[Service]
Environment=PYTHONPATH={CHECKOUT} LD_LIBRARY_PATH=/opt/screenprep/lib
User=root
Group=root
Delegate=no
Type=oneshot
Restart=no
ExecStart=
ExecStart=-{interpreter} -m adapters.cli doctor
StandardOutput=append:/mnt/vm/undelegated.log
StandardError=inherit
"""


_TARGET = f"""[Unit]
Description=tests/vm: the README's unit, then the report and power-off
Wants={UNIT} {UNDELEGATED} screenprep-vm-finish.service
AllowIsolate=yes
"""
"""The default target (systemd.unit= on the kernel command line was not honoured: the guest booted
default.target instead)."""

_FINISH_UNIT = """[Unit]
Description=tests/vm: record how screenprep.service ended, then power off
After=screenprep.service screenprep-undelegated.service

[Service]
Type=oneshot
ExecStart=/bin/sh /mnt/vm/finish
"""

_FINISH = """
systemctl status --no-pager screenprep.service > /mnt/vm/unit-status 2>&1
systemctl show -p Result -p ExecMainStatus -p User -p Delegate -p KeyringMode screenprep.service \\
    > /mnt/vm/unit-show
find /sys/fs/cgroup -name 'worker-*' > /mnt/vm/leftover-cgroups
[ "$(systemctl show -p Result --value screenprep.service)" = success ]
echo "$?" > /mnt/vm/status
systemctl poweroff --no-block
"""


def _prepare(python_prefix: str) -> str:
    """Root's set-up before systemd starts: the README's user and unit, plus what the guest lacks."""
    return f"""set -e
: > /etc/fstab  # this host's fstab names its own disk
useradd --system --home /var/lib/screenprep screenprep
mkdir -p /etc/screenprep /opt/screenprep {CHECKOUT} /etc/systemd/system/{UNIT}.d \
    /etc/systemd/system/{UNDELEGATED}.d
: > /etc/screenprep/env
chmod 600 /etc/screenprep/env
mount --bind {python_prefix} /opt/screenprep
# a copy, not a bind mount: a checkout under /tmp was unreadable to the unit (PrivateTmp=) when bound
cp -r {" ".join(f"{REPOSITORY}/{package}" for package in PACKAGES)} {CHECKOUT}/
cp /mnt/vm/{UNIT} /mnt/vm/screenprep-vm.target /mnt/vm/screenprep-vm-finish.service /etc/systemd/system/
cp /mnt/vm/vm.conf /etc/systemd/system/{UNIT}.d/
cp /mnt/vm/{UNIT} /etc/systemd/system/{UNDELEGATED}
cp /mnt/vm/undelegated.conf /etc/systemd/system/{UNDELEGATED}.d/
ln -sf screenprep-vm.target /etc/systemd/system/default.target
"""


def _session() -> str:
    solution = reference_solution(load_bank(), CODE_TASK)
    return f"/quiz {CODE_TASK}\n```python\n{solution}```\n"


def systemd_files() -> dict[str, str]:
    """Everything the guest's /mnt/vm holds for a systemd boot."""
    prefix = str(Path(os.path.realpath(sys.executable)).parent.parent)
    return {
        "prepare": _prepare(prefix),
        UNIT: readme_unit(),
        "vm.conf": _drop_in(prefix),
        "undelegated.conf": _undelegated_drop_in(prefix),
        "screenprep-vm.target": _TARGET,
        "screenprep-vm-finish.service": _FINISH_UNIT,
        "finish": _FINISH,
        "session": _session(),
    }
