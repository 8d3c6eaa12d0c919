#!/usr/bin/env bash
# A/B comparison of relay builds with kollega-loadgen, interleaved: every
# round runs each build once, in turn (reversed every other round), so a
# noisy minute on a shared machine hits all of them alike. Prints one line
# per run, labelled with its build.
#
#   bench/ab.sh [options] (--open RATE | --closed | --sweep) SPEC [SPEC...]
#
# SPEC is a relay binary, optionally followed by relay arguments after
# commas: build/server/kollega-relay,--threads=1
#
# Options:
#   --rounds N          rounds (default 3)
#   --placement P       pin (default), share or pin-client: where the load
#                       generator and the relay run (see kollega-loadgen --help)
#   --connections N     connections (default 256)
#   --duration S        seconds measured per run (default 10)
#   --warmup S          seconds before measuring (default 2)
#   --loadgen PATH      kollega-loadgen (default: build/bench/kollega-loadgen)
#   --tls               over TLS (kollega-loadgen --tls)
#
# Modes:
#   --open RATE   relay only, open loop at RATE messages/s: compare the CPU
#                 per message ("srv us/msg") at equal rates, and the p99
#   --closed      relay only, closed loop: the peak
#   --sweep       the full comparison against the bare echo (5 closed-loop
#                 pairs, then 5 open-loop runs at half of the relay's peak)
#
# Do not run it while anything else on the machine compiles or benchmarks.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
loadgen="$root/build/bench/kollega-loadgen"
rounds=3 placement=pin connections=256 duration=10 warmup=2 mode="" rate="" tls=()
specs=()

usage() {
  sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --placement) placement="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --loadgen) loadgen="$2"; shift 2 ;;
    --tls) tls=(--tls); shift ;;
    --open) mode=open; rate="$2"; shift 2 ;;
    --closed) mode=closed; shift ;;
    --sweep) mode=sweep; shift ;;
    -h|--help) usage ;;
    -*) echo "ab.sh: unknown option $1" >&2; usage ;;
    *) specs+=("$1"); shift ;;
  esac
done
[[ -n "$mode" && ${#specs[@]} -gt 0 ]] || usage
[[ -x "$loadgen" ]] || { echo "ab.sh: no load generator at $loadgen (build first)" >&2; exit 2; }

case "$placement" in
  pin) place=(--pin) ;;
  pin-client) place=(--pin-client) ;;
  share) place=() ;;
  *) echo "ab.sh: --placement is pin, share or pin-client" >&2; exit 2 ;;
esac

run_one() {
  local spec="$1" bin args=() part parts
  IFS=',' read -r -a parts <<<"$spec"
  bin="${parts[0]}"
  for part in "${parts[@]:1}"; do args+=(--relay-arg "$part"); done
  local common=(--relay-bin "$bin" "${args[@]}" "${place[@]}" --connections "$connections"
                --warmup "$warmup" --duration "$duration" --no-metrics "${tls[@]}")
  local out rows
  case "$mode" in
    open) out=$("$loadgen" "${common[@]}" --only relay --rate "$rate" --no-half-peak 2>&1) || true
          rows=$(grep -E '^relay  |own send lag' <<<"$out" | tr -s ' ' | paste -sd' ') ;;
    closed) out=$("$loadgen" "${common[@]}" --only relay --no-half-peak 2>&1) || true
            rows=$(grep -E '^relay  ' <<<"$out" | tr -s ' ') ;;
    sweep) out=$("$loadgen" "${common[@]}" --closed-repeats 5 --open-repeats 5 2>&1) || true
           rows=$'\n'$(grep -E 'over 5' <<<"$out") ;;
  esac
  # A run that measured nothing says why instead of printing an empty row.
  if [[ -z "${rows//[$'\n ']/}" ]]; then
    local why
    why=$(grep -E '^(relay|echo server): |^  \| |error|DIED' <<<"$out" | head -n 3 | paste -sd' ')
    rows="no result: ${why:-$(tail -n 2 <<<"$out" | paste -sd' ')}"
  fi
  echo "$rows"
}

for spec in "${specs[@]}"; do
  bin="${spec%%,*}"
  [[ -x "$bin" ]] || { echo "ab.sh: $bin is not executable" >&2; exit 2; }
done

if [[ "$mode" == open || "$mode" == closed ]]; then
  echo "build | server conns mode msgs/s p50 p99 max errors srv-cpu gen-cpu srv-us/msg"
fi
# Every other round runs the builds in reverse order (A B, B A, ...): the
# second run of a round measured consistently worse than the first on the
# development VM, whichever build it was (docs/performance.md, "Method": comparing builds).
for ((i = 1; i <= rounds; i++)); do
  order=("${specs[@]}")
  if ((i % 2 == 0)); then
    order=()
    for ((k = ${#specs[@]} - 1; k >= 0; k--)); do order+=("${specs[k]}"); done
  fi
  for spec in "${order[@]}"; do
    echo "$spec | $(run_one "$spec")"
  done
done
