#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Static (and, given a relay binary, live) validation of everything in deploy/.
#
#   deploy/check.sh [path/to/kollega-relay]
#
# Checks, each reported as ok / FAIL / SKIP:
#   1. systemd unit: required hardening lines present; `systemd-analyze verify`
#      on a copy whose ExecStart points at an existing binary (the given relay,
#      else /bin/true) with no warnings at all; `systemd-analyze security
#      --offline=yes` exposure score <= KOLLEGA_MAX_EXPOSURE (default 3.0).
#   2. relay.conf.example: `key = value` syntax, no duplicate keys, every
#      option documented; with a binary: keys match `--help` exactly and every
#      active value equals the built-in default (data-dir excepted).
#   3. with a binary: the relay starts with the example config (+ --port 0,
#      --metrics-port 0, a temporary --data-dir and port files), answers
#      GET /healthz with 200 on both ports, GET /metrics with 200 on the
#      metrics port only (404 on the public one), and exits 0 on SIGTERM
#      leaving a RocksDB behind.
#   4. Containerfile: only debian:12 / debian:12-slim bases, multi-stage,
#      setup-deps.sh build with tests/bench off, non-root USER, HEALTHCHECK on
#      /healthz, EXPOSE/VOLUME match the config, no `curl | sh`, no remote ADD,
#      every COPY source exists, every apt package exists in Debian 12
#      (`apt-cache policy`), and with a binary: every shared library it needs
#      comes from a package the runtime stage installs.
# Exits 1 if anything FAILed. Without a binary the live parts are SKIPped.
set -u  # no pipefail: many checks are `producer | grep -q`, where SIGPIPE is expected

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
unit="$here/systemd/kollega-relay.service"
example="$here/relay.conf.example"
containerfile="$here/container/Containerfile"
readme="$here/README.md"
max_exposure="${KOLLEGA_MAX_EXPOSURE:-3.0}"

relay="${1:-}"
if [ -n "$relay" ]; then
  if [ -x "$relay" ]; then
    relay="$(readlink -f "$relay")"
  else
    echo "deploy/check: '$relay' is not an executable file" >&2
    exit 2
  fi
fi

failures=0
ok() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
skip() { echo "  SKIP  $*"; }
section() { echo "== $*"; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kollega-deploy-check.XXXXXX")"
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ] && kill -0 "$relay_pid" 2>/dev/null; then
    kill -KILL "$relay_pid" 2>/dev/null
    wait "$relay_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

for f in "$unit" "$example" "$containerfile" "$readme"; do
  [ -f "$f" ] || fail "missing file ${f#"$repo"/}"
done

# Options the relay is specified to accept; used when no binary is given.
# With a binary, its --help output is the authority instead.
spec_options="listen port port-file data-dir ttl max-frame-bytes max-content-bytes
  max-prekeys-per-upload prekey-low-threshold mailbox-max-envelopes mailbox-max-bytes
  max-wal-mb pow-bits account-rate bundle-rate request-rate threads io-sched tls-cert tls-key log-level
  auth-timeout prelogin-frame-bytes max-connections max-connections-per-source behind-proxy
  trusted-proxy metrics-listen metrics-port metrics-port-file"

# --------------------------------------------------------------------------
section "systemd unit (deploy/systemd/kollega-relay.service)"

required_lines=(
  "ExecStart=/usr/local/bin/kollega-relay --config /etc/kollega-relay/relay.conf"
  "DynamicUser=yes" "StateDirectory=kollega-relay" "ConfigurationDirectory=kollega-relay"
  "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" "PrivateDevices=yes"
  "NoNewPrivileges=yes" "CapabilityBoundingSet=" "AmbientCapabilities="
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "SystemCallFilter=@system-service" "SystemCallFilter=sched_setscheduler"
  "SystemCallArchitectures=native" "MemoryDenyWriteExecute=yes" "LockPersonality=yes"
  "RestrictNamespaces=yes" "RestrictRealtime=yes" "RestrictSUIDSGID=yes"
  "ProtectKernelTunables=yes" "ProtectKernelModules=yes" "ProtectKernelLogs=yes"
  "ProtectControlGroups=yes" "UMask=0077" "KillSignal=SIGTERM" "Restart=on-failure"
)
missing=0
for line in "${required_lines[@]}"; do
  if ! grep -qxF -- "$line" "$unit"; then
    fail "unit lacks the line '$line'"
    missing=1
  fi
