// The attacks of docs/threat-model.md ("Injecting", claims 2, 4 and 8) run
// against the real relay binary: every frame between one client and the
// relay passes through a HostileRelay (tests/support/hostile_link.h) that
// plays the operator. It adds a device of its own to a peer's or to one's
// own account, writes that device into the signed list, serves an older
// list, and relabels who sent an envelope. Each test asserts what the user
// would check: the ghost got no envelope, the message does not show under
// the wrong sender, and the client said what it refused.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "client_test_util.h"
#include "event_log.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "support/hostile_link.h"

namespace kollega::testing {
namespace {

using client::DecryptionFailed;
using client::DeviceListChanged;
using client::DeviceListRejected;
using client::IdentityChanged;
using client::MessageStatus;
using client::StatusChanged;

constexpr uint32_t kGhost = 7;

// A complete, valid bundle for a device the operator controls: its own
// identity key, a signed prekey it signed, a one-time prekey.
wire::DeviceBundle OperatorsDevice(uint32_t device_id) {
  wire::DeviceBundle d;
  auto context = crypto::SignalContext::Create();
  EXPECT_TRUE(context.ok());
  if (!context.ok()) return d;
  auto identity = crypto::GenerateIdentityKeyPair(**context);
  EXPECT_TRUE(identity.ok());
  if (!identity.ok()) return d;
  auto signed_prekey = crypto::GenerateSignedPreKey(**context, *identity, 1, 1'700'000'000'000);
  auto one_time = crypto::GeneratePreKeys(**context, 1, 1);
  EXPECT_TRUE(signed_prekey.ok() && one_time.ok());
  if (!signed_prekey.ok() || !one_time.ok()) return d;
  d.set_device_id(device_id);
  d.set_registration_id(4242);
  d.set_identity_key(identity->public_key);
  d.mutable_signed_prekey()->set_id(signed_prekey->id);
  d.mutable_signed_prekey()->set_public_key(signed_prekey->public_key);
  d.mutable_signed_prekey()->set_signature(signed_prekey->signature);
  d.mutable_one_time_prekey()->set_id((*one_time)[0].id);
  d.mutable_one_time_prekey()->set_public_key((*one_time)[0].public_key);
  return d;
}

// Every signed list that passed through the man in the middle, by account:
// what an operator has on hand to replay.
class ListsSeen {
 public:
  void Record(const wire::Response& r) {
    if (r.has_bundle() && r.bundle().has_device_list()) Keep(r.bundle().device_list());
    if (r.has_device_mismatch() && r.device_mismatch().has_device_list()) {
      Keep(r.device_mismatch().device_list());
    }
    if (r.has_signed_device_list()) Keep(r.signed_device_list());
  }
  void Record(const wire::Push& p) {
    if (p.has_device_list_changed()) Keep(p.device_list_changed().list());
  }
  std::optional<wire::SignedDeviceList> Version(const std::string& account, uint64_t version) {
    std::lock_guard lock(mu_);
    auto it = lists_.find({account, version});
    if (it == lists_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<wire::SignedDeviceList> Newest(const std::string& account) {
    std::lock_guard lock(mu_);
    std::optional<wire::SignedDeviceList> newest;
    for (const auto& [key, list] : lists_) {
      if (key.first == account) newest = list;  // ordered by version
    }
    return newest;
  }

 private:
  void Keep(const wire::SignedDeviceList& list) {
    wire::DeviceListBody body;
    if (!body.ParseFromString(list.body())) return;
    std::lock_guard lock(mu_);
    lists_[{body.account_id(), body.version()}] = list;
  }
  std::mutex mu_;
  std::map<std::pair<std::string, uint64_t>, wire::SignedDeviceList> lists_;
};

// Hooks capture what they use by value: a client's worker may still be in
// one while the test body's locals are being destroyed.
HostileRelay::Hooks OnResponse(std::function<void(const wire::Request&, wire::Response&)> rewrite) {
  HostileRelay::Hooks hooks;
  hooks.on_response = std::move(rewrite);
  return hooks;
}

HostileRelay::Hooks OnPush(std::function<bool(wire::Push&)> rewrite) {
  HostileRelay::Hooks hooks;
  hooks.on_push = std::move(rewrite);
  return hooks;
}

// Passes everything on unchanged, keeping every signed list it sees.
HostileRelay::Hooks Recording(ListsSeen& lists) {
  HostileRelay::Hooks hooks;
  hooks.on_response = [&lists](const wire::Request&, wire::Response& r) { lists.Record(r); };
  hooks.on_push = [&lists](wire::Push& p) {
    lists.Record(p);
    return true;
  };
  return hooks;
}

bool IsSendTo(const wire::Request& r, const std::string& account) {
  return r.has_send() && r.send().recipient_account() == account;
}

// Envelopes the client handed to the relay for (account, device).
int EnvelopesFor(HostileRelay& mitm, const std::string& account, uint32_t device) {
  int n = 0;
  for (const wire::Request& r : mitm.SentRequests()) {
    if (!IsSendTo(r, account)) continue;
    for (const auto& e : r.send().envelopes()) n += e.device_id() == device;
  }
  return n;
}

void AnswerStale(wire::Response& response, const wire::SignedDeviceList& list,
                 std::vector<uint32_t> missing, std::vector<uint32_t> extra) {
  const uint64_t id = response.id();
  response.Clear();
  response.set_id(id);
  response.set_code(wire::STALE_DEVICES);
  response.set_message("stale devices");
  auto* mismatch = response.mutable_device_mismatch();
  for (uint32_t d : missing) mismatch->add_missing_devices(d);
  for (uint32_t d : extra) mismatch->add_extra_devices(d);
  *mismatch->mutable_device_list() = list;
}

class HostileRelayTest : public ::testing::Test {
 protected:
  struct User {
    std::unique_ptr<client::Client> client;
    std::string hex;
    std::string raw;
    std::unique_ptr<EventLog> log;
  };

  void SetUp() override {
    relay_ = MakeRelay();
    ASSERT_TRUE(relay_->Start());
  }

  client::Client::Options Through(HostileRelay* mitm) {
    client::Client::Options o = FastOptions();
    if (mitm) o.link_factory = mitm->Factory();
    return o;
  }

  // A new account whose every frame passes through `mitm` (none: direct).
  void NewUser(const std::string& name, HostileRelay* mitm, User* out) {
    out->client = OpenClient(tmp_.Sub(name), Through(mitm));
    ASSERT_TRUE(out->client);
    KOLLEGA_ASSERT_OK(out->client->CreateAccount(relay_->url()).Get());
    Finish(out);
  }
  // A second device of `existing`'s account.
  void LinkedTo(User& existing, const std::string& name, HostileRelay* mitm, User* out) {
    out->client = OpenClient(tmp_.Sub(name), Through(mitm));
    ASSERT_TRUE(out->client);
    KOLLEGA_LINK(*existing.client, *out->client, relay_->url());
    Finish(out);
  }
  void Finish(User* u) {
    u->hex = AccountOf(*u->client);
    auto raw = FromHex(u->hex);
    ASSERT_TRUE(raw.has_value());
    u->raw = *raw;
    u->log = std::make_unique<EventLog>(u->client.get());
    KOLLEGA_ASSERT_OK(u->client->StartListening().Get());
  }

  // `from` sends `text` to `to` and `to` shows it.
  static void Exchange(User& from, User& to, const std::string& text) {
    auto sent = from.client->Send(to.hex, text).Get();
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    ASSERT_TRUE(Has(*to.client, from.hex, text, false)) << text;
  }
  // Sessions both ways, and the receipt of the reply back at `b`, so that
  // nothing of this exchange is still in flight when an attack starts.
  static void Converse(User& a, User& b) {
    ASSERT_NO_FATAL_FAILURE(Exchange(a, b, "hello " + b.hex.substr(0, 6)));
    auto back = b.client->Send(a.hex, "hello back").Get();
    ASSERT_TRUE(back.ok());
    ASSERT_TRUE(b.log->WaitFor<StatusChanged>([&](const StatusChanged& s) {
      return s.message_id == *back && s.status == MessageStatus::kDelivered;
    }));
  }
  static bool RejectedFor(User& u, const std::string& peer_hex, const std::string& reason = "") {
    return u.log->WaitFor<DeviceListRejected>([&](const DeviceListRejected& r) {
      return r.peer == peer_hex && r.reason.find(reason) != std::string::npos;
    });
  }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
};

TEST_F(HostileRelayTest, GhostInAPeersBundleGetsNothing) {
  HostileRelay mitm;
  User alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", &mitm, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", nullptr, &bob));
  const wire::DeviceBundle ghost = OperatorsDevice(kGhost);
  mitm.SetHooks(OnResponse([bob_raw = bob.raw, ghost](const wire::Request& req,
                                                      wire::Response& res) {
    if (req.has_fetch_bundle() && req.fetch_bundle().account_id() == bob_raw && res.has_bundle()) {
      *res.mutable_bundle()->add_devices() = ghost;
    }
  }));
  ASSERT_NO_FATAL_FAILURE(Exchange(alice, bob, "for bob only"));
  EXPECT_TRUE(RejectedFor(alice, bob.hex, "offered device 7"));
  EXPECT_EQ(EnvelopesFor(mitm, bob.raw, kGhost), 0);
  EXPECT_GE(EnvelopesFor(mitm, bob.raw, 1), 1);
}

TEST_F(HostileRelayTest, GhostWrittenIntoTheListFailsItsSignature) {
  HostileRelay mitm;
  User alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", &mitm, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", nullptr, &bob));
  const wire::DeviceBundle ghost = OperatorsDevice(kGhost);
  mitm.SetHooks(
      OnResponse([bob_raw = bob.raw, ghost](const wire::Request& req, wire::Response& res) {
        if (!req.has_fetch_bundle() || req.fetch_bundle().account_id() != bob_raw) return;
        if (!res.has_bundle() || !res.bundle().has_device_list()) return;
        wire::DeviceListBody body;
        if (!body.ParseFromString(res.bundle().device_list().body())) return;
        wire::ListedDevice* listed = body.add_devices();
        listed->set_device_id(kGhost);
        listed->set_auth_public_key(std::string(32, 'g'));
        listed->set_registration_id(ghost.registration_id());
        res.mutable_bundle()->mutable_device_list()->set_body(body.SerializeAsString());
        *res.mutable_bundle()->add_devices() = ghost;
      }));
  auto sent = alice.client->Send(bob.hex, "never to the ghost").Get();
  ASSERT_TRUE(sent.ok());
  EXPECT_TRUE(RejectedFor(alice, bob.hex));
  EXPECT_FALSE(
      WaitFor([&] { return CountText(*bob.client, alice.hex, "never to the ghost", false) > 0; },
              std::chrono::milliseconds(1000)));
  EXPECT_EQ(EnvelopesFor(mitm, bob.raw, kGhost), 0);
}

