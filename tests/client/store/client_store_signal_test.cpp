// Real libsignal over the RocksDB client store: Alice and Bob each keep
// their Signal state in an OpenRocksClientStore, exchange v3 messages, close
// and reopen their stores, and carry on — the records persist byte for byte.
// Also the atomic receive the outer transaction exists for.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "client_store_fixture.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_sessions.h"

namespace kollega::client::testing {
namespace {

using crypto::EncryptedMessage;
using crypto::SignalAddress;

// One device: a context, a RocksDB client store in its own directory, and
// SignalSessions over it. Close()/Open() play a restart of the app.
class RocksParty {
 public:
  explicit RocksParty(std::string name) : name_(std::move(name)) {
    context_ = Must(crypto::SignalContext::Create());
    Install();
  }
  ~RocksParty() { Close(); }  // sessions and store before the context

  // A fresh install in a new directory: new identity and keys.
  void Install() {
    Close();
    dir_ = std::make_unique<TempDir>();
    Open();
    identity_ = Must(crypto::GenerateIdentityKeyPair(*context_));
    registration_id_ = Must(crypto::GenerateRegistrationId(*context_));
    ASSERT_TRUE(store_->SaveLocalIdentity(identity_, registration_id_).ok());
    signed_ = Must(crypto::GenerateSignedPreKey(*context_, identity_, 7, 1'700'000'000'000));
    ASSERT_TRUE(store_->StoreSignedPreKey(signed_.id, signed_.record).ok());
    pre_keys_ = Must(crypto::GeneratePreKeys(*context_, 1, 4));
    for (const auto& k : pre_keys_) ASSERT_TRUE(store_->StorePreKey(k.id, k.record).ok());
    next_pre_key_ = 0;
  }

  void Close() {
    sessions_.reset();
    store_.reset();
  }
  void Open() {
    store_ = Must(OpenRocksClientStore(dir_->path(), kollega::testing::TestStoreKey()));
    sessions_ = std::make_unique<crypto::SignalSessions>(*context_, *store_);
  }
  void Restart() {
    Close();
    Open();
  }

  crypto::PreKeyBundle Bundle() {
    crypto::PreKeyBundle b;
    b.registration_id = registration_id_;
    b.device_id = 1;
    b.identity_key = identity_.public_key;
    b.signed_pre_key_id = signed_.id;
    b.signed_pre_key = signed_.public_key;
    b.signed_pre_key_signature = signed_.signature;
    if (next_pre_key_ < pre_keys_.size()) {
      b.pre_key_id = pre_keys_[next_pre_key_].id;
      b.pre_key = pre_keys_[next_pre_key_].public_key;
      ++next_pre_key_;
    }
    return b;
  }

  SignalAddress address() const { return {name_, 1}; }
  ClientStore& store() { return *store_; }
  crypto::SignalSessions& sessions() { return *sessions_; }

 private:
  std::string name_;
  std::unique_ptr<crypto::SignalContext> context_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<ClientStore> store_;
  std::unique_ptr<crypto::SignalSessions> sessions_;
  crypto::IdentityKeyPair identity_;
  uint32_t registration_id_ = 0;
  crypto::SignedPreKey signed_;
  std::vector<crypto::PreKey> pre_keys_;
  size_t next_pre_key_ = 0;
};

EncryptedMessage Send(RocksParty& from, RocksParty& to, const std::string& text) {
  return Must(from.sessions().Encrypt(to.address(), text));
}
std::string Receive(RocksParty& to, RocksParty& from, const EncryptedMessage& m) {
  return Must(to.sessions().Decrypt(from.address(), m.type, m.bytes));
}

class RocksSignalTest : public ::testing::Test {
 protected:
  RocksParty alice_{"alice"};
  RocksParty bob_{"bob"};
};

TEST_F(RocksSignalTest, ConversationContinuesAcrossRestartsOfBothStores) {
  auto bundle = bob_.Bundle();
  const uint32_t used_pre_key = *bundle.pre_key_id;
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bundle).ok());
  auto first = Send(alice_, bob_, "hello bob");
  EXPECT_EQ(first.type, crypto::MessageType::kPreKey);