done
[ "$missing" -eq 0 ] && ok "all ${#required_lines[@]} required lines present"
grep -qE '^TimeoutStopSec=[0-9]+' "$unit" && ok "TimeoutStopSec set" || fail "unit lacks TimeoutStopSec="
nofile="$(sed -n 's/^LimitNOFILE=\([0-9]*\)$/\1/p' "$unit")"
if [ -n "$nofile" ] && [ "$nofile" -ge 16384 ]; then
  ok "LimitNOFILE=$nofile (room for 10k+ connections)"
else
  fail "LimitNOFILE missing or below 16384"
fi
if grep -qE '^(User|Group)=' "$unit"; then
  fail "unit sets User=/Group= although it uses DynamicUser=yes"
fi

if ! command -v systemd-analyze >/dev/null; then
  fail "systemd-analyze not installed (scripts/setup-deps.sh installs systemd)"
else
  # systemd-analyze verify refuses a unit whose ExecStart binary is missing,
  # so verify a copy that points at a binary that exists here.
  stand_in="${relay:-/bin/true}"
  mkdir -p "$tmp/unit"
  sed "s#^ExecStart=/usr/local/bin/kollega-relay #ExecStart=$stand_in #" "$unit" \
    > "$tmp/unit/kollega-relay.service"
  if out="$(systemd-analyze verify --man=no "$tmp/unit/kollega-relay.service" 2>&1)" \
      && [ -z "$out" ]; then
    ok "systemd-analyze verify: clean (ExecStart checked against $stand_in)"
  else
    fail "systemd-analyze verify:"
    printf '        %s\n' "$out"
  fi

  if systemd-analyze --help 2>&1 | grep -q -- '--offline'; then
    sec_out="$(systemd-analyze security --offline=yes --no-pager \
      "$tmp/unit/kollega-relay.service" 2>&1)"
    score="$(printf '%s\n' "$sec_out" \
      | sed -n 's/^.*Overall exposure level for kollega-relay\.service: \([0-9.]*\).*$/\1/p')"
    if [ -z "$score" ]; then
      fail "systemd-analyze security printed no exposure score:"
      printf '        %s\n' "$sec_out" | tail -n 5
    elif awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s <= m) }'; then
      ok "systemd-analyze security --offline: exposure $score (limit $max_exposure)"
    else
      fail "systemd-analyze security --offline: exposure $score above $max_exposure"
      printf '%s\n' "$sec_out" | grep '✗' | sed 's/^/        /'
    fi
  else
    skip "systemd-analyze security --offline not supported by this systemd"
  fi
fi

# --------------------------------------------------------------------------
section "example configuration (deploy/relay.conf.example)"

declare -A active=() documented=()
bad_syntax=0
line_no=0
while IFS= read -r line || [ -n "$line" ]; do
  line_no=$((line_no + 1))
  case "$line" in
    "" | "#"*)
      # A commented-out option ("# key = value") documents that option.
      if [[ "$line" =~ ^#\ ([a-z][a-z0-9-]*)\ =\ [^\ ].*$ ]]; then
        documented[${BASH_REMATCH[1]}]=1
      fi
      ;;
    *)
      if [[ "$line" =~ ^([a-z][a-z0-9-]*)\ =\ ([^\ ].*)$ ]]; then
        key="${BASH_REMATCH[1]}"
        if [ -n "${active[$key]+x}" ]; then
          fail "relay.conf.example:$line_no: '$key' set twice"
        fi
        active[$key]="${BASH_REMATCH[2]}"
        documented[$key]=1
      else
        fail "relay.conf.example:$line_no: not 'key = value': $line"
        bad_syntax=1
      fi
      ;;
  esac
done < "$example"
[ "$bad_syntax" -eq 0 ] && ok "syntax: ${#active[@]} active options, ${#documented[@]} documented"

declare -A defaults=()
if [ -n "$relay" ]; then
  if help_text="$("$relay" --help 2>&1)"; then
    ok "kollega-relay --help exits 0"
  else
    fail "kollega-relay --help failed"
  fi
  options=""
  while IFS= read -r l; do
    [[ "$l" =~ ^\ \ --([a-z][a-z0-9-]*) ]] || continue
    name="${BASH_REMATCH[1]}"
    case "$name" in help | config) continue ;; esac
    options+="$name "
    if [[ "$l" =~ \(default:\ ([^\)]*)\)$ ]]; then defaults[$name]="${BASH_REMATCH[1]}"; fi
  done <<< "$help_text"
  source_of_options="kollega-relay --help"
  # The specified options must all exist in the binary too.
  for o in $spec_options; do
    [[ " $options " == *" $o "* ]] || fail "relay lacks the specified option --$o"
  done
