// The kernel's link to the relay, in process: drops and reconnects, devices
// that appear and disappear, a crash between storing a message and
// acknowledging it, and signed-prekey rotation judged by the injected clock.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::ConnectionChanged;
using client::ConnectionState;
using client::MessageReceived;
using client::MessageStatus;
using client::StatusChanged;

class KernelConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("alice"), Options(), &alice_));
    ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("bob"), Options(), &bob_));
  }
  client::Client::Options Options() { return KernelOptions(relay_, &clock_); }

  static bool Received(Device& d, const std::string& id) {
    return d.log->WaitFor<MessageReceived>(
        [&](const MessageReceived& m) { return m.message.id == id; });
  }
  static bool SawStatus(Device& d, const std::string& id, MessageStatus status) {
    return d.log->WaitFor<StatusChanged>(
        [&](const StatusChanged& s) { return s.message_id == id && s.status == status; });
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, bob_;
};

TEST_F(KernelConnectionTest, ListeningClientReconnectsAndGetsWhatWasQueuedMeanwhile) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  ASSERT_TRUE(bob_.log->WaitFor<ConnectionChanged>(
      [](const ConnectionChanged& c) { return c.state == ConnectionState::kOnline; }));
  const uint64_t links_before = relay_.LinksOpened();
  bob_.log->Drain();
  const size_t mark = bob_.log->events().size();

  // The network drops bob, and the relay stays out of reach for a while.
  relay_.SetOffline(true);
  ASSERT_TRUE(relay_.Disconnect(bob_.account, 1));
  auto since_drop = [&](ConnectionState state) {
    return [&, state](const std::vector<client::EventPtr>& events) {
      for (size_t i = mark; i < events.size(); ++i) {
        const auto* c = client::As<ConnectionChanged>(*events[i]);
        if (c && c->state == state) return true;
      }
      return false;
    };
  };
  ASSERT_TRUE(bob_.log->WaitUntil(since_drop(ConnectionState::kOffline)));
  auto first = alice_.client->Send(bob_.hex, "while you were away").Get();
  auto second = alice_.client->Send(bob_.hex, "and another").Get();
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(SawStatus(alice_, *second, MessageStatus::kSent));
  EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), 2u);
  EXPECT_FALSE(relay_.IsConnected(bob_.account, 1));

  relay_.SetOffline(false);
  ASSERT_TRUE(Received(bob_, *first));
  ASSERT_TRUE(Received(bob_, *second));
  ASSERT_TRUE(bob_.log->WaitUntil(since_drop(ConnectionState::kOnline)));
  EXPECT_GT(relay_.LinksOpened(), links_before);
  EXPECT_TRUE(relay_.IsConnected(bob_.account, 1));

  // What bob's app was told since the drop, in order: offline, then (after
  // any attempts) online again.
  std::vector<ConnectionState> states;
  for (size_t i = mark; i < bob_.log->events().size(); ++i) {
    const auto* c = client::As<ConnectionChanged>(*bob_.log->events()[i]);
    if (!c || c->state == ConnectionState::kConnecting) continue;
    if (states.empty() || states.back() != c->state) states.push_back(c->state);
  }
  EXPECT_EQ(states,
            (std::vector<ConnectionState>{ConnectionState::kOffline, ConnectionState::kOnline}));
  auto history = bob_.client->History(alice_.hex).Get();
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(bob_.account, 1) == 0; }));
}