  alice_.Restart();  // the PreKey message is in flight
  bob_.Restart();
  EXPECT_EQ(Receive(bob_, alice_, first), "hello bob");
  EXPECT_FALSE(Must(bob_.store().ContainsPreKey(used_pre_key)));  // consumed
  auto reply = Send(bob_, alice_, "hello alice");
  EXPECT_EQ(reply.type, crypto::MessageType::kSignal);
  EXPECT_EQ(Receive(alice_, bob_, reply), "hello alice");

  for (int round = 0; round < 3; ++round) {
    alice_.Restart();
    bob_.Restart();
    EXPECT_FALSE(Must(bob_.store().ContainsPreKey(used_pre_key)));
    for (int i = 0; i < 3; ++i) {
      const std::string a = "a" + std::to_string(round) + "." + std::to_string(i);
      const std::string b = "b" + std::to_string(round) + "." + std::to_string(i);
      auto to_bob = Send(alice_, bob_, a);
      EXPECT_EQ(to_bob.type, crypto::MessageType::kSignal);
      EXPECT_EQ(Receive(bob_, alice_, to_bob), a);
      EXPECT_EQ(Receive(alice_, bob_, Send(bob_, alice_, b)), b);
    }
  }
  // A message sent before a restart and delivered after it.
  auto late = Send(bob_, alice_, "sent before restart");
  bob_.Restart();
  alice_.Restart();
  EXPECT_EQ(Receive(alice_, bob_, late), "sent before restart");
  EXPECT_EQ(Must(alice_.store().SessionDevices("bob")), std::vector<int32_t>{1});
}

TEST_F(RocksSignalTest, CrashBetweenDecryptAndCommitLosesNothing) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  EXPECT_EQ(Receive(bob_, alice_, Send(alice_, bob_, "setup")), "setup");
  EXPECT_EQ(Receive(alice_, bob_, Send(bob_, alice_, "ack")), "ack");
  auto m = Send(alice_, bob_, "must not be lost");

  ASSERT_TRUE(bob_.store().BeginOuter().ok());
  EXPECT_EQ(Receive(bob_, alice_, m), "must not be lost");
  StoredMessage stored;
  stored.message_id = "id-1";
  stored.peer_account = "alice";
  stored.text = "must not be lost";
  ASSERT_TRUE(bob_.store().AddMessage(stored).ok());
  bob_.Restart();  // crash before CommitOuter: ratchet and history both roll back

  EXPECT_FALSE(Must(bob_.store().HasMessage("alice", "id-1")));
  ASSERT_TRUE(bob_.store().BeginOuter().ok());
  EXPECT_EQ(Receive(bob_, alice_, m), "must not be lost");  // redelivery decrypts again
  ASSERT_TRUE(bob_.store().AddMessage(stored).ok());
  ASSERT_TRUE(bob_.store().CommitOuter().ok());
  bob_.Restart();
  EXPECT_TRUE(Must(bob_.store().HasMessage("alice", "id-1")));
  // Now it is a duplicate, and the session still works both ways.
  EXPECT_FALSE(bob_.sessions().Decrypt(alice_.address(), m.type, m.bytes).ok());
  EXPECT_EQ(Receive(alice_, bob_, Send(bob_, alice_, "got it")), "got it");
}

TEST_F(RocksSignalTest, FailedDecryptInsideOuterTransactionCommitsNothing) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  auto m = Send(alice_, bob_, "first");
  auto forged = m;
  forged.bytes.back() ^= 0x01;  // breaks the MAC

  ASSERT_TRUE(bob_.store().BeginOuter().ok());
  EXPECT_FALSE(bob_.sessions().Decrypt(alice_.address(), forged.type, forged.bytes).ok());
  EXPECT_FALSE(bob_.store().CommitOuter().ok());
  // The forged message pinned nothing: the genuine one still decrypts.
  bob_.Restart();
  EXPECT_EQ(Must(bob_.store().LoadIdentity(alice_.address())), std::nullopt);
  EXPECT_EQ(Receive(bob_, alice_, m), "first");
}

TEST_F(RocksSignalTest, PinnedIdentitySurvivesRestartAndRefusesANewKey) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  EXPECT_EQ(Receive(bob_, alice_, Send(alice_, bob_, "hi")), "hi");
  bob_.Install();  // Bob reinstalls: a new identity key
  alice_.Restart();
  Status s = alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle());
  EXPECT_EQ(crypto::ClassifySessionError(s), crypto::SessionError::kUntrustedIdentity)
      << s.ToString();
}

}  // namespace
}  // namespace kollega::client::testing
