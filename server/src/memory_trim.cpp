// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory_trim.h"

#include <malloc.h>

#include <algorithm>

namespace kollega::server {

bool TrimPolicy::ShouldTrim(int64_t connections) {
  high_water_ = std::max(high_water_, connections);
  const int64_t dropped = high_water_ - connections;
  if (dropped < kMinDrop || dropped * 2 < high_water_) return false;
  high_water_ = connections;
  return true;
}

bool TrimFreeMemory() { return ::malloc_trim(0) != 0; }

}  // namespace kollega::server
