#!/usr/bin/env bash
# Installs what Kollega needs, builds it, and runs every test.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-asan/
#   scripts/test.sh -L relay     extra arguments go to ctest (here: one area)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=()
ctest_args=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) build_dir=build-asan; cmake_args+=(-DKOLLEGA_SANITIZE=ON -DKOLLEGA_BUILD_BENCH=OFF) ;;
    *) ctest_args+=("$arg") ;;
  esac
done

./scripts/setup-deps.sh
jobs=$(nproc)
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}"
cmake --build "$build_dir" -j "$jobs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 300 "${ctest_args[@]}"
