// Client store, libsignal side: every SignalStore method, the transaction
// overlay (reads see pending writes and deletes), rollback, and the outer
// transaction that SignalStore transactions join. Real RocksDB in a temp dir.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client_store_fixture.h"

namespace kollega::client::testing {
namespace {

using crypto::SenderKeyName;
using crypto::SignalAddress;
using ::testing::ElementsAre;

SignalAddress Addr(std::string name, int32_t device) { return {std::move(name), device}; }

std::optional<std::string> Session(ClientStore& s, const SignalAddress& a) {
  return Must(s.LoadSession(a));
}

StoredMessage Message(const std::string& peer, const std::string& id, int64_t ms) {
  StoredMessage m;
  m.message_id = id;
  m.peer_account = peer;
  m.stored_ms = ms;
  m.text = "text of " + id;
  return m;
}

TEST_F(ClientStoreTest, SessionStoreLoadContainsDelete) {
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "record-1").ok());
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "record-1");
  EXPECT_TRUE(Must(store_->ContainsSession(Addr("bob", 1))));
  EXPECT_FALSE(Must(store_->ContainsSession(Addr("bob", 2))));
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "record-2").ok());  // overwrite
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "record-2");
  ASSERT_TRUE(store_->DeleteSession(Addr("bob", 1)).ok());
  EXPECT_FALSE(Must(store_->ContainsSession(Addr("bob", 1))));
  EXPECT_TRUE(store_->DeleteSession(Addr("bob", 1)).ok());  // already gone is fine
}

TEST_F(ClientStoreTest, SessionDevicesAndDeleteAllKeepNamesApart) {
  // Names that are prefixes of each other, or differ only after a NUL.
  const std::string bob = "bob";
  const std::string bob_nul(std::string("bob\0x", 5));
  for (int32_t d : {3, 1, 2}) ASSERT_TRUE(store_->StoreSession(Addr(bob, d), "b").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bo", 1), "x").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bobby", 1), "x").ok());
  ASSERT_TRUE(store_->StoreSession(Addr(bob_nul, 7), "x").ok());

  EXPECT_THAT(Must(store_->SessionDevices(bob)), ElementsAre(1, 2, 3));
  EXPECT_THAT(Must(store_->SessionDevices(bob_nul)), ElementsAre(7));
  EXPECT_TRUE(Must(store_->SessionDevices("nobody")).empty());

  EXPECT_EQ(Must(store_->DeleteAllSessions(bob)), 3);
  EXPECT_TRUE(Must(store_->SessionDevices(bob)).empty());
  EXPECT_EQ(Must(store_->DeleteAllSessions(bob)), 0);
  EXPECT_TRUE(Must(store_->ContainsSession(Addr("bo", 1))));
  EXPECT_TRUE(Must(store_->ContainsSession(Addr("bobby", 1))));
  EXPECT_TRUE(Must(store_->ContainsSession(Addr(bob_nul, 7))));
}

TEST_F(ClientStoreTest, NamesWithNulBytesAreDistinctEverywhere) {
  const std::string a("a\0b", 3);
  const std::string b("a\0c", 3);
  const std::string nul_only(std::string("\0", 1));
  ASSERT_TRUE(store_->StoreSession(Addr(a, 1), "sa").ok());
  ASSERT_TRUE(store_->StoreSession(Addr(b, 1), "sb").ok());
  ASSERT_TRUE(store_->StoreSession(Addr(nul_only, 1), "sn").ok());
  ASSERT_TRUE(store_->SaveIdentity(Addr(a, 1), std::string_view("ia")).ok());
  Reopen();
  EXPECT_EQ(Session(*store_, Addr(a, 1)), "sa");
  EXPECT_EQ(Session(*store_, Addr(b, 1)), "sb");
  EXPECT_EQ(Session(*store_, Addr(nul_only, 1)), "sn");
  EXPECT_EQ(Session(*store_, Addr("a", 1)), std::nullopt);
  EXPECT_EQ(Must(store_->LoadIdentity(Addr(a, 1))), "ia");
  EXPECT_EQ(Must(store_->LoadIdentity(Addr(b, 1))), std::nullopt);
}

TEST_F(ClientStoreTest, PreKeysAndSignedPreKeysAreSeparate) {
  ASSERT_TRUE(store_->StorePreKey(5, "pre-5").ok());
  ASSERT_TRUE(store_->StorePreKey(crypto::kMaxPreKeyId, "pre-max").ok());
  ASSERT_TRUE(store_->StoreSignedPreKey(5, "signed-5").ok());
  EXPECT_EQ(Must(store_->LoadPreKey(5)), "pre-5");
  EXPECT_EQ(Must(store_->LoadPreKey(crypto::kMaxPreKeyId)), "pre-max");
  EXPECT_EQ(Must(store_->LoadSignedPreKey(5)), "signed-5");
  EXPECT_EQ(Must(store_->LoadPreKey(6)), std::nullopt);
  EXPECT_TRUE(Must(store_->ContainsPreKey(5)));
  EXPECT_TRUE(Must(store_->ContainsSignedPreKey(5)));

  ASSERT_TRUE(store_->RemovePreKey(5).ok());
  EXPECT_FALSE(Must(store_->ContainsPreKey(5)));
  EXPECT_TRUE(Must(store_->ContainsSignedPreKey(5)));  // untouched
  ASSERT_TRUE(store_->RemoveSignedPreKey(5).ok());
  EXPECT_FALSE(Must(store_->ContainsSignedPreKey(5)));
  EXPECT_EQ(Must(store_->LoadSignedPreKey(5)), std::nullopt);
}

