// The client's side of trust against a hostile relay (docs/trust.md §1, §2,
// §6), in process: the FakeRelay plays the operator who adds a ghost device,
// serves an old list, relabels a sender or swaps a device's identity key.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kernel_test_util.h"

namespace kollega::testing {
namespace {

using client::DecryptionFailed;
using client::DeviceListChanged;
using client::DeviceListRejected;
using client::IdentityChanged;
using client::MessageReceived;
using client::MessageStatus;
using client::SilentDeviceUnlinked;
using client::StatusChanged;
using client::UnlistedSender;

class KernelTrustTest : public ::testing::Test {
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
  static bool Rejected(Device& d, const std::string& peer_hex) {
    return d.log->WaitFor<DeviceListRejected>(
        [&](const DeviceListRejected& r) { return r.peer == peer_hex; });
  }

  // Links a second device to `first`'s account (which stays connected).
  void Link(Device& first, const std::string& dir, Device* out) {
    auto opened = OpenKernelClient(dir_.Sub(dir), Options());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    out->client = std::move(opened).value();
    out->log = std::make_unique<EventLog>(out->client.get());
    KOLLEGA_ASSERT_OK(first.client->Connect().Get());
    auto code = first.client->StartLinking().Get();
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    KOLLEGA_ASSERT_OK(out->client->LinkDevice(kFakeUrl, *code).Get());
    out->account = first.account;
    out->hex = first.hex;
    auto who = out->client->WhoAmI().Get();
    ASSERT_TRUE(who.ok());
    out->device_id = who->device_id;
  }

  ManualClock clock_;
  FakeRelay relay_{FakeRelay::Options{.clock = &clock_}};
  KernelTempDir dir_;
  Device alice_, bob_;
};

TEST_F(KernelTrustTest, NewAccountPublishesItsListAndALinkedDeviceAddsItself) {
  ASSERT_TRUE(relay_.StoredDeviceList(alice_.account).has_value());
  EXPECT_EQ(relay_.ListedDevices(alice_.account), std::vector<uint32_t>{1});
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(alice_, "alice-laptop", &laptop));
  EXPECT_EQ(relay_.ListedDevices(alice_.account), (std::vector<uint32_t>{1, 2}));
  ASSERT_TRUE(alice_.log->WaitFor<DeviceListChanged>(
      [](const DeviceListChanged& c) { return c.own && c.added == std::vector<uint32_t>{2}; }));
  auto devices = alice_.client->Devices().Get();
  ASSERT_TRUE(devices.ok()) << devices.status().ToString();
  ASSERT_EQ(devices->size(), 2u);
  EXPECT_TRUE((*devices)[0].this_device);
  EXPECT_EQ((*devices)[1].name, "device 2");
}

TEST_F(KernelTrustTest, GhostDeviceInAPeersAccountGetsNothing) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  auto first = alice_.client->Send(bob_.hex, "hello").Get();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Received(bob_, *first));

  Result<uint32_t> ghost = relay_.AddGhostDevice(bob_.account);
  ASSERT_TRUE(ghost.ok()) << ghost.status().ToString();
  auto second = alice_.client->Send(bob_.hex, "for bob only").Get();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(Rejected(alice_, bob_.hex));
  EXPECT_EQ(relay_.MailboxSize(bob_.account, *ghost), 0u);
  EXPECT_FALSE(alice_.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) { return s.message_id == *second; },
      std::chrono::milliseconds(200)));
}

TEST_F(KernelTrustTest, GhostDeviceInOnesOwnAccountGetsNoSyncCopy) {
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(alice_, "alice-laptop", &laptop));
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  Result<uint32_t> ghost = relay_.AddGhostDevice(alice_.account);
  ASSERT_TRUE(ghost.ok());
  auto sent = alice_.client->Send(bob_.hex, "copy me nowhere").Get();
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(Received(bob_, *sent));
  ASSERT_TRUE(Rejected(alice_, alice_.hex));
  EXPECT_EQ(relay_.MailboxSize(alice_.account, *ghost), 0u);
}