TEST_F(HostileRelayTest, GhostNamedInAStaleAnswerFailsTheSendAndGetsNothing) {
  HostileRelay mitm;
  ListsSeen lists;
  User alice, bob;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", &mitm, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", nullptr, &bob));
  mitm.SetHooks(Recording(lists));
  ASSERT_NO_FATAL_FAILURE(Exchange(alice, bob, "first"));
  const auto bobs_list = lists.Newest(bob.raw);
  ASSERT_TRUE(bobs_list.has_value());

  const wire::DeviceBundle ghost = OperatorsDevice(kGhost);
  mitm.SetHooks(OnResponse(
      [bob_raw = bob.raw, ghost, list = *bobs_list](const wire::Request& req, wire::Response& res) {
        if (IsSendTo(req, bob_raw)) AnswerStale(res, list, {kGhost}, {});
        if (req.has_fetch_bundle() && req.fetch_bundle().device_id() == kGhost) {
          const uint64_t id = res.id();
          res.Clear();
          res.set_id(id);
          res.mutable_bundle()->set_account_id(bob_raw);
          *res.mutable_bundle()->add_devices() = ghost;
          *res.mutable_bundle()->mutable_device_list() = list;
        }
      }));
  auto second = alice.client->Send(bob.hex, "second").Get();
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(RejectedFor(alice, bob.hex, "asks for device 7"));
  EXPECT_EQ(EnvelopesFor(mitm, bob.raw, kGhost), 0);
  EXPECT_FALSE(alice.log->WaitFor<StatusChanged>(
      [&](const StatusChanged& s) {
        return s.message_id == *second && s.status == MessageStatus::kSent;
      },
      std::chrono::milliseconds(300)));
}

