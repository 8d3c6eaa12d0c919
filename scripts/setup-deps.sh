#!/usr/bin/env bash
# Installs every Debian 12 package Kollega needs to build, test and run.
# Idempotent: packages already present are left alone. Run as root (or with
# sudo available) after `apt-get update` has a chance to run.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev
  librocksdb-dev rocksdb-tools
  libprotobuf-dev protobuf-compiler
  libsignal-protocol-c-dev
  libssl-dev openssl curl
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 systemd
  # organisations: opening hours in the organisation's time zone (org/),
  # and the card's QR code printed by kollega-admin
  libhowardhinnant-date-dev tzdata libqrencode-dev
  # scripts/fuzz.sh: clang and its libFuzzer/sanitizer runtimes
  clang libclang-rt-14-dev
  # deploy/boot-check.sh boots the systemd unit in a Debian container
  debootstrap systemd-container
  # apps/desktop (kollega-desktop): Qt 6 Quick with Qt Quick Controls, the
  # translation tools (lrelease at build time), and a font and GL headers so
  # the tests and scripts/screenshots.sh render offscreen (docs/desktop.md)
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libgl-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
  fonts-dejavu-core
  # kollega-desktop: reading an organisation card's QR code from an image
  # (chosen with QtQuick.Dialogs' FileDialog, whose Qt Quick fallback lists
  # folders with Qt.labs.folderlistmodel)
  libzbar-dev qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
