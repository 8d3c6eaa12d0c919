#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Boots deploy/systemd/kollega-relay.service under a real systemd: a Debian 12
# root made by debootstrap, booted with systemd-nspawn, with the relay binary
# and the unit installed as deploy/systemd says. deploy/check.sh validates the
# unit statically; this shows that its sandbox (DynamicUser, seccomp filter,
# no capabilities, private state directory, ...) lets the relay run.
#
#   deploy/boot-check.sh path/to/kollega-relay [path/to/kollega]
#
# Inside the container a check unit records: /healthz answers; the relay runs
# as a dynamic (non-root) uid with no effective capabilities, no new
# privileges and a seccomp filter; its io threads got SCHED_BATCH (the unit's
# sched_setscheduler allowance); its files are private to it; SIGTERM stops it
# cleanly. Given the `kollega` client, two accounts made from the host then
# exchange a message through the sandboxed relay.
#
# Needs root, debootstrap, systemd-nspawn, Debian's package mirror and a host
# that can boot systemd in a container; exits 77 (skipped) without them, and
# for sanitizer builds (their runtime is not in the container). Exits 1 if a
# check fails.
set -u

relay="${1:-}"
client="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
skip() { echo "boot-check: SKIP: $*"; exit 77; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
ok() { echo "  ok    $*"; }

[ -x "$relay" ] || { echo "usage: $0 path/to/kollega-relay [path/to/kollega]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || skip "needs root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is not installed (systemd-container)"
ldd "$relay" | grep -q libasan && skip "a sanitizer build: its runtime is not in the container"

mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
mirror="${mirror:-http://deb.debian.org/debian}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kollega-boot-check.XXXXXX")"
rootfs="$tmp/rootfs"
nspawn_pid=""
cleanup() {
  [ -n "$nspawn_pid" ] && kill "$nspawn_pid" 2>/dev/null && wait "$nspawn_pid" 2>/dev/null
  # An interrupted debootstrap can leave /proc or /sys mounted in the root:
  # unmount them, and never let rm cross into another file system.
  awk -v r="$rootfs/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT

echo "== debootstrap bookworm from $mirror"
# Bounded: a stalled mirror is the network's problem, not the unit's.
if ! timeout 300 debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,curl,util-linux,librocksdb7.8,libprotobuf32,libssl3 \
    bookworm "$rootfs" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
  tail -5 "$tmp/debootstrap.log"
  skip "debootstrap failed (no mirror?)"
fi

# Installed as the unit's header says; the example config with two changes
# for the test: an ephemeral port (written to a file) and a cheap proof of work.
install -m 0755 "$relay" "$rootfs/usr/local/bin/kollega-relay"
install -m 0644 "$here/systemd/kollega-relay.service" "$rootfs/etc/systemd/system/"
install -d -m 0755 "$rootfs/etc/kollega-relay"
sed -e 's/^port = .*/port = 0\nport-file = \/var\/lib\/kollega-relay\/port/' \
    -e 's/^pow-bits = .*/pow-bits = 8/' \
    "$here/relay.conf.example" >"$rootfs/etc/kollega-relay/relay.conf"

cat >"$rootfs/etc/systemd/system/kollega-check.service" <<'EOF'
[Unit]
Description=Check the relay under its unit, then power off
After=kollega-relay.service
Wants=kollega-relay.service

[Service]
Type=oneshot
ExecStart=/usr/local/bin/kollega-check
ExecStopPost=/usr/bin/systemctl --no-block poweroff

[Install]
WantedBy=multi-user.target
EOF
# Runs inside: each line "ok ..." or "FAIL ...", then the relay's journal.
cat >"$rootfs/usr/local/bin/kollega-check" <<'EOF'
#!/bin/sh
mkdir -p /var/lib/kollega-check
out=/var/lib/kollega-check/result
portfile=/var/lib/private/kollega-relay/port
check() { if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; fi; }
{
  for i in $(seq 100); do [ -s "$portfile" ] && break; sleep 0.2; done
  port=$(cat "$portfile" 2>/dev/null)
  echo "$port" > /var/lib/kollega-check/port
  check "the relay answers /healthz" "curl -sf http://127.0.0.1:$port/healthz | grep -q ok"
  pid=$(systemctl show kollega-relay -p MainPID --value)
  status=/proc/$pid/status
  check "it runs as a dynamic, non-root uid" "awk '/^Uid:/ {exit !(\$2 >= 61184 && \$2 <= 65519)}' $status"
  check "with no effective capabilities" "grep -q '^CapEff:[[:space:]]*0000000000000000' $status"
  check "with no new privileges" "grep -q '^NoNewPrivs:[[:space:]]*1' $status"
  check "under a seccomp filter" "grep -q '^Seccomp:[[:space:]]*2' $status"
  batch=0
  for t in /proc/$pid/task/*; do
    if [ "$(cat $t/comm)" = kollega-io ] && chrt -p "${t##*/}" | grep -q SCHED_BATCH; then batch=$((batch + 1)); fi
  done
  check "its io threads run under SCHED_BATCH" "[ $batch -ge 1 ]"
  check "its data is private to it" "[ \$(stat -c %a /var/lib/private/kollega-relay) = 700 ] && [ \$(stat -c %a /var/lib/private/kollega-relay/CURRENT) = 600 ]"
  touch /var/lib/kollega-check/ready
  for i in $(seq 600); do [ -e /var/lib/kollega-check/release ] && break; sleep 0.2; done
  systemctl stop kollega-relay
  check "SIGTERM stops it cleanly" "[ \$(systemctl show kollega-relay -p Result --value) = success ]"
  check "its log says so" "journalctl -u kollega-relay -o cat | grep -q 'stopped cleanly'"
  echo "== journal"
  journalctl -u kollega-relay -o cat --no-pager | tail -15
} > $out.tmp 2>&1
mv $out.tmp $out
EOF
chmod 0755 "$rootfs/usr/local/bin/kollega-check"
chroot "$rootfs" systemctl enable kollega-relay.service kollega-check.service >/dev/null 2>&1

echo "== boot"
# No system bus or machined on every host: neither register nor make a scope.
systemd-nspawn -D "$rootfs" -b --register=no --keep-unit --console=pipe \
  >"$tmp/nspawn.log" 2>&1 </dev/null &
nspawn_pid=$!
for _ in $(seq 300); do
  [ -e "$rootfs/var/lib/kollega-check/ready" ] && break
  kill -0 "$nspawn_pid" 2>/dev/null || break
  sleep 0.2
done
failures=0
if [ ! -e "$rootfs/var/lib/kollega-check/ready" ]; then
  # The check unit runs whether or not the relay starts, so no "ready" means
  # systemd itself did not boot in a container on this host.
  tail -20 "$tmp/nspawn.log"
  skip "systemd did not boot in a container on this host"
fi

if [ -n "$client" ]; then
  port="$(cat "$rootfs/var/lib/kollega-check/port")"
  url="ws://127.0.0.1:$port"
  # The client's data directories are encrypted (docs/storage-encryption.md);
  # a cheap scrypt cost, as in the client tests.
  export KOLLEGA_PASSPHRASE="boot check" KOLLEGA_TEST_SCRYPT_LOG2N=10
  if "$client" --data-dir "$tmp/a" init "$url" >"$tmp/a.log" 2>&1 &&
     "$client" --data-dir "$tmp/b" init "$url" >"$tmp/b.log" 2>&1; then
    b="$("$client" --data-dir "$tmp/b" whoami | awk '$1 == "account" {print $2}')"
    "$client" --data-dir "$tmp/a" send "$b" "through the sandbox" >>"$tmp/a.log" 2>&1
    a="$("$client" --data-dir "$tmp/a" whoami | awk '$1 == "account" {print $2}')"
    if "$client" --data-dir "$tmp/b" inbox "$a" 2>&1 | grep -q "through the sandbox"; then
      ok "a message between two accounts made from the host arrives"
    else
      fail "the message did not arrive"
      cat "$tmp/a.log" "$tmp/b.log"
    fi
  else
    fail "the client could not create accounts"
    cat "$tmp/a.log" "$tmp/b.log"
  fi
fi

touch "$rootfs/var/lib/kollega-check/release"
for _ in $(seq 300); do
  kill -0 "$nspawn_pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$nspawn_pid" 2>/dev/null; then fail "the container did not power off"; fi
wait "$nspawn_pid" 2>/dev/null
nspawn_pid=""

if [ ! -s "$rootfs/var/lib/kollega-check/result" ]; then
  fail "no result from inside the container"
  tail -20 "$tmp/nspawn.log"
else
  sed -n '/^== journal/q;p' "$rootfs/var/lib/kollega-check/result" | sed 's/^/  /'
  failures=$((failures + $(grep -c '^FAIL' "$rootfs/var/lib/kollega-check/result")))
  if grep -q '^FAIL' "$rootfs/var/lib/kollega-check/result"; then sed -n '/^== journal/,$p' "$rootfs/var/lib/kollega-check/result"; fi
fi
echo "boot-check: $failures failure(s)"
[ "$failures" -eq 0 ]
