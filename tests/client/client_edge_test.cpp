// Integration: identity changes, duplicates, and what the relay's database
// holds after a full exchange. These reach into a closed client's store
// directly to set up (or inspect) what a live client can't be made to do.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include "client_test_util.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "store/client_store.h"

namespace kollega::testing {
namespace {

std::unique_ptr<client::ClientStore> OpenStore(const std::string& client_dir) {
  auto store = client::OpenRocksClientStore(client_dir + "/store", TestStoreKey());
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

class ClientEdgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    relay_ = MakeRelay();
    ASSERT_TRUE(relay_->Start());
  }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
};

// Scenario: the key Bob presents is not the one Alice pinned for him — what
// Alice sees when the relay substitutes keys (a man in the middle), or when
// a peer comes back with a new identity. All devices of an account share one
// identity, so the faithful way to produce it here is to change the key
// Alice's store pinned for Bob while her client is closed. Bob's next
// message must be refused, flagged, kept on the relay (not acknowledged),
// and received only after Alice accepts the new key.
TEST_F(ClientEdgeTest, ChangedIdentityIsFlaggedAndHeldUntilAccepted) {
  std::string alice, bob_id;
  auto b = OpenClient(tmp_.Sub("bob"));
  KOLLEGA_ASSERT_OK(b->CreateAccount(relay_->url()).Get());
  bob_id = AccountOf(*b);
  {
    auto a = OpenClient(tmp_.Sub("alice"));
    KOLLEGA_ASSERT_OK(a->CreateAccount(relay_->url()).Get());
    alice = AccountOf(*a);
    ASSERT_TRUE(a->Send(bob_id, "first").Get().ok());
    KOLLEGA_ASSERT_OK(ConnectDrained(*b));
    ASSERT_EQ(CountText(*b, alice, "first", false), 1);
  }
  {
    auto store = OpenStore(tmp_.Sub("alice"));
    ASSERT_TRUE(store);
    auto context = crypto::SignalContext::Create();
    ASSERT_TRUE(context.ok());
    auto other = crypto::GenerateIdentityKeyPair(**context);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(store->SaveIdentity({*FromHex(bob_id), 1}, other->public_key).ok());
  }
  auto a = OpenClient(tmp_.Sub("alice"));
  std::vector<client::EventPtr> seen;
  KOLLEGA_ASSERT_OK(ConnectDrained(*a, true, &seen));
  ASSERT_TRUE(b->Send(alice, "after the change").Get().ok());

  bool flagged = false;
  WaitFor([&] {
    for (auto& e : a->PollEvents()) seen.push_back(std::move(e));
    for (const auto& e : seen) {
      auto* changed = client::As<client::IdentityChanged>(*e);
      flagged |= changed && changed->peer == bob_id;
    }
    return flagged;
  });
  EXPECT_TRUE(flagged);
  auto pending = a->PendingIdentityChanges().Get();
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].peer, bob_id);
  EXPECT_EQ(CountText(*a, bob_id, "after the change", false), 0);

  Status accepted = a->AcceptIdentityChange(bob_id).Get();
  ASSERT_TRUE(accepted.ok()) << accepted.ToString();
  EXPECT_TRUE(Has(*a, bob_id, "after the change", false));
  EXPECT_TRUE(a->PendingIdentityChanges().Get()->empty());
  // And sending to the account works again.
  ASSERT_TRUE(a->Send(bob_id, "after accepting").Get().ok());
  KOLLEGA_ASSERT_OK(ConnectDrained(*b));
  EXPECT_TRUE(Has(*b, alice, "after accepting", false));
}

// The sender crashed after the relay accepted a message but before it was
// taken off its outbound queue, so it goes out twice (as two different
// ciphertexts): the recipient shows it once.
TEST_F(ClientEdgeTest, ResentMessageIsShownOnce) {
  auto b = OpenClient(tmp_.Sub("bob"));
  KOLLEGA_ASSERT_OK(b->CreateAccount(relay_->url()).Get());
  const std::string bob_id = AccountOf(*b);
  std::string alice;
  {
    auto a = OpenClient(tmp_.Sub("alice"));
    KOLLEGA_ASSERT_OK(a->CreateAccount(relay_->url()).Get());
    alice = AccountOf(*a);
    a->Disconnect().Get().IgnoreError();
    ASSERT_TRUE(a->Send(bob_id, "only once").Get().ok());
  }
  {
    auto store = OpenStore(tmp_.Sub("alice"));
    ASSERT_TRUE(store);
    auto items = store->PendingOutbound(10);
    ASSERT_TRUE(items.ok());
    int copies = 0;
    for (const auto& item : *items) {
      if (item.recipient_account != *FromHex(bob_id)) continue;
      ASSERT_TRUE(store->EnqueueOutbound(item.recipient_account, item.content).ok());
      ++copies;
    }
    ASSERT_EQ(copies, 1);
  }
  auto a = OpenClient(tmp_.Sub("alice"));
  KOLLEGA_ASSERT_OK(ConnectDrained(*a));
  ASSERT_TRUE(a->Send(bob_id, "marker after").Get().ok());
  KOLLEGA_ASSERT_OK(ConnectDrained(*b, true));
  ASSERT_TRUE(Has(*b, alice, "marker after", false));
  EXPECT_EQ(CountText(*b, alice, "only once", false), 1);
}

