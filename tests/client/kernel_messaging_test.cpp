// The kernel with the conversations and receipts components, in process:
// two or three clients on one FakeRelay and one ManualClock. Each test
// checks what a user would: a message arrives once, its ticks move forward
// only, and a message that cannot be delivered says so.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::MessageReceived;
using client::MessageStatus;
using client::StatusChanged;

class KernelMessagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(), &alice_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(), &bob_));
  }
  client::Client::Options Options() { return KernelOptions(relay_, &clock_); }

  // The statuses of `id` in the order alice's events announced them.
  std::vector<MessageStatus> StatusesOf(const std::string& id) {
    std::vector<MessageStatus> out;
    for (const StatusChanged* change : alice_.log->All<StatusChanged>(
             [&](const StatusChanged& s) { return s.message_id == id; })) {
      out.push_back(change->status);
    }
    return out;
  }
  bool WaitStatus(const std::string& id, MessageStatus status) {
    return alice_.log->WaitFor<StatusChanged>(
        [&](const StatusChanged& s) { return s.message_id == id && s.status == status; });
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, bob_;
};

TEST_F(KernelMessagingTest, MessageAndItsReceiptsRoundTripInOrder) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  auto id = alice_.client->Send(bob_.hex, "hello bob").Get();
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *id; }));
  const MessageReceived* got = bob_.log->All<MessageReceived>()[0];
  EXPECT_EQ(got->message.text, "hello bob");
  EXPECT_EQ(got->message.peer, alice_.hex);
  EXPECT_FALSE(got->message.outgoing);
  ASSERT_TRUE(WaitStatus(*id, MessageStatus::kDelivered));

  KOLLEGA_ASSERT_OK(bob_.client->MarkRead(alice_.hex).Get());
  ASSERT_TRUE(WaitStatus(*id, MessageStatus::kRead));
  EXPECT_EQ(StatusesOf(*id),
            (std::vector<MessageStatus>{MessageStatus::kSent, MessageStatus::kDelivered,
                                        MessageStatus::kRead}));
  auto mine = FindMessage(*alice_.client, bob_.hex, *id);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->status, MessageStatus::kRead);
  auto theirs = FindMessage(*bob_.client, alice_.hex, *id);
  ASSERT_TRUE(theirs.has_value());
  EXPECT_EQ(theirs->status, MessageStatus::kRead);
  // Exactly one copy on each side.
  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 1u);
  EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), 0u);
}

// Bob reads on his laptop while his phone is off; the phone's delivery
// receipt comes after the laptop's read receipt and must not undo it.
TEST_F(KernelMessagingTest, ReceiptArrivingAfterReadNeverMovesTheStatusBack) {
  Device phone = std::move(bob_);
  Device laptop;
  {
    auto opened = OpenKernelClient(dir_.Sub("bob-laptop"), Options());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    laptop.client = std::move(opened).value();
    laptop.log = std::make_unique<EventLog>(laptop.client.get());
    KOLLEGA_ASSERT_OK(phone.client->Connect().Get());
    auto code = phone.client->StartLinking().Get();
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    KOLLEGA_ASSERT_OK(laptop.client->LinkDevice(kFakeUrl, *code).Get());
    laptop.hex = phone.hex;
    laptop.account = phone.account;
  }
  ASSERT_EQ(relay_.Devices(phone.account), (std::vector<uint32_t>{1, 2}));
  KOLLEGA_ASSERT_OK(phone.client->Disconnect().Get());

  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(laptop.client->StartListening().Get());
  auto id = alice_.client->Send(phone.hex, "read me anywhere").Get();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(laptop.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *id; }));
  KOLLEGA_ASSERT_OK(laptop.client->MarkRead(alice_.hex).Get());
  ASSERT_TRUE(WaitStatus(*id, MessageStatus::kRead));
  EXPECT_EQ(relay_.MailboxSize(phone.account, 1), 1u);  // the phone has not seen it

  // The phone comes on, receives the message and sends its delivery
  // receipt, which waits for alice on the relay until she is back.
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(phone.client->Connect().Get());
  ASSERT_TRUE(phone.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *id; }));
  ASSERT_TRUE(phone.log->WaitUntil(
      [&](const auto&) { return relay_.MailboxSize(alice_.account, 1) >= 1; }));
  const size_t drained = alice_.log->Count<client::QueueDrained>();
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  ASSERT_TRUE(alice_.log->WaitFor<client::QueueDrained>(nullptr, kWait, drained + 1));
  ASSERT_TRUE(alice_.log->WaitUntil(
      [&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 0; }));
  auto mine = FindMessage(*alice_.client, phone.hex, *id);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->status, MessageStatus::kRead);
  EXPECT_EQ(StatusesOf(*id),
            (std::vector<MessageStatus>{MessageStatus::kSent, MessageStatus::kDelivered,
                                        MessageStatus::kRead}));
}

// Alice is offline while Bob receives and reads; his two receipts reach the
// relay the other way round (ReverseMailbox), so READ is the first she sees.
TEST_F(KernelMessagingTest, ReadReceiptBeforeDeliveredLeavesTheMessageRead) {
  // CreateAccount left bob online: off until alice is away.
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  auto id = alice_.client->Send(bob_.hex, "out of order").Get();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(WaitStatus(*id, MessageStatus::kSent));
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());

  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *id; }));
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 1; }));
  KOLLEGA_ASSERT_OK(bob_.client->MarkRead(alice_.hex).Get());
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 2; }));
  relay_.ReverseMailbox(alice_.account, 1);

  const size_t drained = alice_.log->Count<client::QueueDrained>();
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  ASSERT_TRUE(alice_.log->WaitFor<client::QueueDrained>(nullptr, kWait, drained + 1));
  ASSERT_TRUE(alice_.log->WaitUntil(
      [&](const auto&) { return relay_.MailboxSize(alice_.account, 1) == 0; }));
  auto mine = FindMessage(*alice_.client, bob_.hex, *id);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->status, MessageStatus::kRead);
  EXPECT_EQ(StatusesOf(*id),
            (std::vector<MessageStatus>{MessageStatus::kSent, MessageStatus::kRead}));
}

TEST_F(KernelMessagingTest, SendToAnUnknownAccountFailsInsteadOfWaitingForever) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  const std::string nobody = ToHex(std::string(16, '\x42'));
  auto id = alice_.client->Send(nobody, "anyone there?").Get();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(alice_.log->WaitFor<client::SendFailed>(
      [&](const client::SendFailed& f) { return f.message_id == *id && f.peer == nobody; }));
  // Given up for good: a later flush sends nothing more for it.
  const uint64_t sends = relay_.RequestCount(wire::Request::kSend);
  KOLLEGA_EXPECT_OK(alice_.client->FlushOutbound().Get());
  EXPECT_EQ(relay_.RequestCount(wire::Request::kSend), sends);
  // The user is never told it went out.
  auto mine = FindMessage(*alice_.client, nobody, *id);
  if (mine) {
    EXPECT_NE(mine->status, MessageStatus::kSent);
  }
}

}  // namespace
}  // namespace kollega::testing
