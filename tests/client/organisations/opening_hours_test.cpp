// Opening hours evaluated in the organisation's own time zone, across a
// daylight-saving change and a time-zone boundary (docs/organisations.md §9).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "organisations/opening_hours.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include "organisations/time_zone.h"

namespace kollega::client {
namespace {

using namespace date::literals;

// Milliseconds since the epoch of a UTC civil time.
int64_t Utc(date::year_month_day day, int hour, int minute = 0) {
  auto at = date::sys_days(day) + std::chrono::hours(hour) + std::chrono::minutes(minute);
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

org::OpeningHours WeekdaysNineToThree(const std::string& zone) {
  org::OpeningHours hours;
  hours.set_time_zone(zone);
  for (uint32_t day = 1; day <= 5; ++day) {
    auto* interval = hours.add_open();
    interval->set_weekday(day);
    interval->set_start_minute(9 * 60);
    interval->set_end_minute(15 * 60);
  }
  (*hours.mutable_out_of_hours_notice())["da"] = "Telefonsvareren aflyttes næste hverdag.";
  (*hours.mutable_out_of_hours_notice())["en"] = "Heard the next weekday.";
  return hours;
}

TEST(OpeningHoursTest, OpenOnAFridayAfternoonUntilThreeLocalTime) {
  auto hours = WeekdaysNineToThree("Europe/Copenhagen");
  // Friday 2027-03-26, 14:59 in Copenhagen (CET, UTC+1).
  auto state = EvaluateOpeningHours(hours, Utc(2027_y / 3 / 26, 13, 59));
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_TRUE(state->open);
  EXPECT_EQ(state->changes_at_ms, Utc(2027_y / 3 / 26, 14, 0));
}

TEST(OpeningHoursTest, ClosedOverAWeekendWithADaylightSavingChange) {
  auto hours = WeekdaysNineToThree("Europe/Copenhagen");
  // Friday 15:00 CET: closed until Monday 9:00, which after the change on
  // Sunday 2027-03-28 is CEST (UTC+2): 07:00 UTC, not 08:00.
  auto state = EvaluateOpeningHours(hours, Utc(2027_y / 3 / 26, 14, 0));
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->open);
  EXPECT_EQ(state->changes_at_ms, Utc(2027_y / 3 / 29, 7, 0));
  // And Monday 8:59 local is still closed, 9:00 local open.
  EXPECT_FALSE(EvaluateOpeningHours(hours, Utc(2027_y / 3 / 29, 6, 59))->open);
  EXPECT_TRUE(EvaluateOpeningHours(hours, Utc(2027_y / 3 / 29, 7, 0))->open);
}

TEST(OpeningHoursTest, TheSameInstantIsOpenInNuukAndClosedInCopenhagen) {
  // Friday 2027-01-15 16:30 UTC: 17:30 in Copenhagen, 14:30 in Nuuk (UTC-2).
  int64_t now = Utc(2027_y / 1 / 15, 16, 30);
  auto copenhagen = EvaluateOpeningHours(WeekdaysNineToThree("Europe/Copenhagen"), now);
  auto nuuk = EvaluateOpeningHours(WeekdaysNineToThree("America/Nuuk"), now);
  ASSERT_TRUE(copenhagen.ok());
  ASSERT_TRUE(nuuk.ok()) << nuuk.status().ToString();
  EXPECT_FALSE(copenhagen->open);
  EXPECT_TRUE(nuuk->open);
  EXPECT_EQ(nuuk->changes_at_ms, Utc(2027_y / 1 / 15, 17, 0));
  // Copenhagen opens again on Monday 2027-01-18 at 9:00 CET.
  EXPECT_EQ(copenhagen->changes_at_ms, Utc(2027_y / 1 / 18, 8, 0));
}

TEST(OpeningHoursTest, HoursRunningPastMidnightCloseOnTheNextDay) {
  org::OpeningHours hours;
  hours.set_time_zone("Europe/Oslo");
  auto* friday = hours.add_open();
  friday->set_weekday(5);
  friday->set_start_minute(20 * 60);
  friday->set_end_minute(24 * 60);
  auto* saturday = hours.add_open();
  saturday->set_weekday(6);
  saturday->set_start_minute(0);
  saturday->set_end_minute(2 * 60);
  // Friday 2027-01-15 21:00 in Oslo (UTC+1).
  auto state = EvaluateOpeningHours(hours, Utc(2027_y / 1 / 15, 20, 0));
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->open);
  EXPECT_EQ(state->changes_at_ms, Utc(2027_y / 1 / 16, 1, 0));
}

TEST(OpeningHoursTest, WithoutHoursAlwaysOpenAndWithoutIntervalsNeverOpen) {
  auto always = EvaluateOpeningHours(org::OpeningHours(), Utc(2027_y / 1 / 15, 3, 0));
  ASSERT_TRUE(always.ok());
  EXPECT_TRUE(always->open);
  EXPECT_EQ(always->changes_at_ms, 0);

  org::OpeningHours closed;
  closed.set_time_zone("Europe/Amsterdam");
  auto never = EvaluateOpeningHours(closed, Utc(2027_y / 1 / 15, 12, 0));
  ASSERT_TRUE(never.ok());
  EXPECT_FALSE(never->open);
  EXPECT_EQ(never->changes_at_ms, 0);
}

TEST(OpeningHoursTest, AnUnknownTimeZoneIsAClearError) {
  auto state = EvaluateOpeningHours(WeekdaysNineToThree("Mars/Olympus_Mons"), 0);
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.status().message().find("unknown time zone \"Mars/Olympus_Mons\""),
            std::string::npos)
      << state.status().ToString();
  EXPECT_FALSE(org_time::CheckTimeZone("").ok());
  EXPECT_TRUE(org_time::CheckTimeZone("Europe/Amsterdam").ok());
}

