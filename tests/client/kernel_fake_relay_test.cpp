// The FakeRelay (tests/support/fake_relay.h) driven through raw RelayLink
// calls, as the kernel drives it: if it drifts from the relay's rules
// (docs/protocol.md), the kernel tests that stand on it prove nothing.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <google/protobuf/unknown_field_set.h>
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "kollega/crypto/device_key.h"
#include "support/fake_relay.h"

namespace kollega::testing {
namespace {

using client::RelayLink;

// One raw device: its auth key, its link and what the link was pushed.
struct RawDevice {
  crypto::DeviceKey key = std::move(crypto::DeviceKey::Generate()).value();
  std::unique_ptr<RelayLink> link;
  std::string account;
  uint32_t device = 0;

  std::mutex mu;
  std::vector<wire::Push> pushes;
  std::vector<Status> closes;

  void Open(FakeRelay& relay) {
    RelayLink::Handlers handlers;
    handlers.on_push = [this](const wire::Push& p) {
      std::lock_guard lock(mu);
      pushes.push_back(p);
    };
    handlers.on_close = [this](const Status& s) {
      std::lock_guard lock(mu);
      closes.push_back(s);
      closes.back().IgnoreError();  // a record; the tests look at what matters
    };
    auto opened = relay.Factory()("fake://relay", std::move(handlers), RelayLink::Options());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    link = std::move(opened).value();
  }
  wire::Response Call(const wire::Request& r) {
    auto response = link->Call(r, std::chrono::milliseconds(1000));
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    return response.ok() ? *response : wire::Response();
  }
  wire::Challenge Challenge() {
    wire::Challenge c = link->TakeChallenge();
    if (!c.nonce().empty()) return c;
    wire::Request r;
    r.mutable_get_challenge();
    Call(r);
    return link->TakeChallenge();
  }
  std::string Nonce() { return Challenge().nonce(); }
  wire::Response CreateAccount() {
    wire::Challenge challenge = Challenge();
    const std::string& nonce = challenge.nonce();
    wire::Request r;
    wire::CreateAccount* c = r.mutable_create_account();
    c->set_pow_solution(crypto::SolveProofOfWork(nonce, challenge.pow_bits()));
    c->mutable_device()->set_auth_public_key(key.public_key());
    c->mutable_device()->set_registration_id(42);
    c->mutable_device()->set_proof(*key.Sign(crypto::DeviceAuthMessage(nonce, "", 0)));
    wire::Response response = Call(r);
    account = response.account_created().account_id();
    device = response.account_created().device_id();
    return response;
  }
  wire::Response Authenticate() {
    std::string nonce = Nonce();
    wire::Request r;
    r.mutable_authenticate()->set_account_id(account);
    r.mutable_authenticate()->set_device_id(device);
    r.mutable_authenticate()->set_origin(link->Origin());
    r.mutable_authenticate()->set_signature(
        *key.Sign(crypto::DeviceAuthMessageV2(nonce, account, device, link->Origin(), "")));
    return Call(r);
  }
  wire::Response UploadPrekeys(uint32_t first_id, uint32_t count) {
    wire::Request r;
    wire::UploadPrekeys* u = r.mutable_upload_prekeys();
    u->set_identity_key(std::string(1, 5) + std::string(32, 'i'));
    u->mutable_signed_prekey()->set_id(7);
    u->mutable_signed_prekey()->set_public_key(std::string(1, 5) + std::string(32, 's'));
    u->mutable_signed_prekey()->set_signature(std::string(64, 'g'));
    for (uint32_t i = 0; i < count; ++i) {
      wire::OneTimePrekey* k = u->add_one_time_prekeys();
      k->set_id(first_id + i);
      k->set_public_key(std::string(1, 5) + std::string(32, 'o'));
    }
    return Call(r);
  }
  std::vector<wire::Push> TakePushes() {
    std::lock_guard lock(mu);
    return std::exchange(pushes, {});
  }
};

wire::Request SendTo(const std::string& recipient, const std::vector<uint32_t>& devices,
                     const std::string& tag = "ciphertext") {
  wire::Request r;
  r.mutable_send()->set_recipient_account(recipient);
  for (uint32_t d : devices) {
    wire::OutgoingEnvelope* e = r.mutable_send()->add_envelopes();
    e->set_device_id(d);
    e->set_type(wire::ENVELOPE_TYPE_SIGNAL_MESSAGE);
    e->set_content(tag + "-for-" + std::to_string(d));
  }
  return r;
}

TEST(FakeRelayTest, AccountPrekeysSendPushAndAckFollowTheRelaysRules) {
  FakeRelay relay;
  RawDevice alice, bob;
  alice.Open(relay);
  bob.Open(relay);
  ASSERT_EQ(alice.CreateAccount().code(), wire::OK);
  ASSERT_EQ(bob.CreateAccount().code(), wire::OK);
  ASSERT_EQ(alice.account.size(), 16u);
  EXPECT_EQ(alice.device, 1u);

  // Authenticated with no one-time prekeys: the answer, then PrekeysLow and
  // QueueEmpty, in the relay's order.
  ASSERT_EQ(alice.Authenticate().code(), wire::OK);
  std::vector<wire::Push> pushes = alice.TakePushes();
  ASSERT_EQ(pushes.size(), 2u);
  EXPECT_TRUE(pushes[0].has_prekeys_low());
  EXPECT_TRUE(pushes[1].has_queue_empty());
  ASSERT_EQ(alice.UploadPrekeys(1, 12).code(), wire::OK);
  EXPECT_EQ(relay.OneTimePrekeyCount(alice.account, 1), 12u);
  EXPECT_EQ(relay.SignedPrekeyId(alice.account, 1), 7u);
  ASSERT_EQ(bob.Authenticate().code(), wire::OK);
  bob.TakePushes();

  // Each one-time prekey is handed out once; below 10 left, PrekeysLow.
  wire::Request fetch;
  fetch.mutable_fetch_bundle()->set_account_id(alice.account);
  wire::Response first = bob.Call(fetch);
  wire::Response second = bob.Call(fetch);
  wire::Response third = bob.Call(fetch);
  ASSERT_EQ(first.bundle().devices_size(), 1);
  EXPECT_EQ(first.bundle().devices(0).registration_id(), 42u);
  EXPECT_NE(first.bundle().devices(0).one_time_prekey().id(),
            second.bundle().devices(0).one_time_prekey().id());
  EXPECT_EQ(relay.OneTimePrekeyCount(alice.account, 1), 9u);
  pushes = alice.TakePushes();
  ASSERT_EQ(pushes.size(), 1u);
  EXPECT_EQ(pushes[0].prekeys_low().one_time(), 9u);
  (void)third;

  // Send: pushed at once to the connected recipient, with the sender the
  // relay authenticated; a quiet ack empties the mailbox without an answer.
  wire::Response accepted = bob.Call(SendTo(alice.account, {1}));
  ASSERT_EQ(accepted.code(), wire::OK);
  EXPECT_TRUE(accepted.has_send_accepted());
  EXPECT_EQ(relay.MailboxSize(alice.account, 1), 1u);
  pushes = alice.TakePushes();
  ASSERT_EQ(pushes.size(), 1u);
  ASSERT_EQ(pushes[0].deliver().deliveries_size(), 1);
  wire::Envelope envelope;
  ASSERT_TRUE(envelope.ParseFromString(pushes[0].deliver().deliveries(0).envelope()));
  EXPECT_EQ(envelope.sender_account(), bob.account);
  EXPECT_EQ(envelope.sender_device(), 1u);
  EXPECT_EQ(envelope.content(), "ciphertext-for-1");
  wire::Request ack;
  ack.mutable_ack()->add_seqs(pushes[0].deliver().deliveries(0).seq());
  ack.mutable_ack()->set_quiet(true);
  ASSERT_TRUE(alice.link->SendOnly(ack).ok());
  EXPECT_EQ(relay.MailboxSize(alice.account, 1), 0u);
  // Acknowledging it again names a seq that is gone.
  ack.mutable_ack()->set_quiet(false);
  EXPECT_EQ(alice.Call(ack).code(), wire::UNKNOWN_ENVELOPE);
  EXPECT_EQ(relay.RequestCount(wire::Request::kSend), 1u);
  EXPECT_EQ(relay.RequestCount(wire::Request::kAck), 2u);
}

TEST(FakeRelayTest, StaleDevicesNameExactlyTheMissingAndExtraOnes) {
  FakeRelay relay;
  RawDevice alice, bob;
  alice.Open(relay);
  bob.Open(relay);
  alice.CreateAccount();
  bob.CreateAccount();
  ASSERT_EQ(bob.Authenticate().code(), wire::OK);
  Result<uint32_t> added = relay.AddDevice(alice.account);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 2u);

