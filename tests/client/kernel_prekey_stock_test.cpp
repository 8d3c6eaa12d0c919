// The client keeps a bounded stock of one-time private prekeys
// (docs/abuse-limits.md, "Prekeys"): however often its relay stock is
// drained and topped up, only the newest Options::max_prekey_stock private
// halves stay in its store.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "store/client_store.h"

namespace kollega::testing {
namespace {

TEST(KernelPrekeyStockTest, KeepsOnlyTheNewestPrivateOneTimePrekeys) {
  ManualClock clock;
  FakeRelay relay{FakeRelay::Options{.clock = &clock}};
  KernelTempDir dir;
  client::Client::Options options = KernelOptions(relay, &clock);
  options.prekey_batch = 5;
  options.prekey_low_water = 1000;  // every login tops up: a drain, compressed
  options.max_prekey_stock = 10;
  Device helper;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir.Sub("helper"), options, &helper));
  for (int i = 0; i < 6; ++i) {
    KOLLEGA_ASSERT_OK(helper.client->Connect().Get());
    KOLLEGA_ASSERT_OK(helper.client->Disconnect().Get());
  }
  // Nobody fetched, so the relay holds every key ever made: ids 1..made.
  const size_t made = relay.OneTimePrekeyCount(helper.account, 1);
  ASSERT_GE(made, 30u);
  helper.client.reset();

  auto store = client::OpenRocksClientStore(dir.Sub("helper") + "/store", TestStoreKey());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::vector<uint32_t> kept;
  for (uint32_t id = 1; id <= made + 10; ++id) {
    auto present = (*store)->ContainsPreKey(id);
    ASSERT_TRUE(present.ok());
    if (*present) kept.push_back(id);
  }
  ASSERT_EQ(kept.size(), 10u);
  EXPECT_EQ(kept.front(), made - 9);
  EXPECT_EQ(kept.back(), made);
}

}  // namespace
}  // namespace kollega::testing
