// Giving freed heap back to the system after a peak of connections.
//
// glibc keeps memory freed by closed sessions in its arenas, so without help
// the relay's resident size stays at its highest point after a burst of
// connections ends (measured: 69 MiB -> 137 MiB with 10,000 connections,
// still 137 MiB after they closed). The relay checks its connection count
// periodically and, when many have closed since the last high-water mark,
// asks the allocator to return what it can (malloc_trim).
//
// Thread-safety: TrimPolicy is used from one timer callback at a time.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace kollega::server {

class TrimPolicy {
 public:
  // Fewer closed connections than this are not worth a trim.
  static constexpr int64_t kMinDrop = 64;

  // Called at each check with the current number of connections. True when
  // at least kMinDrop connections, and at least half of the high-water mark,
  // have gone since the last trim (the mark then restarts from `now`).
  bool ShouldTrim(int64_t connections);

 private:
  int64_t high_water_ = 0;
};

// Returns free heap memory to the system; true if any was released.
bool TrimFreeMemory();

}  // namespace kollega::server
