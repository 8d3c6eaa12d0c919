// SignupGuard on a manual clock: the difficulty rises one bit per doubling
// of the sign-up rate over the base, is capped, and falls back as the rate
// calms; the per-source allowance is per address.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "signup_guard.h"

#include <gtest/gtest.h>

namespace kollega::server {
namespace {

TEST(SignupGuardTest, DifficultyRisesWithTheRateAndFallsBack) {
  ManualClock clock;
  SignupGuard guard(&clock, {.base_bits = 20, .base_rate = 10, .max_extra_bits = 4});
  EXPECT_EQ(guard.PowBits(), 20u);
  for (int i = 0; i < 10; ++i) guard.RecordAttempt();
  EXPECT_EQ(guard.PowBits(), 20u);  // at the base rate: no rise
  guard.RecordAttempt();
  EXPECT_EQ(guard.PowBits(), 21u);  // over it
  for (int i = 0; i < 10; ++i) guard.RecordAttempt();
  EXPECT_EQ(guard.PowBits(), 22u);  // 21/min: more than double
  for (int i = 0; i < 200; ++i) guard.RecordAttempt();
  EXPECT_EQ(guard.PowBits(), 24u);  // 221/min would be +5: capped at +4

  // Calm: the sliding minute forgets the storm within two windows.
  clock.Advance(115'000);  // 5 s of the storm's minute left in the slide
  EXPECT_LT(guard.PowBits(), 24u);
  EXPECT_GT(guard.PowBits(), 20u);
  clock.Advance(60'000);
  EXPECT_EQ(guard.PowBits(), 20u);
}

TEST(SignupGuardTest, EachSourceHasItsOwnAllowance) {
  ManualClock clock;
  SignupGuard guard(&clock, {.source_rate = 2});
  const std::string a("\x7f\x00\x00\x01", 4), b("\x7f\x00\x00\x02", 4);
  int64_t retry = 0;
  EXPECT_TRUE(guard.SourceAllows(a, &retry));
  EXPECT_TRUE(guard.SourceAllows(a, &retry));
  EXPECT_FALSE(guard.SourceAllows(a, &retry));
  EXPECT_NEAR(retry, 1'800'000, 10);  // one sign-up per half hour at 2 an hour
  EXPECT_TRUE(guard.SourceAllows(b, &retry));
  clock.Advance(1'800'010);
  EXPECT_TRUE(guard.SourceAllows(a, &retry));
}

}  // namespace
}  // namespace kollega::server
