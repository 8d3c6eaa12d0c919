// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/status.h"

#include <gtest/gtest.h>

#include "kollega/base/hex.h"

namespace kollega {
namespace {

Result<int> Half(int v) {
  if (v % 2) return InvalidArgument("odd");
  return v / 2;
}

Status Chain(int v) {
  KOLLEGA_RETURN_IF_ERROR(Half(v).status());
  return Status::Ok();
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = NotFound("no such account");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "NotFound: no such account");
  EXPECT_EQ(Status::Ok().ToString(), "OK");
}

TEST(StatusTest, ResultHoldsValueOrError) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Chain(2).ok());
  EXPECT_EQ(Chain(1).code(), StatusCode::kInvalidArgument);
}

TEST(HexTest, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(ToHex(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(FromHex("00FF10"), std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(FromHex("abc").has_value());
  EXPECT_FALSE(FromHex("zz").has_value());
}

}  // namespace
}  // namespace kollega