TEST_F(HostileRelayTest, GhostInOnesOwnAccountGetsNoSyncCopy) {
  HostileRelay mitm;
  ListsSeen lists;
  User phone, laptop, bob;
  ASSERT_NO_FATAL_FAILURE(NewUser("phone", &mitm, &phone));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", nullptr, &bob));
  mitm.SetHooks(Recording(lists));
  ASSERT_NO_FATAL_FAILURE(LinkedTo(phone, "laptop", nullptr, &laptop));
  ASSERT_TRUE(phone.log->WaitFor<DeviceListChanged>(
      [](const DeviceListChanged& c) { return c.own && c.added == std::vector<uint32_t>{2}; }));
  ASSERT_TRUE(WaitFor([&] { return lists.Newest(phone.raw).has_value(); }));
  const auto own_list = lists.Newest(phone.raw);

  mitm.SetHooks(OnResponse(
      [own = phone.raw, list = *own_list](const wire::Request& req, wire::Response& res) {
        if (IsSendTo(req, own)) AnswerStale(res, list, {kGhost}, {});
      }));
  ASSERT_NO_FATAL_FAILURE(Exchange(phone, bob, "copy me nowhere"));
  EXPECT_TRUE(RejectedFor(phone, phone.hex, "asks for device 7"));
  EXPECT_EQ(EnvelopesFor(mitm, phone.raw, kGhost), 0);
}

