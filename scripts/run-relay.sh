#!/usr/bin/env bash
# Installs what Kollega needs, builds kollega-relay, and starts it on its
# embedded RocksDB default: data in ./data, listening on 127.0.0.1:8420.
# Extra arguments go to the relay (see `kollega-relay --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target kollega-relay -j "$(nproc)"
mkdir -p data
exec ./build/server/kollega-relay --listen 127.0.0.1 --port 8420 --data-dir ./data "$@"
