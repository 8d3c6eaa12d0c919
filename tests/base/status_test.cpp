// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

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

// KOLLEGA_ASSIGN_OR_RETURN into a declaration and into an lvalue, in a
// function returning Status.
Status QuarterInto(int v, int* out) {
  KOLLEGA_ASSIGN_OR_RETURN(int half, Half(v));
  KOLLEGA_ASSIGN_OR_RETURN(*out, Half(half));
  return Status::Ok();
}

// The same in a function returning a Result of another type.
Result<std::string> QuarterText(int v) {
  int half = 0;
  KOLLEGA_ASSIGN_OR_RETURN(half, Half(v));
  KOLLEGA_ASSIGN_OR_RETURN(auto quarter, Half(half));
  return std::to_string(quarter);
}

Result<std::unique_ptr<int>> Boxed(int v) {
  if (v < 0) return InvalidArgument("negative");
  return std::make_unique<int>(v);
}

// A move-only value must be moved out, not copied.
Result<int> Unbox(int v) {
  KOLLEGA_ASSIGN_OR_RETURN(std::unique_ptr<int> box, Boxed(v));
  return *box + 1;
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = NotFound("no such account");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "no such account");
  EXPECT_EQ(s.ToString(), "NotFound: no such account");
  EXPECT_EQ(Status::Ok().ToString(), "OK");
}

TEST(StatusTest, ResultHoldsValueOrError) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  EXPECT_TRUE(ok.status().ok());
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Chain(2).ok());
  EXPECT_EQ(Chain(1).code(), StatusCode::kInvalidArgument);
}

TEST(StatusTest, AssignOrReturnInFunctionReturningStatus) {
  int out = -1;
  EXPECT_TRUE(QuarterInto(8, &out).ok());
  EXPECT_EQ(out, 2);

  out = -1;
  Status first = QuarterInto(3, &out);  // fails at the declaration
  EXPECT_EQ(first.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(first.message(), "odd");
  EXPECT_EQ(out, -1);

  Status second = QuarterInto(6, &out);  // fails at the lvalue: 6 -> 3 -> odd
  EXPECT_EQ(second.ToString(), "InvalidArgument: odd");
  EXPECT_EQ(out, -1);
}

TEST(StatusTest, AssignOrReturnInFunctionReturningResult) {
  auto ok = QuarterText(12);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "3");

  auto at_lvalue = QuarterText(5);
  ASSERT_FALSE(at_lvalue.ok());
  EXPECT_EQ(at_lvalue.status().ToString(), "InvalidArgument: odd");

  auto at_declaration = QuarterText(10);  // 10 -> 5 -> odd
  ASSERT_FALSE(at_declaration.ok());
  EXPECT_EQ(at_declaration.status().code(), StatusCode::kInvalidArgument);
}

TEST(StatusTest, AssignOrReturnMovesMoveOnlyValues) {
  auto ok = Unbox(41);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 42);
  auto bad = Unbox(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "InvalidArgument: negative");
}

#ifdef KOLLEGA_ASSERT_STATUS_CHECKED

// Each of these is a look; none may abort.
TEST(CheckedStatusTest, EveryAccessorCountsAsALook) {
  {
    Status s = NotFound("a");
    EXPECT_FALSE(s.ok());
  }
  {
    Status s = NotFound("b");
    EXPECT_EQ(s.code(), StatusCode::kNotFound);
  }
  {
    Status s = NotFound("c");
    EXPECT_EQ(s.message(), "c");
  }
  {
    Status s = NotFound("d");
    EXPECT_FALSE(s.ToString().empty());
  }
  {
    Status s = NotFound("e");
    s.IgnoreError();
  }
  {
    Status s;
    EXPECT_TRUE(s.ok());
  }
  EXPECT_TRUE(Chain(2).ok());
  Chain(1).IgnoreError();
}

