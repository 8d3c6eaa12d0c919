// The relay's device rules (docs/trust.md §3-4, docs/protocol.md §4.11,
// docs/limits.md) on the real binary: a keyless device never blocks a sender, the
// device cap, unlisted devices expiring, a listed device silent for longer
// than the envelope TTL no longer required, and one device's full mailbox
// not blocking delivery to the account's others.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <thread>

#include "device_list_fixture.h"

namespace kollega::testing {
namespace {

std::vector<uint32_t> Ids(const google::protobuf::RepeatedField<uint32_t>& ids) {
  return {ids.begin(), ids.end()};
}

TEST_F(RelayTest, AKeylessDeviceDoesNotMakeSendsStale) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  // Registered, never uploaded keys (a crash between the two), no list yet.
  auto stuck = LinkDevice(port(), *alice_c, *alice);
  ASSERT_TRUE(stuck);
  auto sent = Send(*bob_c, alice->account, {1}, "hello");
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->code(), wire::OK) << sent->ShortDebugString();
  // Nobody can have a session with it, so an envelope for it is refused.
  auto extra = Send(*bob_c, alice->account, {1, stuck->device_id}, "hello");
  ASSERT_EQ(extra->code(), wire::STALE_DEVICES);
  EXPECT_EQ(Ids(extra->device_mismatch().extra_devices()), std::vector<uint32_t>{stuck->device_id});
  EXPECT_TRUE(Ids(extra->device_mismatch().missing_devices()).empty());

  // Once it has keys it is a recipient like any other (no list yet).
  auto c = ConnectAs(port(), *stuck);
  ASSERT_TRUE(c);
  ASSERT_EQ(UploadPrekeys(*c, 1)->code(), wire::OK);
  auto missing = Send(*bob_c, alice->account, {1}, "hello");
  ASSERT_EQ(missing->code(), wire::STALE_DEVICES);
  EXPECT_EQ(Ids(missing->device_mismatch().missing_devices()),
            std::vector<uint32_t>{stuck->device_id});
}

TEST_F(RelayTest, ListDevicesReportsLastSeenKeysAndListed) {
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  auto pending = LinkDevice(port(), *alice_c, *alice);
  ASSERT_TRUE(pending);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice})))->code(), wire::OK);
  auto r = alice_c->Call(ListDevicesRequest());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->device_list().devices_size(), 2);
  const wire::DeviceInfo& first = r->device_list().devices(0);
  const wire::DeviceInfo& second = r->device_list().devices(1);
  EXPECT_GT(first.last_seen_ms(), 0u);
  EXPECT_TRUE(first.has_keys());
  EXPECT_TRUE(first.listed());
  EXPECT_EQ(second.last_seen_ms(), 0u);
  EXPECT_FALSE(second.has_keys());
  EXPECT_FALSE(second.listed());
}

// A device that stays connected is seen now, not at its last login: the
// other devices unlink one the relay has not seen for the envelope TTL
// (docs/trust.md §3), and a desktop left online for weeks is not abandoned.
TEST_F(RelayTest, ListDevicesCountsAConnectedDeviceAsSeenNow) {
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  auto laptop = LinkDevice(port(), *alice_c, *alice);
  ASSERT_TRUE(laptop);
  auto laptop_c = ConnectAs(port(), *laptop);
  ASSERT_TRUE(laptop_c);
  auto at_login = alice_c->Call(ListDevicesRequest());
  ASSERT_TRUE(at_login && at_login->device_list().devices_size() == 2);
  const uint64_t login_ms = at_login->device_list().devices(1).last_seen_ms();
  ASSERT_GT(login_ms, 0u);

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto online = alice_c->Call(ListDevicesRequest());
  ASSERT_TRUE(online && online->device_list().devices_size() == 2);
  EXPECT_GE(online->device_list().devices(1).last_seen_ms(), login_ms + 1000);

  laptop_c.reset();  // disconnected: the last login again
  bool back_to_login = false;
  for (int i = 0; i < 100 && !back_to_login; ++i) {
    auto offline = alice_c->Call(ListDevicesRequest());
    ASSERT_TRUE(offline && offline->device_list().devices_size() == 2);
    back_to_login = offline->device_list().devices(1).last_seen_ms() < login_ms + 1000;
    if (!back_to_login) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(back_to_login);
}

class DevicePolicyTest : public RelayCustomTest {};

TEST_F(DevicePolicyTest, TheDeviceCapRefusesLinking) {
  StartRelay({"--max-devices", "2"});
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  // A token made while there was room is refused once the cap is reached.
  wire::Request token_request;
  token_request.mutable_create_link_token();
  auto early_token = alice_c->Call(token_request);
  ASSERT_EQ(early_token->code(), wire::OK);
  ASSERT_TRUE(LinkDevice(port(), *alice_c, *alice));

  EXPECT_EQ(alice_c->Call(token_request)->code(), wire::TOO_MANY);
  auto c = TestClient::Connect(port());
  auto challenge = FreshChallenge(*c);
  ASSERT_TRUE(challenge);
  auto key = std::make_shared<crypto::DeviceKey>(crypto::DeviceKey::Generate().value());
  wire::Request r;
  r.mutable_register_device()->set_account_id(alice->account);
  r.mutable_register_device()->set_link_token(early_token->link_token().token());
  *r.mutable_register_device()->mutable_device() = MakeNewDevice(*key, challenge->nonce(), 77);
  EXPECT_EQ(c->Call(r)->code(), wire::TOO_MANY);
}

TEST_F(DevicePolicyTest, AnUnlistedDeviceExpiresAndStopsCounting) {
  StartRelay({"--unlisted-device-ttl", "1", "--max-devices", "2"});
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_TRUE(alice);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice})))->code(), wire::OK);
  auto pending = LinkRecipient(port(), *alice_c, *alice);
  ASSERT_TRUE(pending);
  auto c = ConnectAs(port(), *pending);
  ASSERT_TRUE(c);

  // Never listed: deleted after the TTL (the sweep runs every second), and
  // its connection ends.
  auto closing = c->WaitPush(IsClosing, milliseconds(4000));
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->closing().reason(), "device unlinked");
  auto again = TestClient::Connect(port());
  EXPECT_EQ(Authenticate(*again, *pending)->code(), wire::AUTH_FAILED);
  auto devices = alice_c->Call(ListDevicesRequest());
  ASSERT_EQ(devices->device_list().devices_size(), 1);
  // And it no longer takes a place under the cap.
  EXPECT_TRUE(LinkDevice(port(), *alice_c, *alice));
}

