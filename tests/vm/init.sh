#!/bin/busybox sh
# Stage 1: the initramfs's /init (busybox-static). Load the 9p and overlay modules, mount the host's root
# file system read-only over virtio-9p with a tmpfs overlay on top (writes stay in the guest), then hand
# PID 1 to stage 2, $vm_stage2 (the kernel passes unknown name=value words of its command line to init
# as environment variables). cache=loose: "no attempts are made at consistency, intended for exclusive,
# read-only mounts" (kernel Documentation/filesystems/9p.rst): the guest never writes to this mount.
set -e
B=/bin/busybox
$B mount -t proc proc /proc
$B mount -t sysfs sysfs /sys
$B mount -t devtmpfs devtmpfs /dev
for module in /modules/*.ko; do $B insmod "$module"; done
$B mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /lower
$B mount -t tmpfs -o mode=0755 upper /upper
$B mkdir /upper/data /upper/work
$B mount -t overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work guestroot /root
$B umount /proc /sys /dev
exec $B switch_root /root "$vm_stage2"
