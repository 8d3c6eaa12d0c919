// Whether an organisation is open now, and when that next changes
// (docs/organisations.md §9): what a seeker sees before sending ("open
// until 15:00", or the out-of-hours notice and when replies can be
// expected). Messages are queued and delivered either way; opening hours
// only set expectations.
//
// Thread-safety: free functions, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "organisation.pb.h"

namespace kollega::client {

struct OpeningState {
  bool open = true;
  // When it next opens (closed) or closes (open); 0 when it never changes
  // (no hours set: always open; hours set but no interval: never open).
  int64_t changes_at_ms = 0;
};

// Intervals are local times in hours.time_zone; an organisation without
// intervals and without a time zone is always open.
Result<OpeningState> EvaluateOpeningHours(const org::OpeningHours& hours, int64_t now_ms);

// Of an organisation's texts keyed by language: the one in `language`,
// else English, else any (the smallest key, the same one every time: a
// map's order is not stable); empty when none.
std::string InLanguage(const google::protobuf::Map<std::string, std::string>& texts,
                       std::string_view language);

// The out-of-hours notice, by InLanguage.
inline std::string OutOfHoursNotice(const org::OpeningHours& hours, std::string_view language) {
  return InLanguage(hours.out_of_hours_notice(), language);
}

}  // namespace kollega::client
