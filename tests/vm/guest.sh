#!/bin/sh
# Stage 2: PID 1 on the host's own root file system (read-only, with a tmpfs overlay). Mounts the results
# share at /mnt/vm, then either runs /mnt/vm/job on a pure cgroup v2 hierarchy, records its exit status
# and powers off, or (vm_init=systemd) runs /mnt/vm/prepare and hands PID 1 to systemd, which mounts
# cgroup2 itself and starts its default target. /tmp stays the overlay's (writes land in the tmpfs
# upper layer): the checkout under test may itself live in the host's /tmp.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /mnt/vm
mount -t 9p -o trans=virtio,version=9p2000.L vmout /mnt/vm
if [ "${vm_init:-}" = systemd ]; then
    sh /mnt/vm/prepare && exec /lib/systemd/systemd
    echo "tests/vm: /mnt/vm/prepare failed" > /dev/console
    echo o > /proc/sysrq-trigger
fi
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -t tmpfs tmpfs /run
ip link set lo up
sh /mnt/vm/job
echo "$?" > /mnt/vm/status
sync
echo o > /proc/sysrq-trigger
sleep 60