TEST(OpeningHoursTest, LocalTimesTheClocksSkipOrRepeat) {
  auto spring = date::sys_days(2027_y / 3 / 28).time_since_epoch();
  int64_t day = std::chrono::duration_cast<date::days>(spring).count();
  // 02:30 does not exist in Copenhagen on 2027-03-28: the gap ends at 01:00 UTC.
  EXPECT_EQ(*org_time::ToUtc("Europe/Copenhagen", day, 150), Utc(2027_y / 3 / 28, 1, 0));
  // 02:30 happens twice on 2027-10-31: the first time is 00:30 UTC (CEST).
  auto autumn = date::sys_days(2027_y / 10 / 31).time_since_epoch();
  int64_t autumn_day = std::chrono::duration_cast<date::days>(autumn).count();
  EXPECT_EQ(*org_time::ToUtc("Europe/Copenhagen", autumn_day, 150), Utc(2027_y / 10 / 31, 0, 30));
  auto local = org_time::ToLocal("Europe/Copenhagen", Utc(2027_y / 10 / 31, 1, 30));
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->weekday, 7);
  EXPECT_EQ(local->minute, 150);  // the second 02:30, now CET
}

TEST(OpeningHoursTest, InTheRepeatedHourTheChangeComesAtItsSecondPass) {
  // Sundays 01:00-02:30 in Copenhagen; on 2027-10-31 the clocks go from
  // 03:00 CEST back to 02:00 CET. At 02:00 CET (01:00 UTC) the first
  // 02:30 (00:30 UTC) is over: it closes at the second (01:30 UTC).
  org::OpeningHours hours;
  hours.set_time_zone("Europe/Copenhagen");
  auto* sunday = hours.add_open();
  sunday->set_weekday(7);
  sunday->set_start_minute(60);
  sunday->set_end_minute(150);
  auto state = EvaluateOpeningHours(hours, Utc(2027_y / 10 / 31, 1, 0));
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->open);
  EXPECT_EQ(state->changes_at_ms, Utc(2027_y / 10 / 31, 1, 30));
  // In the first pass it still closes at the first 02:30.
  auto first = EvaluateOpeningHours(hours, Utc(2027_y / 10 / 31, 0, 10));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->open);
  EXPECT_EQ(first->changes_at_ms, Utc(2027_y / 10 / 31, 0, 30));
}

TEST(OpeningHoursTest, TheNoticeComesInTheSeekersLanguageElseEnglish) {
  auto hours = WeekdaysNineToThree("Europe/Copenhagen");
  EXPECT_EQ(OutOfHoursNotice(hours, "da"), "Telefonsvareren aflyttes næste hverdag.");
  EXPECT_EQ(OutOfHoursNotice(hours, "kl"), "Heard the next weekday.");
  EXPECT_EQ(OutOfHoursNotice(org::OpeningHours(), "da"), "");
}

}  // namespace
}  // namespace kollega::client
