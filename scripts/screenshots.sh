#!/usr/bin/env bash
# Renders each screen of kollega-desktop in each language, offscreen, to
# docs/screenshots/<screen>-<lang>.png (committed, so that a reviewer sees
# the app without building it). The screens show made-up example rows; no
# store is opened and no relay is needed. Needs the packages of
# scripts/setup-deps.sh; pass a build directory to use another (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target kollega-desktop
out=docs/screenshots
mkdir -p "$out"
QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
  "./$build/apps/desktop/kollega-desktop" --screenshots "$out"
# Fewer colours, same look: keeps the committed files small.
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --ext .png --quality 70-95 "$out"/*.png || true
fi
ls -l "$out"
