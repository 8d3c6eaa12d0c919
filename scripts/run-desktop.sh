#!/usr/bin/env bash
# Installs what Kollega needs (with Qt 6), builds kollega-desktop and starts it.
#   ./scripts/run-desktop.sh                 a local relay for trying it out
#                                            (port 8420, data in ./data-desktop-relay)
#   ./scripts/run-desktop.sh --relay URL     the relay at URL (ws:// or wss://)
# Other arguments go to kollega-desktop (--data-dir DIR, --language da|nb|nl|en);
# by default it opens the same store as the `kollega` CLI (docs/desktop.md).
set -euo pipefail
cd "$(dirname "$0")/.."

relay=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --relay) relay="$2"; shift 2 ;;
    --relay=*) relay="${1#--relay=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

./scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=(kollega-desktop)
[ -z "$relay" ] && targets+=(kollega-relay)
cmake --build build -j "$(nproc)" --target "${targets[@]}"

if [ -z "$relay" ]; then
  mkdir -p data-desktop-relay
  ./build/server/kollega-relay --listen 127.0.0.1 --port 8420 \
    --data-dir ./data-desktop-relay &
  relay_pid=$!
  trap 'kill "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true' EXIT
  relay="ws://127.0.0.1:8420"
  sleep 1
fi
./build/apps/desktop/kollega-desktop --relay "$relay" "${args[@]}"
