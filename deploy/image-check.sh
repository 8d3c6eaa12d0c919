#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds deploy/container/Containerfile with podman and runs the image: the
# relay must answer /healthz, pass the image's own HEALTHCHECK, run as the
# unprivileged `kollega` user, write its RocksDB into the volume and stop
# cleanly (exit 0) on `podman stop`. deploy/check.sh lints the Containerfile
# in CI; this builds it for real (a few minutes: the relay is compiled
# inside, without ccache), so it is run by hand, not by CTest.
#
#   deploy/image-check.sh        (from anywhere; needs root and podman)
#
# Where no registry is reachable, the two base images (debian:12 and
# debian:12-slim) are made with debootstrap from the host's apt mirror and
# imported under those names (both a minimal Debian 12). On hosts whose
# cgroup layout crun refuses ("cgroups in hybrid mode"), install runc: it is
# used when present. Exits 1 if a check fails.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
image="localhost/kollega-relay:check"
name="kollega-image-check-$$"
failures=0
ok() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
die() { echo "image-check: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root"
command -v podman >/dev/null || die "podman is not installed"
runtime=()
command -v runc >/dev/null && runtime=(--runtime runc)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kollega-image-check.XXXXXX")"
cleanup() {
  podman "${runtime[@]}" rm -f "$name" >/dev/null 2>&1
  podman rmi -f "$image" >/dev/null 2>&1
  awk -v r="$tmp/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT

echo "== base images"
for base in debian:12 debian:12-slim; do
  if podman image exists "docker.io/library/$base" ||
     timeout 60 podman pull -q "docker.io/library/$base" >/dev/null 2>&1; then
    ok "$base available"
    continue
  fi
  if ! podman image exists localhost/kollega-debian-base:12; then
    command -v debootstrap >/dev/null || die "no $base image and no debootstrap to make one"
    mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
    timeout 600 debootstrap --variant=minbase bookworm "$tmp/base" \
      "${mirror:-http://deb.debian.org/debian}" >"$tmp/debootstrap.log" 2>&1 ||
      { tail -5 "$tmp/debootstrap.log"; die "debootstrap failed"; }
    tar -C "$tmp/base" -c . | podman import -q - localhost/kollega-debian-base:12 >/dev/null ||
      die "podman import failed"
  fi
  podman tag localhost/kollega-debian-base:12 "docker.io/library/$base"
  ok "$base made with debootstrap (minimal Debian 12)"
done

echo "== build"
# Docker format keeps HEALTHCHECK; chroot isolation needs no OCI runtime.
if podman build --pull=never --format docker --isolation=chroot -t "$image" \
     -f "$here/container/Containerfile" \
     --ignorefile "$here/container/Containerfile.dockerignore" "$repo" >"$tmp/build.log" 2>&1; then
  ok "the Containerfile builds"
else
  tail -20 "$tmp/build.log"
  fail "the Containerfile does not build"
  exit 1
fi

echo "== run"
port=$((20000 + RANDOM % 20000))
nofile="$(ulimit -Hn)"
# As shipped (its own CMD and port 8420, which the HEALTHCHECK probes),
# published on a free-looking host port.
podman "${runtime[@]}" run -d --name "$name" -p "127.0.0.1:$port:8420" \
  --ulimit "nofile=$nofile:$nofile" --ulimit nproc=4096:4096 \
  "$image" >/dev/null 2>"$tmp/run.log" ||
  { cat "$tmp/run.log"; fail "the image does not start"; exit 1; }
healthy=""
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && healthy=yes && break
  sleep 0.2
done
[ -n "$healthy" ] && ok "the relay answers /healthz" || fail "no /healthz answer"
if podman "${runtime[@]}" healthcheck run "$name" >/dev/null 2>&1; then
  ok "the image's HEALTHCHECK passes"
else
  fail "the image's HEALTHCHECK fails"
fi
user="$(podman "${runtime[@]}" exec "$name" stat -c %U /proc/1)"
[ "$user" = kollega ] && ok "it runs as kollega" || fail "it runs as '$user'"
if podman "${runtime[@]}" exec "$name" test -s /var/lib/kollega-relay/CURRENT; then
  ok "RocksDB lives in the volume /var/lib/kollega-relay"
else
  fail "no RocksDB in /var/lib/kollega-relay"
fi
podman "${runtime[@]}" stop -t 30 "$name" >/dev/null 2>&1
code="$(podman inspect "$name" --format '{{.State.ExitCode}}')"
[ "$code" = 0 ] && ok "podman stop (SIGTERM): exit 0" || fail "podman stop: exit $code"
podman logs "$name" 2>&1 | grep -q "stopped cleanly" && ok "its log says it stopped cleanly" ||
  fail "its log does not say it stopped cleanly"

echo "image-check: $failures failure(s)"
[ "$failures" -eq 0 ]
