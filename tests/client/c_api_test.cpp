// Runs the C tests (c_api_smoke.c and c_api_async.c, compiled as C99)
// against a real relay.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "client_test_util.h"

extern "C" int kollega_c_api_smoke(const char* relay_url, const char* dir_a, const char* dir_b);
extern "C" int kollega_c_api_async(const char* relay_url, const char* dir_a, const char* dir_b);

namespace kollega::testing {
namespace {

TEST(CApiTest, WorksFromCWithBlockingHelpers) {
  TempDir tmp;
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  EXPECT_EQ(kollega_c_api_smoke(relay->url().c_str(), tmp.Sub("a").c_str(), tmp.Sub("b").c_str()),
            0);
}

TEST(CApiTest, WorksFromCAsynchronously) {
  TempDir tmp;
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  EXPECT_EQ(kollega_c_api_async(relay->url().c_str(), tmp.Sub("a").c_str(), tmp.Sub("b").c_str()),
            0);
}

}  // namespace
}  // namespace kollega::testing