// The recipient stored a message but "crashed" before acknowledging it, so
// the relay delivers the same envelope again on the next connection: the
// library reports a duplicate, it is acknowledged, and it shows once.
TEST_F(ClientEdgeTest, RedeliveredEnvelopeIsShownOnce) {
  auto a = OpenClient(tmp_.Sub("alice"));
  KOLLEGA_ASSERT_OK(a->CreateAccount(relay_->url()).Get());
  const std::string alice = AccountOf(*a);
  std::string bob_id;
  {
    auto options = FastOptions();
    options.acknowledge = false;
    auto b = client::Client::Open(tmp_.Sub("bob"), WithTestStoreKey(options));
    ASSERT_TRUE(b.ok());
    KOLLEGA_ASSERT_OK((*b)->CreateAccount(relay_->url()).Get());
    bob_id = AccountOf(**b);
    ASSERT_TRUE(a->Send(bob_id, "delivered twice").Get().ok());
    KOLLEGA_ASSERT_OK(ConnectDrained(*(*b)));
    ASSERT_EQ(CountText(**b, alice, "delivered twice", false), 1);
  }
  auto b = OpenClient(tmp_.Sub("bob"));
  std::vector<client::EventPtr> seen;
  // The relay redelivers the unacknowledged envelope.
  KOLLEGA_ASSERT_OK(ConnectDrained(*b, false, &seen));
  KOLLEGA_ASSERT_OK(ConnectDrained(*b, true, &seen));
  ASSERT_TRUE(a->Send(bob_id, "after redelivery").Get().ok());
  ASSERT_TRUE(Has(*b, alice, "after redelivery", false));
  EXPECT_EQ(CountText(*b, alice, "delivered twice", false), 1);
  for (auto& e : b->PollEvents()) seen.push_back(std::move(e));
  bool failed = false;
  for (const auto& e : seen) failed |= client::As<client::DecryptionFailed>(*e) != nullptr;
  EXPECT_FALSE(failed);
}

// Everything the relay keeps after a full exchange, read back key by key and
// value by value from every column family: no plaintext, no private key.
TEST_F(ClientEdgeTest, RelayDatabaseHoldsNoPlaintextAndNoPrivateKeys) {
  const std::string marker_a = "MARKER-a7f3c1-from-alice-to-bob";
  const std::string marker_b = "MARKER-9d2e44-from-bob-to-alice";
  const std::string marker_l = "MARKER-51bb09-from-linked-device";
  std::vector<std::string> dirs = {"alice1", "bob", "alice2"};
  {
    auto a1 = OpenClient(tmp_.Sub("alice1"));
    auto a2 = OpenClient(tmp_.Sub("alice2"));
    auto b = OpenClient(tmp_.Sub("bob"));
    KOLLEGA_ASSERT_OK(a1->CreateAccount(relay_->url()).Get());
    KOLLEGA_ASSERT_OK(b->CreateAccount(relay_->url()).Get());
    // With the relay's linking support, a second device joins; without it
    // the test still covers the two-account exchange.
    auto code = a1->StartLinking().Get();
    ASSERT_TRUE(code.ok());
    Status linked = a2->LinkDevice(relay_->url(), *code).Get();
    ASSERT_TRUE(linked.ok() || linked.code() == StatusCode::kFailedPrecondition)
        << linked.ToString();
    if (!linked.ok()) {
      a2.reset();
      dirs.pop_back();
    }
    const std::string alice = AccountOf(*a1);
    const std::string bob_id = AccountOf(*b);
    KOLLEGA_ASSERT_OK(ConnectDrained(*b, true));
    ASSERT_TRUE(a1->Send(bob_id, marker_a).Get().ok());
    ASSERT_TRUE(Has(*b, alice, marker_a, false));
    if (a2) {
      KOLLEGA_ASSERT_OK(ConnectDrained(*a2, true));
      ASSERT_TRUE(a2->Send(bob_id, marker_l).Get().ok());
      ASSERT_TRUE(Has(*b, alice, marker_l, false));
    }
    // Left in the mailbox on purpose: alice1 is not connected to take it.
    a1->Disconnect().Get().IgnoreError();
    ASSERT_TRUE(b->Send(alice, marker_b).Get().ok());
    if (a2) {
      ASSERT_TRUE(Has(*a2, bob_id, marker_b, false));
    }
  }
  std::vector<std::string> secrets = {marker_a, marker_b, marker_l};
  for (const auto& who : dirs) {
    auto store = OpenStore(tmp_.Sub(who));
    ASSERT_TRUE(store);
    auto identity = store->LoadLocalIdentity();
    ASSERT_TRUE(identity.ok());
    auto account = store->LoadAccount();
    ASSERT_TRUE(account.ok() && account->has_value());
    secrets.push_back(identity->private_key);
    secrets.push_back((*account)->device_auth_seed);
    secrets.push_back((*account)->account_secret);
  }
  relay_->Stop();

  rocksdb::Options options;
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, relay_->data_dir(), &families).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& f : families) descriptors.emplace_back(f, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::OpenForReadOnly(options, relay_->data_dir(), descriptors, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  size_t records = 0;
  size_t envelopes_bytes = 0;
  for (auto* handle : handles) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handle));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++records;
      const std::string key = it->key().ToString();
      const std::string value = it->value().ToString();
      envelopes_bytes += value.size();
      for (size_t i = 0; i < secrets.size(); ++i) {
        ASSERT_EQ(key.find(secrets[i]), std::string::npos) << "secret " << i << " in a key";
        ASSERT_EQ(value.find(secrets[i]), std::string::npos)
            << "secret " << i << " in a value of " << handle->GetName();
      }
    }
    ASSERT_TRUE(it->status().ok());
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  EXPECT_GT(records, 0u);  // the scan saw the accounts, prekeys and mailbox
  EXPECT_GT(envelopes_bytes, 256u);
}

