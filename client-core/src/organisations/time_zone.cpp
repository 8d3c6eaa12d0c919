// SPDX-License-Identifier: GPL-3.0-or-later
#include "organisations/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <string>

namespace kollega::client::org_time {
namespace {

// The library reports a missing zone by throwing; nothing outside this file
// sees an exception.
const date::time_zone* Find(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return nullptr;
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;
  }
}

Status Unknown(std::string_view zone) {
  return InvalidArgument("unknown time zone \"" + std::string(zone.substr(0, 64)) + "\"");
}

}  // namespace

int WeekdayOf(int64_t day) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (day + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

Status CheckTimeZone(std::string_view zone) { return Find(zone) ? Status::Ok() : Unknown(zone); }

Result<LocalTime> ToLocal(std::string_view zone, int64_t utc_ms) {
  const date::time_zone* tz = Find(zone);
  if (!tz) return Unknown(zone);
  using std::chrono::floor;
  auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(utc_ms));
  auto local = tz->to_local(instant);
  auto local_day = floor<date::days>(local);
  LocalTime out;
  out.day = local_day.time_since_epoch().count();
  out.weekday = WeekdayOf(out.day);
  out.minute = static_cast<int>(floor<std::chrono::minutes>(local - local_day).count());
  return out;
}

Result<int64_t> ToUtc(std::string_view zone, int64_t day, int minute, Pass pass) {
  const date::time_zone* tz = Find(zone);
  if (!tz) return Unknown(zone);
  if (minute < 0 || minute > kMinutesPerDay) return InvalidArgument("minute out of range");
  auto local = date::local_days(date::days(day)) + std::chrono::minutes(minute);
  // to_sys with a choose never throws: a skipped time maps to the end of
  // the gap, a repeated one to the occurrence chosen.
  auto utc =
      tz->to_sys(local, pass == Pass::kFirst ? date::choose::earliest : date::choose::latest);
  return static_cast<int64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(utc.time_since_epoch()).count());
}

}  // namespace kollega::client::org_time