TEST(CheckedStatusDeathTest, UncheckedErrorAbortsWithCodeAndMessage) {
  EXPECT_DEATH({ Status s = NotFound("no such account"); },
               "destroyed without being checked.*NotFound: no such account");
}

TEST(CheckedStatusDeathTest, UncheckedOkStatusAborts) {
  // As in RocksDB: a caller that never looks at an OK status would not look
  // at an error either.
  EXPECT_DEATH({ Status s = Chain(2); }, "destroyed without being checked.*: OK");
}

TEST(CheckedStatusDeathTest, CopyAndMoveHandTheDutyOn) {
  {
    Status original = NotFound("copied");
    Status copy = original;  // `original` now counts as looked at
    EXPECT_FALSE(copy.ok());
    Status moved = std::move(copy);
    moved.IgnoreError();
  }
  EXPECT_DEATH(
      {
        Status original = NotFound("copied");
        EXPECT_FALSE(original.ok());
        Status copy = original;
      },
      "NotFound: copied");
  EXPECT_DEATH(
      {
        Status original = NotFound("moved");
        EXPECT_FALSE(original.ok());
        Status moved = std::move(original);
      },
      "NotFound: moved");
}

TEST(CheckedStatusDeathTest, OverwritingAnUncheckedErrorAborts) {
  {
    Status s;  // an unchecked OK may be overwritten: nothing is lost
    s = Internal("later");
    Status t = NotFound("looked at");
    EXPECT_FALSE(t.ok());
    t = s;
    EXPECT_EQ(t.code(), StatusCode::kInternal);
  }
  EXPECT_DEATH(
      {
        Status s = NotFound("first");
        s = Internal("second");
        s.IgnoreError();
      },
      "overwritten without being checked.*NotFound: first");
  EXPECT_DEATH(
      {
        Status s = NotFound("first");
        Status other = Internal("second");
        s = other;
        s.IgnoreError();
      },
      "overwritten without being checked.*NotFound: first");
}

TEST(CheckedStatusDeathTest, ResultErrorMustBeChecked) {
  {
    auto r = Half(3);
    EXPECT_FALSE(r.ok());
  }
  {
    auto r = Half(3);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  { auto r = Half(4); }  // a value owes nothing
  {
    Result<int> r = InvalidArgument("kept");
    Result<int> copy = r;
    EXPECT_FALSE(copy.ok());
  }
  EXPECT_DEATH({ auto r = Half(3); }, "destroyed without being checked.*InvalidArgument: odd");
  EXPECT_DEATH(
      {
        auto r = Half(3);
        EXPECT_FALSE(r.ok());
        Result<int> copy = r;
      },
      "InvalidArgument: odd");
}

TEST(CheckedStatusDeathTest, MacrosLeaveNothingUnchecked) {
  int out = 0;
  // The macros' own temporaries are looked at; only the returned Status is
  // the caller's duty, and dropping that one still aborts.
  QuarterInto(3, &out).IgnoreError();
  QuarterText(5).status().IgnoreError();
  EXPECT_DEATH({ Status s = QuarterInto(3, &out); }, "InvalidArgument: odd");
  EXPECT_DEATH({ auto r = QuarterText(5); }, "InvalidArgument: odd");
}

#else

// Off, checked mode must cost nothing: no extra member.
struct PlainStatus {
  StatusCode code;
  std::string message;
};
static_assert(sizeof(Status) == sizeof(PlainStatus));

TEST(CheckedStatusTest, OffByDefaultAnUncheckedStatusIsHarmless) {
  { Status s = NotFound("nobody looks"); }
  { auto r = Half(3); }
  SUCCEED();
}

#endif  // KOLLEGA_ASSERT_STATUS_CHECKED

TEST(HexTest, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(ToHex(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(FromHex("00FF10"), std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(FromHex("abc").has_value());
  EXPECT_FALSE(FromHex("zz").has_value());
}

}  // namespace
}  // namespace kollega
