// What a conversation list and a lazy chat view read from client-core: the
// stored unread count per conversation (received since MarkRead, kept
// across a restart, never one's own messages from another device) and
// history pages before and after a given message.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::MessageReceived;

// The unread count of the conversation with `peer`; -1 when not listed.
int64_t UnreadWith(client::Client& c, const std::string& peer_hex) {
  auto list = c.Conversations().Get();
  if (!list.ok()) return -1;
  for (const client::Conversation& conversation : *list) {
    if (conversation.peer == peer_hex) return static_cast<int64_t>(conversation.unread);
  }
  return -1;
}

std::vector<std::string> Texts(const std::vector<client::Message>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.text);
  return out;
}

class KernelUnreadHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(), &alice_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(), &bob_));
  }
  client::Client::Options Options() { return KernelOptions(relay_, &clock_); }

  // Alice sends `n` messages; true once `to` has received the last one.
  bool SendAndWait(Device& from, Device& to, int n, const std::string& text) {
    std::string last;
    for (int i = 0; i < n; ++i) {
      auto id = from.client->Send(to.hex, text + " " + std::to_string(i)).Get();
      if (!id.ok()) return false;
      last = *id;
      clock_.Advance(1);
    }
    return to.log->WaitFor<MessageReceived>(
        [&](const MessageReceived& m) { return m.message.id == last; });
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, bob_;
};

TEST_F(KernelUnreadHistoryTest, UnreadCountsReceivedMessagesUntilReadAndSurvivesARestart) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(SendAndWait(alice_, bob_, 3, "hello"));
  EXPECT_EQ(UnreadWith(*bob_.client, alice_.hex), 3);
  EXPECT_EQ(UnreadWith(*alice_.client, bob_.hex), 0);  // her own messages

  // Closed and opened again: the count is the store's.
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());
  bob_.log.reset();
  bob_.client.reset();
  auto reopened = OpenKernelClient(dir_.Sub("bob"), Options());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  bob_.client = std::move(reopened).value();
  bob_.log = std::make_unique<EventLog>(bob_.client.get());
  EXPECT_EQ(UnreadWith(*bob_.client, alice_.hex), 3);

  KOLLEGA_ASSERT_OK(bob_.client->MarkRead(alice_.hex).Get());
  EXPECT_EQ(UnreadWith(*bob_.client, alice_.hex), 0);
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(SendAndWait(alice_, bob_, 1, "again"));
  EXPECT_EQ(UnreadWith(*bob_.client, alice_.hex), 1);
  // A redelivered message is stored once and counted once.
  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 1u);
}

// Alice's laptop writes to bob: her phone shows the copy as sent by her,
// not as unread. Bob's answer is unread on both; reading it on the laptop
// leaves the phone's count (read state is not synced between devices).
TEST_F(KernelUnreadHistoryTest, OwnCopiesDoNotCountAndAReadElsewhereLeavesTheCount) {
  Device& phone = alice_;
  Device laptop;
  auto opened = OpenKernelClient(dir_.Sub("alice-laptop"), Options());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  laptop.client = std::move(opened).value();
  laptop.log = std::make_unique<EventLog>(laptop.client.get());
  KOLLEGA_ASSERT_OK(phone.client->Connect().Get());
  auto code = phone.client->StartLinking().Get();
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  KOLLEGA_ASSERT_OK(laptop.client->LinkDevice(kFakeUrl, *code).Get());
  laptop.hex = phone.hex;

  KOLLEGA_ASSERT_OK(phone.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(laptop.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  auto id = laptop.client->Send(bob_.hex, "from my laptop").Get();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(phone.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *id && m.message.outgoing; }));
  EXPECT_EQ(UnreadWith(*phone.client, bob_.hex), 0);

  auto answer = bob_.client->Send(alice_.hex, "answer").Get();
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  for (Device* device : {&phone, &laptop}) {
    ASSERT_TRUE(device->log->WaitFor<MessageReceived>(
        [&](const MessageReceived& m) { return m.message.id == *answer; }));
    EXPECT_EQ(UnreadWith(*device->client, bob_.hex), 1);
  }
  KOLLEGA_ASSERT_OK(laptop.client->MarkRead(bob_.hex).Get());
  EXPECT_EQ(UnreadWith(*laptop.client, bob_.hex), 0);
  EXPECT_EQ(UnreadWith(*phone.client, bob_.hex), 1);
}

// A chat view pages back from the newest with `before` and down again with
// HistoryAfter: every message once, in order, whatever the page boundaries.
TEST_F(KernelUnreadHistoryTest, HistoryPagesBeforeAndAfterAMessageCoverItOnce) {
  constexpr int kTotal = 230;
  constexpr size_t kPage = 50;
  KOLLEGA_ASSERT_OK(bob_.client->Disconnect().Get());  // stored and queued only
  std::vector<std::string> sent;
  for (int i = 0; i < kTotal; ++i) {
    sent.push_back("message " + std::to_string(i));
    ASSERT_TRUE(alice_.client->Send(bob_.hex, sent.back()).Get().ok());
    clock_.Advance(1);
  }

  auto page = alice_.client->History(bob_.hex, kPage).Get();
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::vector<client::Message> back = *page;
  // Bounded: a cursor that repeats its anchor must fail here, not loop.
  for (int round = 0;; ++round) {
    ASSERT_LE(round, kTotal / static_cast<int>(kPage) + 1);
    auto older = alice_.client->History(bob_.hex, kPage, back.front().id).Get();
    ASSERT_TRUE(older.ok()) << older.status().ToString();
    ASSERT_LE(older->size(), kPage);
    if (older->empty()) break;
    back.insert(back.begin(), older->begin(), older->end());
  }
  EXPECT_EQ(Texts(back), sent);

  std::vector<client::Message> down = {back.front()};
  for (int round = 0;; ++round) {
    ASSERT_LE(round, kTotal / static_cast<int>(kPage) + 1);
    auto newer = alice_.client->HistoryAfter(bob_.hex, down.back().id, kPage).Get();
    ASSERT_TRUE(newer.ok()) << newer.status().ToString();
    if (newer->empty()) break;
    down.insert(down.end(), newer->begin(), newer->end());
  }
  EXPECT_EQ(Texts(down), sent);

  const std::string nowhere(32, 'a');
  EXPECT_EQ(alice_.client->History(bob_.hex, kPage, nowhere).Get().status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(alice_.client->History(bob_.hex, kPage, "not hex").Get().status().code(),
            StatusCode::kInvalidArgument);
  // Another conversation's message is no anchor here.
  EXPECT_EQ(alice_.client->History(alice_.hex, kPage, back.front().id).Get().status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace kollega::testing