else
  options="$spec_options"
  source_of_options="the specified option list (no relay binary given)"
fi

doc_ok=1
for o in $options; do
  if [ -z "${documented[$o]+x}" ]; then
    fail "option '$o' (from $source_of_options) is not in relay.conf.example"
    doc_ok=0
  fi
done
for k in "${!documented[@]}"; do
  if [[ " $(echo $options) " != *" $k "* ]]; then
    fail "relay.conf.example documents '$k', unknown to $source_of_options"
    doc_ok=0
  fi
done
[ "$doc_ok" -eq 1 ] && ok "every option documented, no unknown keys (per $source_of_options)"

for k in tls-cert tls-key port-file metrics-port-file trusted-proxy; do
  [ -n "${active[$k]+x}" ] && fail "'$k' must stay commented out in the example"
done
[ "${active[data-dir]:-}" = "/var/lib/kollega-relay" ] \
  && ok "data-dir = /var/lib/kollega-relay (systemd StateDirectory, container volume)" \
  || fail "example data-dir must be /var/lib/kollega-relay"
grep -qx 'listen = 127.0.0.1' "$example" \
  && ok "listen = 127.0.0.1 (the line the Containerfile rewrites to 0.0.0.0)" \
  || fail "example needs the exact line 'listen = 127.0.0.1' (Containerfile rewrites it)"

if [ -n "$relay" ]; then
  def_ok=1
  for k in "${!active[@]}"; do
    [ "$k" = data-dir ] && continue
    if [ -z "${defaults[$k]+x}" ]; then
      fail "example sets '$k' but --help shows no default for it"
      def_ok=0
    elif [ "${defaults[$k]}" != "${active[$k]}" ]; then
      fail "example has $k = ${active[$k]}, built-in default is ${defaults[$k]}"
      def_ok=0
    fi
  done
  for k in "${!defaults[@]}"; do
    if [ "$k" != data-dir ] && [ -z "${active[$k]+x}" ]; then
      fail "option '$k' has a default (${defaults[$k]}) but the example does not set it"
      def_ok=0
    fi
  done
  [ "$def_ok" -eq 1 ] && ok "every active value equals the relay's built-in default"
else
  skip "defaults not compared: no relay binary given"
fi

# --------------------------------------------------------------------------
section "relay starts with the example configuration"

# GET a path over plain HTTP/1.0 with bash's /dev/tcp; prints the response.
http_get() {
  timeout 10 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$2" >&3
    cat <&3' _ "$1" "$2"
}

if [ -z "$relay" ]; then
  skip "no kollega-relay binary given (deploy/check.sh path/to/kollega-relay); not started"
