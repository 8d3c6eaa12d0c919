// Case limits as both sides count them, on a manual clock
// (docs/organisations.md §10).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "organisations/case_ledger.h"

#include <gtest/gtest.h>

namespace kollega::client {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kStart = 1'800'000'000'000;

org::CaseLimit Conversations(uint32_t max) {
  org::CaseLimit limit;
  limit.set_max_conversations(max);
  return limit;
}

org::CaseLimit HoursOverWeeks(uint32_t minutes, uint32_t days) {
  org::CaseLimit limit;
  limit.set_max_support_minutes(minutes);
  limit.set_over_days(days);
  return limit;
}

// A conversation of `messages` messages `gap` apart, starting at `at`.
void Talk(CaseLedger& ledger, int64_t at, int messages, int64_t gap = 2 * kMinute) {
  for (int i = 0; i < messages; ++i) ledger.RecordMessage(at + i * gap);
}

TEST(CaseLedgerTest, TheFourthConversationIsTheLastAndTheThirdWarns) {
  CaseLedger ledger(Conversations(4), kStart);
  Talk(ledger, kStart, 6);
  Talk(ledger, kStart + 20 * kHour, 3);  // the same evening: still the first
  EXPECT_EQ(ledger.conversations(), 1u);
  EXPECT_EQ(ledger.Check(kStart + kDay).level, LimitLevel::kWithin);

  Talk(ledger, kStart + 3 * kDay, 4);
  EXPECT_EQ(ledger.conversations(), 2u);
  EXPECT_EQ(ledger.Check(kStart + 3 * kDay).level, LimitLevel::kWithin);

  Talk(ledger, kStart + 6 * kDay, 4);
  auto third = ledger.Check(kStart + 6 * kDay);
  EXPECT_EQ(third.level, LimitLevel::kNearing);
  EXPECT_EQ(third.reason, "3 of 4 conversations: one more is left");

  Talk(ledger, kStart + 9 * kDay, 2);
  auto fourth = ledger.Check(kStart + 9 * kDay);
  EXPECT_EQ(fourth.level, LimitLevel::kReached);
  EXPECT_EQ(fourth.conversations, 4u);
}

TEST(CaseLedgerTest, TheSilenceThatStartsAConversationComesFromThePolicy) {
  auto limit = Conversations(4);
  limit.set_new_conversation_after_minutes(60);
  CaseLedger ledger(limit, kStart);
  Talk(ledger, kStart, 2);
  ledger.RecordMessage(kStart + 59 * kMinute);
  EXPECT_EQ(ledger.conversations(), 1u);
  ledger.RecordMessage(kStart + 59 * kMinute + kHour);
  EXPECT_EQ(ledger.conversations(), 2u);
}

TEST(CaseLedgerTest, AHelperMayStartTheNextConversationExplicitly) {
  CaseLedger ledger(Conversations(4), kStart);
  Talk(ledger, kStart, 3);
  ledger.StartConversation();
  EXPECT_EQ(ledger.conversations(), 1u) << "counts from its first message";
  ledger.RecordMessage(kStart + 10 * kMinute);
  EXPECT_EQ(ledger.conversations(), 2u);
  ledger.RecordMessage(kStart + 11 * kMinute);
  EXPECT_EQ(ledger.conversations(), 2u);
}

TEST(CaseLedgerTest, SupportTimeIsEstimatedFromStretchesOfTalk) {
  CaseLedger ledger(HoursOverWeeks(240, 56), kStart);
  // Ten messages five minutes apart: 45 minutes plus 5 for the first.
  Talk(ledger, kStart, 10, 5 * kMinute);
  EXPECT_EQ(ledger.support_minutes(), 50u);
  // A lone message two hours later: a new stretch of 5 minutes.
  ledger.RecordMessage(kStart + 3 * kHour);
  EXPECT_EQ(ledger.support_minutes(), 55u);
  EXPECT_EQ(ledger.Check(kStart + 3 * kHour).level, LimitLevel::kWithin);
}

TEST(CaseLedgerTest, TheHelpersCorrectionCountsAndLaterTalkAddsToIt) {
  CaseLedger ledger(HoursOverWeeks(240, 56), kStart);
  Talk(ledger, kStart, 10, 5 * kMinute);
  ledger.SetSupportMinutes(180);  // a phone call the app did not see
  EXPECT_EQ(ledger.support_minutes(), 180u);
  auto nearing = ledger.Check(kStart + kDay);
  EXPECT_EQ(nearing.level, LimitLevel::kNearing);
  EXPECT_EQ(nearing.reason, "3 h of 4 h support");

  Talk(ledger, kStart + 2 * kDay, 12, 5 * kMinute);  // 55 + 5 minutes
  EXPECT_EQ(ledger.support_minutes(), 240u);
  auto reached = ledger.Check(kStart + 2 * kDay);
  EXPECT_EQ(reached.level, LimitLevel::kReached);
  EXPECT_EQ(reached.reason, "4 h of 4 h support: the time is used up");
}

TEST(CaseLedgerTest, TheWindowOfWeeksWarnsInItsLastQuarterAndThenEnds) {
  CaseLedger ledger(HoursOverWeeks(240, 56), kStart);
  ledger.RecordMessage(kStart);
  EXPECT_EQ(ledger.Check(kStart + 41 * kDay).level, LimitLevel::kWithin);
  auto late = ledger.Check(kStart + 42 * kDay);
  EXPECT_EQ(late.level, LimitLevel::kNearing);
  EXPECT_EQ(late.reason, "14 of the case's 56 days left");
  EXPECT_EQ(late.window_ends_ms, kStart + 56 * kDay);
  EXPECT_EQ(ledger.Check(kStart + 56 * kDay).level, LimitLevel::kReached);
}

TEST(CaseLedgerTest, NoLimitNeverWarns) {
  CaseLedger ledger(org::CaseLimit(), kStart);
  for (int i = 0; i < 50; ++i) Talk(ledger, kStart + i * 2 * kDay, 5);
  EXPECT_EQ(ledger.conversations(), 50u);
  EXPECT_EQ(ledger.Check(kStart + 365 * kDay).level, LimitLevel::kWithin);
}

TEST(CaseLedgerTest, AStoredLedgerCarriesOnWhereItStopped) {
  auto limit = HoursOverWeeks(240, 56);
  limit.set_max_conversations(4);
  CaseLedger first(limit, kStart);
  Talk(first, kStart, 4, 10 * kMinute);
  first.SetSupportMinutes(60);
  CaseLedger again(limit, first.state());
  Talk(first, kStart + 2 * kDay, 3);
  Talk(again, kStart + 2 * kDay, 3);
  EXPECT_EQ(again.conversations(), first.conversations());
  EXPECT_EQ(again.support_minutes(), first.support_minutes());
  EXPECT_EQ(again.conversations(), 2u);
}

TEST(CaseLedgerTest, AClockThatStepsBackCountsNoNegativeTime) {
  CaseLedger ledger(HoursOverWeeks(240, 56), kStart);
  ledger.RecordMessage(kStart + 10 * kMinute);
  ledger.RecordMessage(kStart);  // an earlier server time arriving late
  EXPECT_EQ(ledger.support_minutes(), 5u);
  EXPECT_EQ(ledger.conversations(), 1u);
}

}  // namespace
}  // namespace kollega::client
