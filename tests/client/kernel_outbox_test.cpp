// The outbound queue moves past a blocked recipient (client-core/README.md,
// "Failure policy"): a message to one account whose mailbox is full waits,
// with the later messages to that account behind it, while messages to
// others go out; once there is room, the held ones arrive in order.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::MessageReceived;
using client::MessageStatus;

constexpr uint32_t kMailboxCap = 3;

class KernelOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(), &alice_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("anna"), Options(), &anna_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(), &bob_));
  }
  client::Client::Options Options() { return KernelOptions(relay_, &clock_); }

  std::string Send(const std::string& to, const std::string& text) {
    auto id = alice_.client->Send(to, text).Get();
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : std::string();
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.mailbox_max_envelopes = kMailboxCap, .clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, anna_, bob_;
};

TEST_F(KernelOutboxTest, BlockedRecipientDoesNotHoldBackOthers) {
  KOLLEGA_ASSERT_OK(anna_.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());

  // Anna is away and her mailbox fills up.
  std::vector<std::string> to_anna;
  for (uint32_t i = 0; i < kMailboxCap; ++i)
    to_anna.push_back(Send(anna_.hex, "a" + std::to_string(i)));
  ASSERT_TRUE(alice_.log->WaitUntil(
      [&](const auto&) { return relay_.MailboxSize(anna_.account, 1) == kMailboxCap; }));
  // Two more for her wait in alice's queue, then one for bob goes past them.
  to_anna.push_back(Send(anna_.hex, "held 1"));
  to_anna.push_back(Send(anna_.hex, "held 2"));
  const std::string to_bob = Send(bob_.hex, "not held");
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == to_bob; }));
  EXPECT_FALSE(alice_.client->FlushOutbound().Get().ok());  // anna is still full
  for (size_t i = kMailboxCap; i < to_anna.size(); ++i) {
    auto held = FindMessage(*alice_.client, anna_.hex, to_anna[i]);
    ASSERT_TRUE(held.has_value());
    EXPECT_EQ(held->status, MessageStatus::kQueued);
  }

  // Anna comes back and empties her mailbox; the held ones follow, in order.
  KOLLEGA_ASSERT_OK(anna_.client->StartListening().Get());
  ASSERT_TRUE(anna_.log->WaitFor<MessageReceived>(nullptr, kWait, kMailboxCap));
  ASSERT_TRUE(
      anna_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(anna_.account, 1) == 0; }));
  KOLLEGA_ASSERT_OK(alice_.client->FlushOutbound().Get());
  ASSERT_TRUE(anna_.log->WaitFor<MessageReceived>(nullptr, kWait, to_anna.size()));
  std::vector<std::string> order;
  for (const MessageReceived* m : anna_.log->All<MessageReceived>()) order.push_back(m->message.id);
  EXPECT_EQ(order, to_anna);
}

}  // namespace
}  // namespace kollega::testing