TEST_F(KernelTrustTest, RolledBackListIsRefused) {
  const auto v1 = relay_.StoredDeviceList(bob_.account);
  ASSERT_TRUE(v1.has_value());
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(bob_, "bob-laptop", &laptop));
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  auto first = alice_.client->Send(bob_.hex, "to both").Get();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(SawStatus(alice_, *first, MessageStatus::kSent));

  // The relay hides the laptop by serving the list from before it was linked.
  KOLLEGA_ASSERT_OK(relay_.ServeDeviceList(bob_.account, *v1));
  KOLLEGA_ASSERT_OK(relay_.RemoveDevice(bob_.account, 2));
  auto second = alice_.client->Send(bob_.hex, "to both again").Get();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(alice_.log->WaitFor<DeviceListRejected>([&](const DeviceListRejected& r) {
    return r.peer == bob_.hex && r.reason.find("rolled back") != std::string::npos;
  }));
  EXPECT_FALSE(alice_.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) { return s.message_id == *second; },
      std::chrono::milliseconds(200)));
}

TEST_F(KernelTrustTest, RelabelledSenderIsNotBelieved) {
  Device carol;
  ASSERT_NO_FATAL_FAILURE(NewDevice(dir_.Sub("carol"), Options(), &carol));
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(bob_.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(carol.client->StartListening().Get());
  // Sessions both ways, so the next messages are plain SignalMessages.
  for (Device* d : {&alice_, &carol}) {
    auto to_bob = d->client->Send(bob_.hex, "hi bob").Get();
    ASSERT_TRUE(to_bob.ok() && Received(bob_, *to_bob));
    auto back = bob_.client->Send(d->hex, "hi").Get();
    ASSERT_TRUE(back.ok() && Received(*d, *back));
    // Its delivery receipt must reach Bob before the relabelling starts, or
    // the receipt would be the envelope relabelled.
    ASSERT_TRUE(bob_.log->WaitFor<StatusChanged>([&](const StatusChanged& s) {
      return s.message_id == *back && s.status == MessageStatus::kDelivered;
    }));
  }
  relay_.RelabelNextEnvelope(bob_.account, 1, carol.account, 1);
  const size_t failures = bob_.log->Count<DecryptionFailed>();
  auto forged = alice_.client->Send(bob_.hex, "from alice, labelled carol").Get();
  ASSERT_TRUE(forged.ok());
  ASSERT_TRUE(bob_.log->WaitFor<DecryptionFailed>(nullptr, kWait, failures + 1));
  auto from_carol = bob_.client->History(carol.hex).Get();
  ASSERT_TRUE(from_carol.ok());
  for (const auto& m : *from_carol) EXPECT_NE(m.text, "from alice, labelled carol");
}

TEST_F(KernelTrustTest, SyncCopyFromADeviceOutsideOnesListIsRefused) {
  const auto v1 = relay_.StoredDeviceList(alice_.account);
  ASSERT_TRUE(v1.has_value());
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  auto code = alice_.client->StartLinking().Get();
  ASSERT_TRUE(code.ok());
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  Device laptop;
  auto opened = OpenKernelClient(dir_.Sub("alice-laptop"), Options());
  ASSERT_TRUE(opened.ok());
  laptop.client = std::move(opened).value();
  laptop.log = std::make_unique<EventLog>(laptop.client.get());
  KOLLEGA_ASSERT_OK(laptop.client->LinkDevice(kFakeUrl, *code).Get());
  KOLLEGA_ASSERT_OK(laptop.client->StartListening().Get());
  auto sent = laptop.client->Send(bob_.hex, "sent from the laptop").Get();
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(SawStatus(laptop, *sent, MessageStatus::kSent));
  ASSERT_TRUE(relay_.MailboxSize(alice_.account, 1) >= 1u);

  // The relay keeps the phone on the list from before the laptop joined.
  KOLLEGA_ASSERT_OK(relay_.ServeDeviceList(alice_.account, *v1));
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  ASSERT_TRUE(alice_.log->WaitFor<UnlistedSender>(
      [&](const UnlistedSender& u) { return u.peer == alice_.hex && u.device == 2; }));
  auto history = alice_.client->History(bob_.hex).Get();
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

TEST_F(KernelTrustTest, IdentityChangeOnAnyDeviceBlocksTheAccountUntilAccepted) {
  KOLLEGA_ASSERT_OK(alice_.client->StartListening().Get());
  auto first = alice_.client->Send(bob_.hex, "one device").Get();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(SawStatus(alice_, *first, MessageStatus::kSent));
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(bob_, "bob-laptop", &laptop));
  // The relay hands out another identity key for bob's new device.
  auto real_key = relay_.ReplaceIdentityKey(bob_.account, laptop.device_id);
  ASSERT_TRUE(real_key.ok());
  const size_t before = relay_.MailboxSize(bob_.account, 1);
  auto second = alice_.client->Send(bob_.hex, "two devices").Get();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(alice_.log->WaitFor<IdentityChanged>(
      [&](const IdentityChanged& c) { return c.peer == bob_.hex; }));
  auto pending = alice_.client->PendingIdentityChanges().Get();
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  // Even once the relay serves the right key again, nothing goes to the
  // account (not to bob's unchanged phone either) until the user decides.
  ASSERT_TRUE(relay_.ReplaceIdentityKey(bob_.account, laptop.device_id, *real_key).ok());
  KOLLEGA_ASSERT_OK(alice_.client->FlushOutbound().Get());
  EXPECT_FALSE(bob_.log->WaitFor<MessageReceived>(
      [&](const MessageReceived& m) { return m.message.id == *second; },
      std::chrono::milliseconds(300)));
  EXPECT_EQ(relay_.MailboxSize(bob_.account, 1), before);
  // One's own account cannot be given another identity.
  EXPECT_FALSE(alice_.client->AcceptIdentityChange(alice_.hex).Get().ok());
}

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// docs/trust.md §3: the other devices take a device the relay has not seen
// for longer than the envelope TTL off the list, and say so.
TEST_F(KernelTrustTest, ADeviceSilentForLongerThanTheTtlIsUnlinkedByTheOthers) {
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(alice_, "alice-laptop", &laptop));
  KOLLEGA_ASSERT_OK(laptop.client->Disconnect().Get());
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());

  clock_.Advance(29 * kDayMs);
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  EXPECT_FALSE(alice_.log->WaitFor<SilentDeviceUnlinked>(nullptr, std::chrono::milliseconds(200)));
  EXPECT_EQ(relay_.ListedDevices(alice_.account), (std::vector<uint32_t>{1, 2}));
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());

  clock_.Advance(2 * kDayMs);
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  ASSERT_TRUE(alice_.log->WaitFor<SilentDeviceUnlinked>(
      [](const SilentDeviceUnlinked& e) { return e.device == 2 && e.last_seen_ms > 0; }));
  EXPECT_EQ(relay_.ListedDevices(alice_.account), std::vector<uint32_t>{1});
  EXPECT_TRUE(alice_.log->WaitFor<DeviceListChanged>(
      [](const DeviceListChanged& c) { return c.own && c.removed == std::vector<uint32_t>{2}; }));
}

TEST_F(KernelTrustTest, ADeviceThatStaysOnlineIsNotSilent) {
  Device laptop;
  ASSERT_NO_FATAL_FAILURE(Link(alice_, "alice-laptop", &laptop));
  KOLLEGA_ASSERT_OK(laptop.client->StartListening().Get());
  KOLLEGA_ASSERT_OK(alice_.client->Disconnect().Get());
  clock_.Advance(40 * kDayMs);
  KOLLEGA_ASSERT_OK(alice_.client->Connect().Get());
  EXPECT_FALSE(alice_.log->WaitFor<SilentDeviceUnlinked>(nullptr, std::chrono::milliseconds(300)));
  EXPECT_EQ(relay_.ListedDevices(alice_.account), (std::vector<uint32_t>{1, 2}));
}

}  // namespace
}  // namespace kollega::testing