// Signed prekeys rotate at connect once old enough (here: always). The one
// just replaced still opens a first message encrypted to it while the device
// was away; older ones are deleted once replaced longer ago than the grace
// period (here: at once), so their private halves cannot leak later.
TEST_F(ClientEdgeTest, SignedPrekeysRotateAndOldOnesAreForgotten) {
  client::Client::Options rotating = FastOptions();
  rotating.signed_prekey_max_age = std::chrono::milliseconds(0);
  rotating.signed_prekey_grace = std::chrono::milliseconds(0);
  auto alice = OpenClient(tmp_.Sub("alice"), rotating);
  auto carol = OpenClient(tmp_.Sub("carol"));
  auto dave = OpenClient(tmp_.Sub("dave"));
  for (auto* c : {alice.get(), carol.get(), dave.get()}) {
    KOLLEGA_ASSERT_OK(c->CreateAccount(relay_->url()).Get());
  }
  const std::string alice_id = AccountOf(*alice);
  alice->Disconnect().Get().IgnoreError();          // rotation happens when a connection is made
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice, true));  // signed prekey 1 -> 2
  alice->Disconnect().Get().IgnoreError();
  // Carol's first message uses the bundle with signed prekey 2 and waits.
  auto sent = carol->Send(alice_id, "while away").Get();
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_TRUE(WaitFor([&] {
    auto status = StatusOf(*carol, alice_id, *sent);
    return status && *status != client::MessageStatus::kQueued;
  }));                                              // on the relay, encrypted to signed prekey 2
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice, true));  // 2 -> 3; 1 goes, 2 stays
  EXPECT_TRUE(Has(*alice, AccountOf(*carol), "while away", false));
  ASSERT_TRUE(dave->Send(alice_id, "to the newest").Get().ok());  // signed prekey 3
  EXPECT_TRUE(Has(*alice, AccountOf(*dave), "to the newest", false));

  alice.reset();
  auto store = OpenStore(tmp_.Sub("alice"));
  ASSERT_TRUE(store);
  auto account = store->LoadAccount();
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ((*account)->signed_prekey_id, 3u);
  auto gone = store->LoadSignedPreKey(1);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  for (uint32_t kept : {2u, 3u}) {
    auto record = store->LoadSignedPreKey(kept);
    ASSERT_TRUE(record.ok());
    EXPECT_TRUE(record->has_value()) << kept;
  }
}

TEST_F(ClientEdgeTest, AYoungSignedPrekeyIsKept) {
  auto alice = OpenClient(tmp_.Sub("alice"));  // default: a week
  KOLLEGA_ASSERT_OK(alice->CreateAccount(relay_->url()).Get());
  alice->Disconnect().Get().IgnoreError();
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice, true));  // a new connection: checks the age
  alice.reset();
  auto store = OpenStore(tmp_.Sub("alice"));
  ASSERT_TRUE(store);
  auto account = store->LoadAccount();
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ((*account)->signed_prekey_id, 1u);
}

}  // namespace
}  // namespace kollega::testing