else
  mkdir -p "$tmp/data"
  # Flags after --config override the file: an ephemeral loopback port and a
  # throw-away data directory, everything else exactly as in the example.
  "$relay" --config "$example" --listen 127.0.0.1 --port 0 --data-dir "$tmp/data" \
    --port-file "$tmp/port" --metrics-port 0 --metrics-port-file "$tmp/metrics-port" \
    2>"$tmp/relay.log" &
  relay_pid=$!
  port=""
  for _ in $(seq 1 150); do
    if [ -s "$tmp/port" ]; then port="$(tr -dc 0-9 < "$tmp/port")"; [ -n "$port" ] && break; fi
    kill -0 "$relay_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$port" ]; then
    if kill -0 "$relay_pid" 2>/dev/null; then
      fail "relay did not write its port within 30 s; its log:"
      sed 's/^/        /' "$tmp/relay.log" | tail -n 20
    fi
  else
    ok "listening on 127.0.0.1:$port"
    health="$(http_get "$port" /healthz 2>&1)"
    if printf '%s' "$health" | head -n 1 | grep -q '^HTTP/1\.[01] 200'; then
      ok "GET /healthz -> $(printf '%s' "$health" | head -n 1 | tr -d '\r')"
    else
      fail "GET /healthz: $(printf '%s' "$health" | head -n 1 | tr -d '\r')"
    fi
    # /metrics lives on its own listener (docs/abuse.md, "Metrics"); the
    # metrics port file is written before the port file.
    metrics_port="$(tr -dc 0-9 < "$tmp/metrics-port" 2>/dev/null)"
    metrics="$(http_get "${metrics_port:-0}" /metrics 2>&1)"
    if printf '%s' "$metrics" | head -n 1 | grep -q '^HTTP/1\.[01] 200' \
        && printf '%s\n' "$metrics" | grep -qE '^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [0-9]'; then
      ok "GET /metrics on the metrics port -> 200 with Prometheus samples"
    else
      fail "GET /metrics on the metrics port did not return 200 with Prometheus samples"
    fi
    if http_get "$port" /metrics 2>&1 | head -n 1 | grep -q '^HTTP/1\.[01] 404'; then
      ok "GET /metrics on the public port -> 404"
    else
      fail "GET /metrics on the public port is not 404"
    fi
    if printf '%s\n' "$metrics" | grep -q '127\.0\.0\.1'; then
      fail "/metrics mentions a client address"
    fi
  fi
  if kill -0 "$relay_pid" 2>/dev/null; then
    kill -TERM "$relay_pid"
    for _ in $(seq 1 100); do kill -0 "$relay_pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$relay_pid" 2>/dev/null; then
      fail "relay still running 20 s after SIGTERM"
    else
      wait "$relay_pid"
      rc=$?
      relay_pid=""
      if [ "$rc" -eq 0 ]; then ok "SIGTERM -> clean exit (status 0)"; else
        fail "exit status $rc after SIGTERM; log tail:"
        sed 's/^/        /' "$tmp/relay.log" | tail -n 10
      fi
    fi
  else
    wait "$relay_pid"
    fail "relay exited by itself (status $?); log tail:"
    relay_pid=""
    sed 's/^/        /' "$tmp/relay.log" | tail -n 10
  fi
  if [ -f "$tmp/data/CURRENT" ] || compgen -G "$tmp/data/*/CURRENT" >/dev/null; then
    ok "RocksDB created in the --data-dir"
  else
    fail "no RocksDB (CURRENT file) in the --data-dir after the run"
  fi
fi

# --------------------------------------------------------------------------
section "container recipe (deploy/container/Containerfile)"

# Logical instructions: comments dropped, continuation lines joined; each
# output line is "<stage-index> <INSTRUCTION> <arguments>".
instructions="$(awk '
  /^[ \t]*#/ { next }
  { line = $0
    if (sub(/\\[ \t]*$/, "", line)) { buf = buf line " "; next }
    buf = buf line
    if (buf ~ /^[ \t]*$/) { buf = ""; next }
    sub(/^[ \t]+/, "", buf)
    split(buf, w, /[ \t]+/); ins = toupper(w[1])
    if (ins == "FROM") stage++
    print stage + 0, buf
    buf = "" }' "$containerfile")"
stages="$(printf '%s\n' "$instructions" | awk 'toupper($2) == "FROM"' | wc -l)"
final="$stages"
in_final() { printf '%s\n' "$instructions" | awk -v s="$final" '$1 == s' | cut -d' ' -f2-; }
all_ins() { printf '%s\n' "$instructions" | cut -d' ' -f2-; }

from_ok=1
while read -r _ ref rest; do
  if ! [[ "$ref" =~ ^debian:12(-slim)?(@sha256:[0-9a-f]{64})?$ ]]; then
    fail "base image '$ref' is not debian:12 or debian:12-slim"
    from_ok=0
  fi
