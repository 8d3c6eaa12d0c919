#!/usr/bin/env bash
# The relay on a filesystem made for it, until the disk is full
# (docs/performance.md, "Disk full"):
#   1. mounts a tmpfs of --size MiB and fills --ballast MiB of it with a file;
#   2. kollega-attack-soak --disk-fill starts the relay with its data there,
#      sends until STORAGE_FULL, reads back every accepted envelope and
#      compares it byte for byte;
#   3. deletes the ballast and checks that the same relay process accepts
#      sends again, then that acknowledged space is reused.
# Mounting needs root, or an unprivileged user namespace (`unshare -Urm`,
# in which this script re-runs itself); without either it says so and
# exits 0 (77 with --ctest, which CTest counts as skipped).
#
#   bench/disk_full.sh [--size MiB] [--ballast MiB] [--fill-size BYTES]
#                      [--tool build/bench/kollega-attack-soak]
#                      [--relay build/server/kollega-relay] [--ctest]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
size_mib=192
ballast_mib=96
fill_size=16384
tool=$here/../build/bench/kollega-attack-soak
relay=$here/../build/server/kollega-relay
cannot_run=0
args=("$@")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size_mib=$2; shift 2 ;;
    --ballast) ballast_mib=$2; shift 2 ;;
    --fill-size) fill_size=$2; shift 2 ;;
    --tool) tool=$2; shift 2 ;;
    --relay) relay=$2; shift 2 ;;
    --ctest) cannot_run=77; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ "${KOLLEGA_DISK_FULL_NS:-}" != 1 ]]; then
  probe=$(mktemp -d)
  if [[ $(id -u) == 0 ]] && mount -t tmpfs -o size=1m none "$probe" 2>/dev/null; then
    umount "$probe"
    rmdir "$probe"
    echo "disk_full.sh: running as root, tmpfs mounted directly"
  elif unshare -Urm sh -c "mount -t tmpfs -o size=1m none '$probe'" 2>/dev/null; then
    rmdir "$probe"
    echo "disk_full.sh: in an unprivileged user and mount namespace (unshare -Urm)"
    KOLLEGA_DISK_FULL_NS=1 exec unshare -Urm "$0" "${args[@]}"
  else
    rmdir "$probe"
    echo "disk_full.sh: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN, or" \
         "unprivileged user namespaces); nothing run"
    exit $cannot_run
  fi
fi

mnt=$(mktemp -d "${TMPDIR:-/tmp}/kollega-disk-full.XXXXXX")
cleanup() {
  umount "$mnt" 2>/dev/null || true
  rmdir "$mnt" 2>/dev/null || true
}
trap cleanup EXIT
# tmpfs, not a loop-device ext4: RocksDB meets the same ENOSPC on both
# (write and fallocate fail alike), and tmpfs needs no image file or loop
# device, so it also works in a user namespace.
mount -t tmpfs -o "size=${size_mib}m" kollega-disk-full "$mnt"
head -c "$((ballast_mib << 20))" /dev/zero >"$mnt/ballast"
echo "tmpfs of ${size_mib} MiB at $mnt, ballast ${ballast_mib} MiB"
"$tool" --disk-fill --relay-bin "$relay" --data-dir "$mnt/relay" --ballast "$mnt/ballast" \
  --fill-size "$fill_size"
