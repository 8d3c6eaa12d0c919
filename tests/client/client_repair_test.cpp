// Integration: repair against the real relay binary (docs/protocol-content.md,
// "Repair"). A receiver that lost its session with the sender still gets
// the message, once.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "client_test_util.h"
#include "kollega/base/hex.h"
#include "store/client_store.h"

namespace kollega::testing {
namespace {

using client::MessageStatus;

TEST(ClientRepairTest, ReceiverThatLostItsSessionStillGetsTheMessageOnce) {
  auto relay = MakeRelay();
  ASSERT_TRUE(relay->Start());
  TempDir tmp;
  auto alice = OpenClient(tmp.Sub("alice"));
  auto bob = OpenClient(tmp.Sub("bob"));
  ASSERT_TRUE(alice && bob);
  KOLLEGA_ASSERT_OK(alice->CreateAccount(relay->url()).Get());
  KOLLEGA_ASSERT_OK(bob->CreateAccount(relay->url()).Get());
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice, true));
  KOLLEGA_ASSERT_OK(ConnectDrained(*bob, true));
  const std::string alice_id = AccountOf(*alice);
  const std::string bob_id = AccountOf(*bob);

  auto first = alice->Send(bob_id, "before the loss").Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(
      WaitFor([&] { return StatusOf(*alice, bob_id, *first) == MessageStatus::kDelivered; }));

  // Bob's device loses its session with alice's (a restored backup, a bug).
  bob.reset();
  {
    auto store = client::OpenRocksClientStore(tmp.Sub("bob") + "/store", TestStoreKey());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    KOLLEGA_ASSERT_OK((*store)->DeleteSession({*FromHex(alice_id), 1}));
  }
  bob = OpenClient(tmp.Sub("bob"));
  ASSERT_TRUE(bob);
  KOLLEGA_ASSERT_OK(ConnectDrained(*bob, true));

  auto lost = alice->Send(bob_id, "after the loss").Get();
  ASSERT_TRUE(lost.ok()) << lost.status().ToString();
  EXPECT_TRUE(Has(*bob, alice_id, "after the loss", false));
  ASSERT_TRUE(
      WaitFor([&] { return StatusOf(*alice, bob_id, *lost) == MessageStatus::kDelivered; }));
  // The session works again both ways, and nothing arrived twice.
  ASSERT_TRUE(bob->Send(alice_id, "reply").Get().ok());
  EXPECT_TRUE(Has(*alice, bob_id, "reply", false));
  EXPECT_EQ(CountText(*bob, alice_id, "after the loss", false), 1);
  EXPECT_EQ(CountText(*bob, alice_id, "before the loss", false), 1);
}

}  // namespace
}  // namespace kollega::testing