done < <(all_ins | grep -iE '^FROM ')
[ "$from_ok" -eq 1 ] && ok "all $stages FROM lines are debian:12 / debian:12-slim"
[ "$stages" -ge 2 ] && ok "multi-stage build" || fail "expected a build and a runtime stage"
all_ins | grep -iE '^FROM ' | tail -n 1 | grep -qE '^FROM debian:12-slim' \
  && ok "runtime stage is debian:12-slim" || fail "the final stage must be FROM debian:12-slim"

if all_ins | grep -qiE '(curl|wget)[^|]*\|[[:space:]]*(sudo[[:space:]]+)?(ba|da|z)?sh\b'; then
  fail "pipes a download into a shell"
else
  ok "no download piped into a shell"
fi
if all_ins | grep -qiE '^ADD .*(https?|git)://'; then fail "ADD of a remote URL"; else ok "no remote ADD"; fi

build_stage="$(printf '%s\n' "$instructions" | awk '$1 == 1' | cut -d' ' -f2-)"
for needle in "scripts/setup-deps.sh" "-DKOLLEGA_BUILD_TESTS=OFF" "-DKOLLEGA_BUILD_BENCH=OFF" \
    "--target kollega-relay"; do
  printf '%s\n' "$build_stage" | grep -qF -- "$needle" \
    && ok "build stage uses $needle" || fail "build stage lacks $needle"
done

user="$(in_final | sed -n 's/^USER[[:space:]]\+\([^[:space:]]*\).*$/\1/Ip' | tail -n 1)"
case "${user%%:*}" in
  "") fail "final stage has no USER (would run as root)" ;;
  root | 0) fail "final stage runs as USER $user" ;;
  *) ok "runs as non-root USER $user" ;;
esac
conf_port="${active[port]:-8420}"
health="$(in_final | grep -iE '^HEALTHCHECK ' || true)"
if [ -z "$health" ]; then
  fail "no HEALTHCHECK in the final stage"
elif [[ "$health" == *"/healthz"* && "$health" == *"$conf_port"* ]]; then
  ok "HEALTHCHECK requests /healthz on port $conf_port"
else
  fail "HEALTHCHECK does not request /healthz on port $conf_port"
fi
in_final | grep -qiE "^EXPOSE ([^ ]+ )*$conf_port(/tcp)?( |$)" \
  && ok "EXPOSE $conf_port" || fail "final stage does not EXPOSE $conf_port"
in_final | grep -iE '^VOLUME ' | grep -q '/var/lib/kollega-relay' \
  && ok "VOLUME /var/lib/kollega-relay" || fail "no VOLUME /var/lib/kollega-relay"
in_final | grep -iE '^(ENTRYPOINT|CMD) ' | grep -q '/etc/kollega-relay/relay.conf' \
  && ok "starts with --config /etc/kollega-relay/relay.conf" \
  || fail "ENTRYPOINT/CMD does not pass --config /etc/kollega-relay/relay.conf"
all_ins | grep -qF 'listen = 0.0.0.0' \
  && ok "rewrites listen to 0.0.0.0 inside the container" \
  || fail "container config does not listen on 0.0.0.0"

copy_ok=1
while read -r -a words; do
  srcs=()
  for w in "${words[@]:1}"; do
    case "$w" in --from=*) srcs=(); break ;; --*) continue ;; esac
    srcs+=("$w")
  done
  [ "${#srcs[@]}" -ge 2 ] || continue
  for s in "${srcs[@]:0:${#srcs[@]}-1}"; do
    s="${s#[}"; s="${s%]}"; s="${s%,}"; s="${s//\"/}"
    if ! compgen -G "$repo/$s" >/dev/null; then
      fail "COPY source '$s' does not exist in the build context (repo root)"
      copy_ok=0
    fi
  done
done < <(all_ins | grep -iE '^(COPY|ADD) ')
[ "$copy_ok" -eq 1 ] && ok "every COPY source exists in the repository"

if all_ins | grep -E 'apt-get install' | grep -vq -- '--no-install-recommends'; then
  fail "an apt-get install lacks --no-install-recommends"
fi

