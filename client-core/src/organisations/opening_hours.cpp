// SPDX-License-Identifier: GPL-3.0-or-later
#include "organisations/opening_hours.h"

#include <algorithm>
#include <optional>

#include "organisations/time_zone.h"

namespace kollega::client {
namespace {

using org_time::kMinutesPerDay;

// A week and a day covers every weekly pattern, whatever today is.
constexpr int kDaysAhead = 8;

bool IsOpenAt(const org::OpeningHours& hours, int weekday, int minute) {
  for (const auto& interval : hours.open()) {
    if (static_cast<int>(interval.weekday()) == weekday &&
        static_cast<int>(interval.start_minute()) <= minute &&
        minute < static_cast<int>(interval.end_minute())) {
      return true;
    }
  }
  return false;
}

// The first local minute at or after (day, minute) where being open flips
// from `open_now`; intervals may touch across midnight (Mon 0-1440, Tue 0-600).
std::optional<std::pair<int64_t, int>> NextFlip(const org::OpeningHours& hours, int64_t day,
                                                int minute, bool open_now) {
  for (int64_t d = day; d <= day + kDaysAhead; ++d) {
    int weekday = org_time::WeekdayOf(d);
    // Candidate boundaries in this day, ascending.
    int best = kMinutesPerDay + 1;
    for (const auto& interval : hours.open()) {
      if (static_cast<int>(interval.weekday()) != weekday) continue;
      for (int edge :
           {static_cast<int>(interval.start_minute()), static_cast<int>(interval.end_minute())}) {
        if ((d == day && edge <= minute) || edge >= best) continue;
        bool after = edge < kMinutesPerDay ? IsOpenAt(hours, weekday, edge)
                                           : IsOpenAt(hours, org_time::WeekdayOf(d + 1), 0);
        if (after != open_now) best = edge;
      }
    }
    // Midnight is a boundary too when one day's hours end where the next
    // day's begin, or do not.
    if (best > kMinutesPerDay) {
      bool next_day_open = IsOpenAt(hours, org_time::WeekdayOf(d + 1), 0);
      if (next_day_open != open_now) best = kMinutesPerDay;
    }
    if (best <= kMinutesPerDay) return std::make_pair(d, best);
  }
  return std::nullopt;
}

}  // namespace

Result<OpeningState> EvaluateOpeningHours(const org::OpeningHours& hours, int64_t now_ms) {
  OpeningState state;
  if (hours.open_size() == 0 && hours.time_zone().empty()) return state;
  KOLLEGA_ASSIGN_OR_RETURN(org_time::LocalTime local, org_time::ToLocal(hours.time_zone(), now_ms));
  state.open = IsOpenAt(hours, local.weekday, local.minute);
  auto flip = NextFlip(hours, local.day, local.minute, state.open);
  if (!flip) return state;
  KOLLEGA_ASSIGN_OR_RETURN(state.changes_at_ms,
                           org_time::ToUtc(hours.time_zone(), flip->first, flip->second));
  // In the hour a fall-back change repeats, the first pass of the change's
  // local time may be over already: the change comes at the second.
  if (state.changes_at_ms <= now_ms) {
    KOLLEGA_ASSIGN_OR_RETURN(
        state.changes_at_ms,
        org_time::ToUtc(hours.time_zone(), flip->first, flip->second, org_time::Pass::kSecond));
  }
  return state;
}

std::string InLanguage(const google::protobuf::Map<std::string, std::string>& texts,
                       std::string_view language) {
  if (auto it = texts.find(std::string(language)); it != texts.end()) return it->second;
  if (auto it = texts.find("en"); it != texts.end()) return it->second;
  if (texts.empty()) return {};
  auto first = std::min_element(texts.begin(), texts.end(),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
  return first->second;
}

}  // namespace kollega::client