  wire::Response stale = bob.Call(SendTo(alice.account, {1, 3}));
  ASSERT_EQ(stale.code(), wire::STALE_DEVICES);
  ASSERT_EQ(stale.device_mismatch().missing_devices_size(), 1);
  EXPECT_EQ(stale.device_mismatch().missing_devices(0), 2u);
  ASSERT_EQ(stale.device_mismatch().extra_devices_size(), 1);
  EXPECT_EQ(stale.device_mismatch().extra_devices(0), 3u);
  EXPECT_EQ(relay.MailboxSize(alice.account, 1), 0u);  // nothing was stored

  // The added device has a bundle a sender can use.
  wire::Request fetch;
  fetch.mutable_fetch_bundle()->set_account_id(alice.account);
  fetch.mutable_fetch_bundle()->set_device_id(2);
  wire::Response bundle = bob.Call(fetch);
  ASSERT_EQ(bundle.bundle().devices_size(), 1);
  EXPECT_EQ(bundle.bundle().devices(0).identity_key().size(), 33u);
  EXPECT_TRUE(bundle.bundle().devices(0).has_one_time_prekey());

  ASSERT_EQ(bob.Call(SendTo(alice.account, {1, 2})).code(), wire::OK);
  EXPECT_EQ(relay.MailboxSize(alice.account, 2), 1u);
  ASSERT_TRUE(relay.RemoveDevice(alice.account, 2).ok());
  EXPECT_EQ(bob.Call(SendTo(alice.account, {1, 2})).device_mismatch().extra_devices(0), 2u);