TEST_F(DevicePolicyTest, AListedDeviceSilentPastTheTtlIsNoLongerRequired) {
  StartRelay({"--ttl", "2"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto lost = LinkRecipient(port(), *alice_c, *alice);
  ASSERT_TRUE(lost);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice, *lost})))->code(), wire::OK);
  EXPECT_EQ(Send(*bob_c, alice->account, {1}, "x")->code(), wire::STALE_DEVICES);

  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  alice_c = ConnectAs(port(), *alice);  // device 1 is seen again; the other is not
  ASSERT_TRUE(alice_c);
  auto sent = Send(*bob_c, alice->account, {1}, "x");
  EXPECT_EQ(sent->code(), wire::OK) << sent->ShortDebugString();
  // Still allowed.
  EXPECT_EQ(Send(*bob_c, alice->account, {1, lost->device_id}, "x")->code(), wire::OK);
}

TEST_F(DevicePolicyTest, AFullMailboxDoesNotBlockTheAccountsOtherDevice) {
  StartRelay({"--mailbox-max-envelopes", "2"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto lost = LinkRecipient(port(), *alice_c, *alice);  // never reads again
  ASSERT_TRUE(lost);
  ASSERT_EQ(alice_c->Call(Publish(MakeList(alice->account, 1, {*alice, *lost})))->code(), wire::OK);
  ASSERT_TRUE(WaitQueueEmpty(*alice_c));

  for (int i = 0; i < 3; ++i) {
    auto sent = Send(*bob_c, alice->account, {1, lost->device_id}, "m" + std::to_string(i));
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->code(), wire::OK) << i << ": " << sent->ShortDebugString();
    auto got = ReceiveEnvelopes(*alice_c, 1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].envelope.content(), "m" + std::to_string(i));
    ASSERT_EQ(Ack(*alice_c, {got[0].seq})->code(), wire::OK);
    const std::vector<uint32_t> full = Ids(sent->send_accepted().full_devices());
    EXPECT_EQ(full, i < 2 ? std::vector<uint32_t>{} : std::vector<uint32_t>{lost->device_id});
  }
  // When every target is full, nothing is stored and the sender is told.
  alice_c.reset();
  ASSERT_EQ(Send(*bob_c, alice->account, {1, lost->device_id}, "a")->code(), wire::OK);
  ASSERT_EQ(Send(*bob_c, alice->account, {1, lost->device_id}, "b")->code(), wire::OK);
  EXPECT_EQ(Send(*bob_c, alice->account, {1, lost->device_id}, "c")->code(), wire::MAILBOX_FULL);
  alice_c = ConnectAs(port(), *alice);
  ASSERT_TRUE(alice_c);
  EXPECT_EQ(ReceiveEnvelopes(*alice_c, 3, milliseconds(1000)).size(), 2u);
}

}  // namespace
}  // namespace kollega::testing
