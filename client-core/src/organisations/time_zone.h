// Wall-clock time in an organisation's IANA time zone ("Europe/Oslo"),
// from the system's time-zone database (Debian's tzdata, read through the
// date/tz library: GCC 12's <chrono> has no zone support). Opening hours
// are kept in local time, so that 9:00 stays 9:00 across a daylight-saving
// change (docs/organisations.md §9).
//
// Thread-safety: free functions, thread-safe (the database loads once).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega::client::org_time {

inline constexpr int kMinutesPerDay = 24 * 60;

struct LocalTime {
  int64_t day = 0;  // local calendar days since 1970-01-01
  int weekday = 1;  // 1 = Monday ... 7 = Sunday
  int minute = 0;   // minutes after local midnight, 0..1439
};

// "unknown time zone \"Mars/Olympus\"" for a name the database lacks.
Status CheckTimeZone(std::string_view zone);

Result<LocalTime> ToLocal(std::string_view zone, int64_t utc_ms);

// Which occurrence of a local time the clocks pass twice (fall back).
enum class Pass { kFirst, kSecond };

// The instant the local clock in `zone` shows `minute` (0..1440; 1440 is
// the next midnight) on local `day`. A time the clocks skip (spring
// forward) is the instant just after the gap; a time they pass twice
// (fall back) is its `pass` occurrence.
Result<int64_t> ToUtc(std::string_view zone, int64_t day, int minute, Pass pass = Pass::kFirst);

// 1 = Monday ... 7 = Sunday for a count of days since 1970-01-01 (a Thursday).
int WeekdayOf(int64_t day);

}  // namespace kollega::client::org_time
