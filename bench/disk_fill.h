// The disk-full run's client (bench/disk_full.sh mounts the small
// filesystem and calls it): starts the relay with its data directory there,
// sends until the relay answers STORAGE_FULL, reads back everything it
// accepted and compares it byte for byte, deletes the ballast file to free
// space, and checks that sends are accepted again by the same relay process
// (docs/performance.md, "Disk full").
//
// Runs on the calling thread (plus one Loop thread of its own); returns the
// process exit code: 0 when every check held.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "attack_flags.h"

namespace kollega::bench {

int RunDiskFill(const SoakFlags& flags);

}  // namespace kollega::bench