  // To one's own account the sending device is left out.
  wire::Response own = bob.Call(SendTo(bob.account, {1}));
  EXPECT_EQ(own.code(), wire::STALE_DEVICES);
  EXPECT_EQ(own.device_mismatch().extra_devices(0), 1u);
  std::string nobody(16, 'x');
  EXPECT_EQ(bob.Call(SendTo(nobody, {1})).code(), wire::UNKNOWN_ACCOUNT);
}

TEST(FakeRelayTest, UnackedEnvelopesAreRedeliveredOnTheNextConnection) {
  FakeRelay relay;
  RawDevice alice, bob;
  alice.Open(relay);
  bob.Open(relay);
  alice.CreateAccount();
  bob.CreateAccount();
  ASSERT_EQ(alice.Authenticate().code(), wire::OK);
  ASSERT_EQ(bob.Authenticate().code(), wire::OK);
  alice.TakePushes();

  EXPECT_TRUE(relay.Disconnect(alice.account, 1));
  EXPECT_FALSE(alice.link->is_open());
  ASSERT_EQ(alice.closes.size(), 1u);
  EXPECT_EQ(alice.closes[0].code(), StatusCode::kUnavailable);
  EXPECT_FALSE(alice.link->Call(wire::Request(), std::chrono::milliseconds(10)).ok());
  ASSERT_EQ(bob.Call(SendTo(alice.account, {1}, "first")).code(), wire::OK);
  ASSERT_EQ(bob.Call(SendTo(alice.account, {1}, "second")).code(), wire::OK);
  EXPECT_TRUE(alice.TakePushes().empty());

  // As if the two sends had reached the relay the other way round.
  std::vector<wire::Envelope> before = relay.Mailbox(alice.account, 1);
  relay.ReverseMailbox(alice.account, 1);
  std::vector<wire::Envelope> after = relay.Mailbox(alice.account, 1);
  ASSERT_EQ(before.size(), 2u);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(before[0].content(), "first-for-1");
  EXPECT_EQ(after[0].content(), "second-for-1");
  EXPECT_EQ(after[1].content(), "first-for-1");

  // Offline: no new links.
  relay.SetOffline(true);
  EXPECT_EQ(relay.Factory()("fake://", {}, {}).status().code(), StatusCode::kUnavailable);
  relay.SetOffline(false);

  // Held: authenticated, but nothing pushed until released.
  relay.HoldDeliveries(true);
  alice.closes.clear();
  alice.Open(relay);
  wire::Response auth = alice.Authenticate();
  EXPECT_EQ(auth.authenticated().queued(), 2u);
  std::vector<wire::Push> pushes = alice.TakePushes();
  ASSERT_EQ(pushes.size(), 1u);  // PrekeysLow only
  EXPECT_TRUE(pushes[0].has_prekeys_low());
  relay.HoldDeliveries(false);
  pushes = alice.TakePushes();
  ASSERT_EQ(pushes.size(), 2u);
  ASSERT_EQ(pushes[0].deliver().deliveries_size(), 2);
  EXPECT_LT(pushes[0].deliver().deliveries(0).seq(), pushes[0].deliver().deliveries(1).seq());
  EXPECT_TRUE(pushes[1].has_queue_empty());

  // A second connection of the same device replaces the first.
  RawDevice again;
  again.key = std::move(alice.key);
  again.account = alice.account;
  again.device = 1;
  again.Open(relay);
  ASSERT_EQ(again.Authenticate().code(), wire::OK);
  EXPECT_FALSE(alice.link->is_open());
  EXPECT_EQ(alice.closes.size(), 1u);
  EXPECT_TRUE(relay.IsConnected(alice.account, 1));
  EXPECT_EQ(relay.LinksOpened(), 4u);
}

TEST(FakeRelayTest, RefusesReplayedNoncesForgedSignaturesAndBadWork) {
  FakeRelay::Options options;
  options.pow_bits = 8;
  FakeRelay relay(options);
  RawDevice alice;
  alice.Open(relay);
  std::string nonce = alice.Nonce();
  wire::Request r;
  wire::CreateAccount* c = r.mutable_create_account();
  c->set_pow_solution("not-a-solution");
  c->mutable_device()->set_auth_public_key(alice.key.public_key());
  c->mutable_device()->set_registration_id(42);
  c->mutable_device()->set_proof(*alice.key.Sign(crypto::DeviceAuthMessage(nonce, "", 0)));
  // The odds that a fixed string meets 8 bits are 1/256; make it certain.
  if (crypto::CheckProofOfWork(nonce, "not-a-solution", 8)) GTEST_SKIP();
  EXPECT_EQ(alice.Call(r).code(), wire::BAD_PROOF_OF_WORK);
  EXPECT_EQ(alice.Call(r).code(), wire::AUTH_FAILED);  // the nonce is spent

  ASSERT_EQ(alice.CreateAccount().code(), wire::OK);
  nonce = alice.Nonce();
  wire::Request auth;
  auth.mutable_authenticate()->set_account_id(alice.account);
  auth.mutable_authenticate()->set_device_id(1);
  auth.mutable_authenticate()->set_signature(
      *alice.key.Sign(crypto::DeviceAuthMessage(nonce, alice.account, 2)));
  EXPECT_EQ(alice.Call(auth).code(), wire::AUTH_FAILED);
  wire::Request send = SendTo(alice.account, {1});
  EXPECT_EQ(alice.Call(send).code(), wire::NOT_AUTHENTICATED);
}

TEST(FakeRelayTest, AnnouncesFeaturesAndChecksKeyShapesLikeTheRelay) {
  FakeRelay relay;
  RawDevice alice;
  alice.Open(relay);
  wire::Challenge challenge = alice.link->TakeChallenge();
  EXPECT_EQ(challenge.protocol_version(), 1u);
  EXPECT_EQ(std::vector<std::string>(challenge.features().begin(), challenge.features().end()),
            (std::vector<std::string>{"ack.quiet", "link.provisioning"}));
  EXPECT_EQ(alice.Call(wire::Request()).code(), wire::MALFORMED);  // no op at all
  wire::Request newer;
  newer.GetReflection()->MutableUnknownFields(&newer)->AddVarint(99, 1);  // a newer client's op
  EXPECT_EQ(alice.Call(newer).code(), wire::UNSUPPORTED_OPERATION);

  alice.CreateAccount();
  ASSERT_EQ(alice.Authenticate().code(), wire::OK);
  wire::Request first;
  first.mutable_upload_prekeys()->set_identity_key(std::string(1, 5) + std::string(32, 'i'));
  EXPECT_EQ(alice.Call(first).code(), wire::INVALID_ARGUMENT);  // no signed prekey yet
  wire::Request wrong_type;
  wrong_type.mutable_upload_prekeys()->set_identity_key(std::string(33, 'i'));
  EXPECT_EQ(alice.Call(wrong_type).code(), wire::INVALID_ARGUMENT);
  ASSERT_EQ(alice.UploadPrekeys(1, 3).code(), wire::OK);
  EXPECT_EQ(alice.Call(first).code(), wire::OK);  // later uploads need none
}

}  // namespace
}  // namespace kollega::testing
