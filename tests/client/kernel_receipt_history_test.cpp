// A receipt finds its message however far back in the conversation it is:
// here the first of 1,001 messages, outside the newest 1,000.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::MessageStatus;
using client::StatusChanged;

constexpr size_t kNewer = 1000;

TEST(KernelReceiptHistoryTest, MessageOlderThanTheNewestThousandStillGetsItsReceipt) {
  ManualClock clock;
  FakeRelay relay(FakeRelay::Options{.clock = &clock});
  KernelTempDir dir;
  Device alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir.Sub("alice"), KernelOptions(relay, &clock), &alice));
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir.Sub("bob"), KernelOptions(relay, &clock), &bob));

  // Bob is away while alice writes a long thread; the first message's
  // receipt can only come once 1,000 newer ones are in her history.
  KOLLEGA_ASSERT_OK(bob.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(alice.client->StartListening().Get());
  auto first = alice.client->Send(bob.hex, "message 0").Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  client::Async<Result<std::string>> last;
  for (size_t i = 1; i <= kNewer; ++i) {
    last = alice.client->Send(bob.hex, "message " + std::to_string(i));
    clock.Advance(1);
  }
  ASSERT_TRUE(last.Get().ok());
  ASSERT_TRUE(alice.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) {
        return s.message_id == *last.Get() && s.status == MessageStatus::kSent;
      },
      std::chrono::milliseconds(30000)));
  auto newest = alice.client->History(bob.hex, kNewer).Get();
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), kNewer);
  for (const client::Message& m : *newest) ASSERT_NE(m.id, *first) << "not old enough";

  // Bob comes back: every message gets its delivery receipt, the first too.
  KOLLEGA_ASSERT_OK(bob.client->StartListening().Get());
  EXPECT_TRUE(alice.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) {
        return s.message_id == *last.Get() && s.status == MessageStatus::kDelivered;
      },
      std::chrono::milliseconds(30000)));
  EXPECT_TRUE(alice.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) {
        return s.message_id == *first && s.status == MessageStatus::kDelivered;
      },
      std::chrono::milliseconds(5000)));
  auto all = alice.client->History(bob.hex, kNewer + 1).Get();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), kNewer + 1);
  EXPECT_EQ(all->front().id, *first);
  EXPECT_EQ(all->front().status, MessageStatus::kDelivered);
}

// MarkRead reaches an unread message however far back: the first of 1,001
// received messages is marked read and its sender gets the read receipt.
TEST(KernelReceiptHistoryTest, MarkReadReachesAMessageOlderThanTheNewestThousand) {
  ManualClock clock;
  FakeRelay relay(FakeRelay::Options{.clock = &clock});
  KernelTempDir dir;
  Device alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir.Sub("alice"), KernelOptions(relay, &clock), &alice));
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir.Sub("bob"), KernelOptions(relay, &clock), &bob));
  KOLLEGA_ASSERT_OK(alice.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob.client->StartListening().Get());

  auto first = alice.client->Send(bob.hex, "message 0").Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  client::Async<Result<std::string>> last;
  for (size_t i = 1; i <= kNewer; ++i) {
    clock.Advance(1);
    last = alice.client->Send(bob.hex, "message " + std::to_string(i));
  }
  ASSERT_TRUE(last.Get().ok());
  ASSERT_TRUE(bob.log->WaitFor<client::MessageReceived>(
      [&](const client::MessageReceived& m) { return m.message.id == *last.Get(); },
      std::chrono::milliseconds(30000)));

  KOLLEGA_ASSERT_OK(bob.client->MarkRead(alice.hex).Get());
  auto all = bob.client->History(alice.hex, kNewer + 1).Get();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), kNewer + 1);
  EXPECT_EQ(all->front().id, *first);
  for (const client::Message& m : *all) ASSERT_EQ(m.status, MessageStatus::kRead) << m.text;
  EXPECT_TRUE(alice.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) {
        return s.message_id == *first && s.status == MessageStatus::kRead;
      },
      std::chrono::milliseconds(30000)));
}

}  // namespace
}  // namespace kollega::testing