TEST_F(ClientStoreTest, RemoteIdentitySaveReplaceForget) {
  const auto bob = Addr("bob", 1);
  EXPECT_EQ(Must(store_->LoadIdentity(bob)), std::nullopt);
  ASSERT_TRUE(store_->SaveIdentity(bob, std::string_view("key-1")).ok());
  ASSERT_TRUE(store_->SaveIdentity(bob, std::string_view("key-2")).ok());
  EXPECT_EQ(Must(store_->LoadIdentity(bob)), "key-2");
  // One pin per account (docs/trust.md §1): every device of bob reads it.
  EXPECT_EQ(Must(store_->LoadIdentity(Addr("bob", 2))), "key-2");
  EXPECT_EQ(Must(store_->LoadIdentity(Addr("carol", 1))), std::nullopt);
  ASSERT_TRUE(store_->SaveIdentity(bob, std::nullopt).ok());
  EXPECT_EQ(Must(store_->LoadIdentity(bob)), std::nullopt);
}

TEST_F(ClientStoreTest, SenderKeysByGroupAndSender) {
  const SenderKeyName g1{std::string("g\0"
                                     "1",
                                     3),
                         Addr("alice", 1)};
  const SenderKeyName g2{"g", Addr("alice", 1)};
  const SenderKeyName g1_other_device{g1.group_id, Addr("alice", 2)};
  ASSERT_TRUE(store_->StoreSenderKey(g1, "sk1").ok());
  ASSERT_TRUE(store_->StoreSenderKey(g2, "sk2").ok());
  EXPECT_EQ(Must(store_->LoadSenderKey(g1)), "sk1");
  EXPECT_EQ(Must(store_->LoadSenderKey(g2)), "sk2");
  EXPECT_EQ(Must(store_->LoadSenderKey(g1_other_device)), std::nullopt);
}

TEST_F(ClientStoreTest, LocalIdentityRoundTripsAcrossReopen) {
  EXPECT_EQ(store_->LoadLocalIdentity().status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->LocalRegistrationId().status().code(), StatusCode::kFailedPrecondition);

  crypto::IdentityKeyPair identity;
  identity.public_key = std::string(1, '\x05') + std::string(32, '\x00');  // NULs survive
  identity.private_key = std::string(32, '\xAB');
  ASSERT_TRUE(store_->SaveLocalIdentity(identity, 4242).ok());
  Reopen();
  auto loaded = Must(store_->LoadLocalIdentity());
  EXPECT_EQ(loaded.public_key, identity.public_key);
  EXPECT_EQ(loaded.private_key, identity.private_key);
  EXPECT_EQ(Must(store_->LocalRegistrationId()), 4242u);

  crypto::IdentityKeyPair bad;
  bad.public_key = "short";
  EXPECT_EQ(store_->SaveLocalIdentity(bad, 1).code(), StatusCode::kInvalidArgument);
}

TEST_F(ClientStoreTest, WritesOutsideTransactionsAreDurableAtOnce) {
  ASSERT_TRUE(store_->StorePreKey(1, "p1").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "s").ok());
  Reopen();
  EXPECT_EQ(Must(store_->LoadPreKey(1)), "p1");
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "s");
}

TEST_F(ClientStoreTest, TransactionReadsSeePendingWritesAndDeletes) {
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "old").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 3), "three").ok());
  ASSERT_TRUE(store_->StorePreKey(1, "p1").ok());

  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "new").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 2), "two").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 2), "two-again").ok());
  ASSERT_TRUE(store_->DeleteSession(Addr("bob", 3)).ok());
  ASSERT_TRUE(store_->RemovePreKey(1).ok());
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "new");
  EXPECT_EQ(Session(*store_, Addr("bob", 2)), "two-again");
  EXPECT_FALSE(Must(store_->ContainsSession(Addr("bob", 3))));
  EXPECT_FALSE(Must(store_->ContainsPreKey(1)));
  EXPECT_EQ(Must(store_->LoadPreKey(1)), std::nullopt);
  EXPECT_THAT(Must(store_->SessionDevices("bob")), ElementsAre(1, 2));
  ASSERT_TRUE(store_->Commit().ok());

  Reopen();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "new");
  EXPECT_EQ(Session(*store_, Addr("bob", 2)), "two-again");
  EXPECT_THAT(Must(store_->SessionDevices("bob")), ElementsAre(1, 2));
  EXPECT_FALSE(Must(store_->ContainsPreKey(1)));
}