// Bob gains a laptop after alice already has a session with his phone:
// alice's next send meets STALE_DEVICES, encrypts to the laptop too and
// still goes out; once the laptop is gone, it gets nothing more.
TEST_F(KernelConnectionTest, SendSurvivesStaleDevicesAndSkipsRemovedOnes) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  auto first = alice_.client->Send(bob_.hex, "session, please").Get();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Received(bob_, *first));

  // Bob links a laptop (it adds itself to his signed device list).
  Device laptop_device;
  {
    auto opened = OpenKernelClient(dir_.Sub("bob-laptop"), Options());
    ASSERT_TRUE(opened.ok());
    laptop_device.client = std::move(opened).value();
    laptop_device.log = std::make_unique<EventLog>(laptop_device.client.get());
    auto code = bob_.client->StartLinking().Get();
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    KOLLEGA_ASSERT_OK(laptop_device.client->LinkDevice(kFakeUrl, *code).Get());
    KOLLEGA_ASSERT_OK(laptop_device.client->Disconnect().Get());
  }
  const uint32_t laptop_id = 2;
  const uint32_t* laptop = &laptop_id;
  const uint64_t bundles_before = relay_.RequestCount(wire::Request::kFetchBundle);
  auto second = alice_.client->Send(bob_.hex, "now on two devices").Get();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(SawStatus(alice_, *second, MessageStatus::kSent));
  ASSERT_TRUE(Received(bob_, *second));
  EXPECT_EQ(relay_.MailboxSize(bob_.account, *laptop), 1u);
  EXPECT_GT(relay_.RequestCount(wire::Request::kFetchBundle), bundles_before);
  std::vector<wire::Envelope> waiting = relay_.Mailbox(bob_.account, *laptop);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].sender_account(), alice_.account);
  EXPECT_EQ(waiting[0].type(), wire::ENVELOPE_TYPE_PREKEY_SIGNAL_MESSAGE);

  // Unlinked, the laptop makes alice's envelope for it "extra": the relay
  // accepts nothing until alice drops it, so "sent" means she did.
  KOLLEGA_ASSERT_OK(bob_.client->UnlinkDevice(*laptop).Get());
  auto third = alice_.client->Send(bob_.hex, "back to one").Get();
  ASSERT_TRUE(third.ok());
  ASSERT_TRUE(SawStatus(alice_, *third, MessageStatus::kSent));
  ASSERT_TRUE(Received(bob_, *third));
  EXPECT_EQ(relay_.Devices(bob_.account), std::vector<uint32_t>{1});
  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 3u);
  EXPECT_TRUE(alice_.log->All<client::SendFailed>().empty());
}

// A device that stores a message and dies before acknowledging it gets it
// again from the relay, and its user still sees it once.
TEST_F(KernelConnectionTest, CrashBetweenCommitAndAckShowsTheMessageOnce) {
  bob_.client.reset();
  client::Client::Options crashy = Options();
  crashy.acknowledge = false;
  {
    auto opened = OpenKernelClient(dir_.Sub("bob"), crashy);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    bob_.client = std::move(opened).value();
    bob_.log->Attach(bob_.client.get());
  }
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  auto id = alice_.client->Send(bob_.hex, "exactly once").Get();
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(Received(bob_, *id));
  EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), 1u);  // stored, never acknowledged
  bob_.log->Drain();
  bob_.client.reset();  // the crash

  auto reopened = OpenKernelClient(dir_.Sub("bob"), Options());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  bob_.client = std::move(reopened).value();
  bob_.log->Attach(bob_.client.get());
  const uint64_t acks_before = relay_.RequestCount(wire::Request::kAck);
  const size_t drained = bob_.log->Count<client::QueueDrained>();
  KOLLEGA_ASSERT_OK(bob_.client->Connect().Get());
  ASSERT_TRUE(bob_.log->WaitFor<client::QueueDrained>(nullptr, kWait, drained + 1));
  ASSERT_TRUE(
      bob_.log->WaitUntil([&](const auto&) { return relay_.MailboxSize(bob_.account, 1) == 0; }));
  EXPECT_GT(relay_.RequestCount(wire::Request::kAck), acks_before);

  EXPECT_EQ(bob_.log->All<MessageReceived>().size(), 1u);  // across both lives
  auto history = bob_.client->History(alice_.hex).Get();
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].id, *id);
  EXPECT_EQ((*history)[0].text, "exactly once");
}

// The signed prekey is replaced once it is older than signed_prekey_max_age,
// judged by the injected clock: no waiting for a week.
TEST_F(KernelConnectionTest, SignedPrekeyRotatesWhenTheClockSaysItIsOld) {
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  std::optional<uint32_t> before = relay_.SignedPrekeyId(alice_.account, 1);
  ASSERT_TRUE(before.has_value());
  const uint64_t uploads_before = relay_.RequestCount(wire::Request::kUploadPrekeys);

  // Reconnecting a day later changes nothing.
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  clock_.Advance(24 * 3600 * 1000);
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  EXPECT_EQ(relay_.SignedPrekeyId(alice_.account, 1), before);

  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  clock_.Advance(client::Client::Options().signed_prekey_max_age.count());
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  std::optional<uint32_t> after = relay_.SignedPrekeyId(alice_.account, 1);
  ASSERT_TRUE(after.has_value());
  EXPECT_NE(*after, *before);
  EXPECT_GT(relay_.RequestCount(wire::Request::kUploadPrekeys), uploads_before);

  // A new contact's first message, built on the new signed prekey, opens.
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->Connect().Get());
  auto id = bob_.client->Send(alice_.hex, "after rotation").Get();
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(Received(alice_, *id));
}

}  // namespace
}  // namespace kollega::testing
