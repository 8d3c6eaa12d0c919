#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, docs/fuzzing.md) with clang under
# ASan/UBSan in build-fuzz/, and runs each on a copy of its seed corpus.
#   scripts/fuzz.sh [seconds-per-target]   run every target (default 30 s)
#   scripts/fuzz.sh --regenerate           rewrite fuzz/corpus/ from make_corpus
# Environment: FUZZ_TARGETS="a b" runs only those; FUZZ_WORK=DIR keeps the
# grown corpora there (default build-fuzz/fuzz-work, wiped at each run).
# Fails on any crash, leak, UBSan report or timeout; prints executions per
# target. A crashing input is kept in build-fuzz/fuzz-artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
regenerate=0
case "${1:-}" in
  --regenerate) regenerate=1 ;;
  "") ;;
  *[!0-9]*) echo "usage: $0 [seconds-per-target | --regenerate]" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac

all_targets=(relay_dispatch_fuzzer http_request_fuzzer client_envelope_fuzzer device_list_fuzzer
             provisioning_fuzzer storage_codec_fuzzer org_fuzzer)
read -r -a targets <<< "${FUZZ_TARGETS:-${all_targets[*]}}"

./scripts/setup-deps.sh
build=build-fuzz
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
start=$(date +%s)
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKOLLEGA_FUZZ=ON -DKOLLEGA_BUILD_TESTS=OFF -DKOLLEGA_BUILD_BENCH=OFF \
  -DKOLLEGA_ASSERT_STATUS_CHECKED=ON > /dev/null
if [ "$regenerate" -eq 1 ]; then
  cmake --build "$build" -j "$(nproc)" --target make_corpus
  # In place: make_corpus keeps its few random seeds and removes stale ones.
  "$build/fuzz/make_corpus" fuzz/corpus
  du -sh fuzz/corpus
  exit 0
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
echo "fuzz: build took $(( $(date +%s) - start )) s"

work=${FUZZ_WORK:-$build/fuzz-work}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
total=0
failed=()
for t in "${targets[@]}"; do
  corpus=$work/$t
  artifacts=$build/fuzz-artifacts/$t/
  if [ -z "${FUZZ_WORK:-}" ]; then rm -rf "$corpus"; fi
  mkdir -p "$corpus" "$artifacts"
  # An empty or missing seed directory is no error: the fuzzer starts bare.
  if [ -d fuzz/corpus/"$t" ] && [ -n "$(ls -A fuzz/corpus/"$t")" ]; then
    cp -n fuzz/corpus/"$t"/* "$corpus"/
  fi
  log=$build/fuzz-artifacts/$t.log
  status=0
  "$build/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  runs=${runs:-0}
  total=$(( total + runs ))
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $status) after $runs executions; log $log:"
    tail -n 60 "$log"
  else
    echo "fuzz: $t: $runs executions in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs"
  fi
done
echo "fuzz: $total executions in total"
if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzz: crashes in ${failed[*]}" >&2
  exit 1
fi