TEST_F(ClientStoreTest, DeleteAllSessionsInsideTransactionCountsPendingOnes) {
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "a").ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 2), "b").ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 5), "c").ok());
  ASSERT_TRUE(store_->DeleteSession(Addr("bob", 1)).ok());
  EXPECT_EQ(Must(store_->DeleteAllSessions("bob")), 2);  // devices 2 and 5
  EXPECT_TRUE(Must(store_->SessionDevices("bob")).empty());
  store_->Rollback();
  EXPECT_THAT(Must(store_->SessionDevices("bob")), ElementsAre(1, 2));
}

TEST_F(ClientStoreTest, RollbackDiscardsEveryPendingWrite) {
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "kept").ok());
  ASSERT_TRUE(store_->StorePreKey(1, "p1").ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "changed").ok());
  ASSERT_TRUE(store_->RemovePreKey(1).ok());
  ASSERT_TRUE(store_->SaveIdentity(Addr("bob", 1), std::string_view("pinned")).ok());
  store_->Rollback();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "kept");
  EXPECT_EQ(Must(store_->LoadPreKey(1)), "p1");
  EXPECT_EQ(Must(store_->LoadIdentity(Addr("bob", 1))), std::nullopt);
  Reopen();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "kept");
  EXPECT_EQ(Must(store_->LoadIdentity(Addr("bob", 1))), std::nullopt);
}

TEST_F(ClientStoreTest, UncommittedTransactionDoesNotSurviveACrash) {
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "pending").ok());
  Reopen();  // destroyed mid-transaction
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);
}

TEST_F(ClientStoreTest, TransactionMisuseIsAnError) {
  EXPECT_FALSE(store_->Commit().ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  EXPECT_FALSE(store_->BeginTransaction().ok());
  EXPECT_FALSE(store_->BeginOuter().ok());  // an outer one cannot start inside
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_FALSE(store_->CommitOuter().ok());
  store_->Rollback();  // without a transaction: harmless
}

TEST_F(ClientStoreTest, OuterTransactionJoinsInnerCommitsAndWritesOnce) {
  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "ratchet").ok());
  ASSERT_TRUE(store_->RemovePreKey(9).ok());
  ASSERT_TRUE(store_->Commit().ok());  // joins: nothing on disk yet
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "ratchet");
  EXPECT_TRUE(Must(store_->HasMessage("bob", "m1")));
  ASSERT_TRUE(store_->CommitOuter().ok());
  Reopen();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "ratchet");
  EXPECT_TRUE(Must(store_->HasMessage("bob", "m1")));
}

TEST_F(ClientStoreTest, OuterTransactionDestroyedWithoutCommitLeavesNothing) {
  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "ratchet").ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  ASSERT_EQ(Must(store_->EnqueueOutbound("bob", "receipt")), 1u);
  Reopen();  // a crash before CommitOuter
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);
  EXPECT_FALSE(Must(store_->HasMessage("bob", "m1")));
  EXPECT_TRUE(Must(store_->ListConversations()).empty());
  EXPECT_EQ(Must(store_->EnqueueOutbound("bob", "x")), 1u);  // the counter did not move
}

TEST_F(ClientStoreTest, InnerRollbackPoisonsTheOuterTransaction) {
  ASSERT_TRUE(store_->StorePreKey(1, "p1").ok());
  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "first call").ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->BeginTransaction().ok());
  ASSERT_TRUE(store_->RemovePreKey(1).ok());
  ASSERT_TRUE(store_->SaveIdentity(Addr("eve", 1), std::string_view("forged")).ok());
  store_->Rollback();
  // The failed call's writes are undone at once; the earlier call's remain
  // visible until the outer transaction ends.
  EXPECT_TRUE(Must(store_->ContainsPreKey(1)));
  EXPECT_EQ(Must(store_->LoadIdentity(Addr("eve", 1))), std::nullopt);
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "first call");
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());

  EXPECT_FALSE(store_->CommitOuter().ok());
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);  // nothing was written
  EXPECT_FALSE(Must(store_->HasMessage("bob", "m1")));
  ASSERT_TRUE(store_->StorePreKey(2, "p2").ok());  // and the store works on
  Reopen();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);
  EXPECT_EQ(Must(store_->LoadPreKey(2)), "p2");
}

TEST_F(ClientStoreTest, RollbackOuterDiscardsAndStoreWorksOn) {
  ASSERT_TRUE(store_->BeginOuter().ok());
  EXPECT_FALSE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "pending").ok());
  store_->RollbackOuter();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), std::nullopt);
  ASSERT_TRUE(store_->StoreSession(Addr("bob", 1), "direct").ok());
  Reopen();
  EXPECT_EQ(Session(*store_, Addr("bob", 1)), "direct");
}

TEST_F(ClientStoreTest, DuplicateMessageInsideOuterDoesNotPoisonIt) {
  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  EXPECT_EQ(store_->AddMessage(Message("bob", "m1", 11)).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->CommitOuter().ok());
  Reopen();
  auto conversations = Must(store_->ListConversations());
  ASSERT_EQ(conversations.size(), 1u);
  EXPECT_EQ(conversations[0].message_count, 1u);
}

}  // namespace
}  // namespace kollega::client::testing