TEST_F(HostileRelayTest, RelabelledSenderIsNotBelieved) {
  HostileRelay mitm;
  User alice, bob, carol;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", nullptr, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", &mitm, &bob));
  ASSERT_NO_FATAL_FAILURE(NewUser("carol", nullptr, &carol));
  ASSERT_NO_FATAL_FAILURE(Converse(alice, bob));
  ASSERT_NO_FATAL_FAILURE(Converse(carol, bob));

  // Pushes arrive on one socket thread; the flag outlives the test body.
  auto relabelled = std::make_shared<std::atomic<bool>>(false);
  mitm.SetHooks(
      OnPush([alice_raw = alice.raw, carol_raw = carol.raw, relabelled](wire::Push& push) {
        if (!push.has_deliver()) return true;
        for (auto& delivery : *push.mutable_deliver()->mutable_deliveries()) {
          wire::Envelope envelope;
          if (relabelled->load() || !envelope.ParseFromString(delivery.envelope()) ||
              envelope.sender_account() != alice_raw) {
            continue;
          }
          envelope.set_sender_account(carol_raw);
          delivery.set_envelope(envelope.SerializeAsString());
          relabelled->store(true);
        }
        return true;
      }));
  const std::string text = "from alice, labelled carol";
  auto forged = alice.client->Send(bob.hex, text).Get();
  ASSERT_TRUE(forged.ok());
  ASSERT_TRUE(bob.log->WaitFor<DecryptionFailed>(
      [&](const DecryptionFailed& f) { return f.peer == carol.hex; }));
  EXPECT_EQ(CountText(*bob.client, carol.hex, text, false), 0);
}

TEST_F(HostileRelayTest, PreKeyMessageRelabelledAsAPinnedAccountsNewDeviceIsRefused) {
  HostileRelay mitm;
  User alice, bob, carol;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", nullptr, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob", &mitm, &bob));
  ASSERT_NO_FATAL_FAILURE(NewUser("carol", nullptr, &carol));
  ASSERT_NO_FATAL_FAILURE(Converse(carol, bob));
  auto number_before = bob.client->SafetyNumber(carol.hex).Get();
  ASSERT_TRUE(number_before.ok());

  // Alice has never written to Bob: her first envelope is a PreKey message,
  // which the operator passes off as from a new device of Carol's.
  mitm.SetHooks(OnPush([alice_raw = alice.raw, carol_raw = carol.raw](wire::Push& push) {
    if (!push.has_deliver()) return true;
    for (auto& delivery : *push.mutable_deliver()->mutable_deliveries()) {
      wire::Envelope envelope;
      if (!envelope.ParseFromString(delivery.envelope()) ||
          envelope.sender_account() != alice_raw) {
        continue;
      }
      envelope.set_sender_account(carol_raw);
      envelope.set_sender_device(2);
      delivery.set_envelope(envelope.SerializeAsString());
    }
    return true;
  }));
  const std::string text = "a stranger, passed off as carol";
  ASSERT_TRUE(alice.client->Send(bob.hex, text).Get().ok());
  ASSERT_TRUE(bob.log->WaitFor<IdentityChanged>(
      [&](const IdentityChanged& c) { return c.peer == carol.hex; }));
  EXPECT_EQ(CountText(*bob.client, carol.hex, text, false), 0);
  auto number_after = bob.client->SafetyNumber(carol.hex).Get();
  ASSERT_TRUE(number_after.ok());
  EXPECT_EQ(*number_after, *number_before);
}

TEST_F(HostileRelayTest, RolledBackListInAStaleAnswerIsRefused) {
  HostileRelay mitm;
  ListsSeen lists;
  User alice, phone, laptop;
  ASSERT_NO_FATAL_FAILURE(NewUser("alice", &mitm, &alice));
  ASSERT_NO_FATAL_FAILURE(NewUser("bob-phone", nullptr, &phone));
  mitm.SetHooks(Recording(lists));
  ASSERT_NO_FATAL_FAILURE(Exchange(alice, phone, "to the phone"));
  ASSERT_NO_FATAL_FAILURE(LinkedTo(phone, "bob-laptop", nullptr, &laptop));
  // Alice learns version 2 from the relay's honest STALE_DEVICES answer.
  ASSERT_NO_FATAL_FAILURE(Exchange(alice, laptop, "to both"));
  const auto v1 = lists.Version(phone.raw, 1);
  ASSERT_TRUE(v1.has_value());
  ASSERT_TRUE(lists.Version(phone.raw, 2).has_value());

  // The operator hides the laptop again by replaying version 1.
  mitm.SetHooks(
      OnResponse([owner = phone.raw, list = *v1](const wire::Request& req, wire::Response& res) {
        if (IsSendTo(req, owner)) AnswerStale(res, list, {}, {2});
      }));
  ASSERT_TRUE(alice.client->Send(phone.hex, "after the replay").Get().ok());
  EXPECT_TRUE(RejectedFor(alice, phone.hex, "rolled back"));
}

}  // namespace
}  // namespace kollega::testing