runtime_packages="$(all_ins | sed -n 's/^ARG RUNTIME_PACKAGES="\([^"]*\)".*$/\1/p' | head -n 1)"
[ -n "$runtime_packages" ] && ok "RUNTIME_PACKAGES: $runtime_packages" \
  || fail "no ARG RUNTIME_PACKAGES=\"...\" with the runtime package list"
# Literal package names on apt-get install lines (variables and options dropped).
literal_packages="$(all_ins | grep -oE 'apt-get install[^&;|]*' \
  | sed 's/apt-get install//' | tr ' ' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' || true)"
setup_packages="$(sed -n '/^packages=(/,/^)/p' "$repo/scripts/setup-deps.sh" \
  | sed '1d;$d;s/#.*//' | tr ' ' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' || true)"

codename="$( . /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")"
if [ "$codename" != bookworm ]; then
  skip "package existence: this machine is not Debian 12 (apt-cache would answer for '$codename')"
elif ! apt-cache policy libc6 2>/dev/null | grep -qE 'Candidate: [0-9]'; then
  skip "package existence: apt lists are empty (run apt-get update)"
else
  pkg_ok=1
  # One apt-cache call for all names (each call costs about a second).
  with_candidate=" $(apt-cache policy $runtime_packages $literal_packages $setup_packages \
    2>/dev/null | awk '/^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) }
                       /^  Candidate: [0-9]/ { print name }' | tr '\n' ' ')"
  for p in $runtime_packages $literal_packages $setup_packages; do
    if [[ "$with_candidate" != *" $p "* ]]; then
      fail "package '$p' has no installation candidate in Debian 12"
      pkg_ok=0
    fi
  done
  [ "$pkg_ok" -eq 1 ] && ok "all $(echo $runtime_packages $literal_packages $setup_packages \
    | wc -w) packages (runtime + setup-deps.sh) exist in Debian 12"
fi

if [ -z "$relay" ]; then
  skip "runtime libraries vs RUNTIME_PACKAGES: no relay binary given"
elif ! command -v readelf >/dev/null || ! command -v dpkg >/dev/null; then
  skip "runtime libraries vs RUNTIME_PACKAGES: readelf or dpkg missing"
elif readelf -d "$relay" | grep -qE 'NEEDED.*lib(a|ub|t)san'; then
  skip "runtime libraries vs RUNTIME_PACKAGES: sanitizer build (the image is not)"
else
  # Libraries every debian:12-slim image already has (libc6 is Essential).
  base_packages="libc6"
  lib_ok=1
  needed_packages=""
  ldd_out="$(ldd "$relay")"
  for soname in $(readelf -d "$relay" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path="$(printf '%s\n' "$ldd_out" | awk -v n="$soname" '$1 == n && $2 == "=>" { print $3 }')"
    pkg=""
    for candidate in "$path" "${path#/usr}" "/usr$path"; do
      [ -n "$candidate" ] || continue
      pkg="$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1)" && [ -n "$pkg" ] && break
    done
    needed_packages+=" $pkg"
    if [ -z "$pkg" ]; then
      fail "$soname (${path:-not found}) belongs to no Debian package"
      lib_ok=0
    elif [[ " $runtime_packages $base_packages " != *" $pkg "* ]]; then
      fail "$soname comes from $pkg, which RUNTIME_PACKAGES does not install"
      lib_ok=0
    fi
  done
  # The list should be exact: a package no NEEDED library comes from is dead
  # weight in the image (its own dependencies are pulled in by apt anyway).
  for p in $runtime_packages; do
    if [[ " $needed_packages " != *" $p "* ]]; then
      fail "RUNTIME_PACKAGES installs $p, but the relay needs no library from it"
      lib_ok=0
    fi
  done
  [ "$lib_ok" -eq 1 ] && ok "RUNTIME_PACKAGES is exactly the packages of the relay's NEEDED libraries"
fi

# --------------------------------------------------------------------------
section "README (deploy/README.md)"
grep -q 'access_log off;' "$readme" && ok "nginx example disables access logs" \
  || fail "README's reverse-proxy example must show 'access_log off;'"

echo
if [ "$failures" -gt 0 ]; then
  echo "deploy/check: $failures problem(s)"
  exit 1
fi
echo "deploy/check: all checks passed"
