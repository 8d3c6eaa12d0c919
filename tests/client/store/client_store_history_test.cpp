// Client store, app side: history (de-duplication, order, limit, status),
// conversation summaries, identity-change flags, the outbound queue, the
// local account, and what opening reports for a bad path or corrupt data.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>
#include <string>
#include <vector>

#include "client_store_fixture.h"
#include "store/encrypted_env.h"
#include "store/store_key.h"

namespace kollega::client::testing {
namespace {

StoredMessage Message(const std::string& peer, const std::string& id, int64_t stored_ms) {
  StoredMessage m;
  m.message_id = id;
  m.peer_account = peer;
  m.stored_ms = stored_ms;
  m.sent_ms = stored_ms - 5;
  m.text = "text of " + id;
  m.status = MessageStatus::kReceived;
  return m;
}

std::vector<std::string> Ids(const std::vector<StoredMessage>& messages) {
  std::vector<std::string> ids;
  for (const auto& m : messages) ids.push_back(m.message_id);
  return ids;
}

TEST_F(ClientStoreTest, HistoryListsOldestFirstByStoredTimeThenArrival) {
  ASSERT_TRUE(store_->AddMessage(Message("bob", "c", 30)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "a", 10)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "b1", 20)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "b2", 20)).ok());  // same ms: arrival order
  ASSERT_TRUE(store_->AddMessage(Message("bob", "early", -1)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bobby", "other", 15)).ok());
  ASSERT_TRUE(store_->AddMessage(Message(std::string("bob\0", 4), "nul", 15)).ok());

  EXPECT_THAT(Ids(Must(store_->ListMessages("bob", 100))),
              ::testing::ElementsAre("early", "a", "b1", "b2", "c"));
  EXPECT_THAT(Ids(Must(store_->ListMessages("bob", 2))), ::testing::ElementsAre("b2", "c"));
  EXPECT_TRUE(Must(store_->ListMessages("bob", 0)).empty());
  EXPECT_THAT(Ids(Must(store_->ListMessages(std::string("bob\0", 4), 10))),
              ::testing::ElementsAre("nul"));
  EXPECT_TRUE(Must(store_->ListMessages("nobody", 10)).empty());
}

// Pages on either side of a message, as a lazy chat view reads them: the
// neighbours of other conversations and pending writes included correctly.
TEST_F(ClientStoreTest, HistoryPagesBeforeAndAfterAMessage) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(store_->AddMessage(Message("bob", "m" + std::to_string(i), 10 * i)).ok());
  }
  ASSERT_TRUE(store_->AddMessage(Message("bobby", "other", 15)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("carl", "next", 15)).ok());
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m5", true, 3))),
              ::testing::ElementsAre("m2", "m3", "m4"));
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m5", false, 3))),
              ::testing::ElementsAre("m6", "m7", "m8"));
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m1", true, 3))),
              ::testing::ElementsAre("m0"));
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m8", false, 3))),
              ::testing::ElementsAre("m9"));
  EXPECT_TRUE(Must(store_->ListMessagesFrom("bob", "m0", true, 3)).empty());
  EXPECT_TRUE(Must(store_->ListMessagesFrom("bob", "m9", false, 3)).empty());
  EXPECT_TRUE(Must(store_->ListMessagesFrom("bob", "m5", true, 0)).empty());
  EXPECT_EQ(store_->ListMessagesFrom("bob", "other", true, 3).status().code(),
            StatusCode::kNotFound);

  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m4b", 45)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m10", 100)).ok());
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m5", true, 2))),
              ::testing::ElementsAre("m4", "m4b"));
  EXPECT_THAT(Ids(Must(store_->ListMessagesFrom("bob", "m9", false, 5))),
              ::testing::ElementsAre("m10"));
  store_->RollbackOuter();
}

TEST_F(ClientStoreTest, MessageFieldsRoundTripAcrossReopen) {
  StoredMessage m = Message("bob", std::string(16, '\0'), 1'700'000'000'123);
  m.outgoing = true;
  m.peer_device = 0;
  m.text = std::string("line\0two \xF0\x9F\x92\xAC", 13);
  m.status = MessageStatus::kSent;
  ASSERT_TRUE(store_->AddMessage(m).ok());
  Reopen();
  auto listed = Must(store_->ListMessages("bob", 1));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].message_id, m.message_id);
  EXPECT_EQ(listed[0].peer_account, "bob");
  EXPECT_TRUE(listed[0].outgoing);
  EXPECT_EQ(listed[0].sent_ms, m.sent_ms);
  EXPECT_EQ(listed[0].stored_ms, m.stored_ms);
  EXPECT_EQ(listed[0].text, m.text);
  EXPECT_EQ(listed[0].status, MessageStatus::kSent);
}

TEST_F(ClientStoreTest, DuplicateMessageIdIsAlreadyExistsPerPeer) {
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  EXPECT_TRUE(Must(store_->HasMessage("bob", "m1")));
  EXPECT_FALSE(Must(store_->HasMessage("bob", "m2")));
  EXPECT_FALSE(Must(store_->HasMessage("carol", "m1")));
  Reopen();
  EXPECT_EQ(store_->AddMessage(Message("bob", "m1", 99)).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->AddMessage(Message("carol", "m1", 10)).ok());  // another peer's id
  EXPECT_EQ(Must(store_->ListMessages("bob", 10)).size(), 1u);
  EXPECT_EQ(store_->AddMessage(Message("bob", "", 1)).code(), StatusCode::kInvalidArgument);
}

TEST_F(ClientStoreTest, SetMessageStatusUpdatesInPlace) {
  StoredMessage m = Message("bob", "m1", 10);
  m.outgoing = true;
  m.status = MessageStatus::kQueued;
  ASSERT_TRUE(store_->AddMessage(m).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m2", 20)).ok());
  ASSERT_TRUE(store_->SetMessageStatus("bob", "m1", MessageStatus::kDelivered).ok());
  ASSERT_TRUE(store_->SetMessageStatus("bob", "m1", MessageStatus::kRead).ok());
  EXPECT_EQ(store_->SetMessageStatus("bob", "nope", MessageStatus::kRead).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->SetMessageStatus("bob", "m1", static_cast<MessageStatus>(9)).code(),
            StatusCode::kInvalidArgument);
  Reopen();
  auto listed = Must(store_->ListMessages("bob", 10));
  ASSERT_EQ(listed.size(), 2u);  // updated, not duplicated
  EXPECT_EQ(listed[0].status, MessageStatus::kRead);
  EXPECT_EQ(listed[0].text, "text of m1");
  EXPECT_EQ(listed[1].status, MessageStatus::kReceived);
}

TEST_F(ClientStoreTest, ConversationSummariesFollowAddMessage) {
  EXPECT_TRUE(Must(store_->ListConversations()).empty());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "b1", 100)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "b2", 50)).ok());  // older: last_ms stays
  ASSERT_TRUE(store_->AddMessage(Message("carol", "c1", 200)).ok());
  EXPECT_FALSE(store_->AddMessage(Message("carol", "c1", 300)).ok());  // duplicate: not counted
  Reopen();
  auto list = Must(store_->ListConversations());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].peer_account, "carol");  // most recent first
  EXPECT_EQ(list[0].message_count, 1u);
  EXPECT_EQ(list[0].last_ms, 200);
  EXPECT_EQ(list[1].peer_account, "bob");
  EXPECT_EQ(list[1].message_count, 2u);
  EXPECT_EQ(list[1].last_ms, 100);
}

TEST_F(ClientStoreTest, ListMessagesInsideOuterTransactionSeesPendingOnes) {
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m2", 20)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m4", 40)).ok());
  ASSERT_TRUE(store_->BeginOuter().ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m3", 30)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m5", 50)).ok());
  ASSERT_TRUE(store_->AddMessage(Message("carol", "c", 60)).ok());  // next range: not listed
  ASSERT_TRUE(store_->SetMessageStatus("bob", "m2", MessageStatus::kRead).ok());
  auto all = Must(store_->ListMessages("bob", 10));
  EXPECT_THAT(Ids(all), ::testing::ElementsAre("m1", "m2", "m3", "m4", "m5"));
  EXPECT_EQ(all[1].status, MessageStatus::kRead);
  EXPECT_THAT(Ids(Must(store_->ListMessages("bob", 3))), ::testing::ElementsAre("m3", "m4", "m5"));
  EXPECT_EQ(Must(store_->ListConversations()).size(), 2u);
  store_->RollbackOuter();
  EXPECT_THAT(Ids(Must(store_->ListMessages("bob", 10))), ::testing::ElementsAre("m2", "m4"));
  EXPECT_EQ(Must(store_->ListMessages("bob", 10))[0].status, MessageStatus::kReceived);
}

TEST_F(ClientStoreTest, IdentityChangeFlagsPersistUntilCleared) {
  const std::string nul_peer("bo\0b", 4);
  EXPECT_TRUE(Must(store_->PendingIdentityChanges()).empty());
  ASSERT_TRUE(store_->FlagIdentityChange("bob", 2, std::string(33, '\x05')).ok());
  ASSERT_TRUE(store_->FlagIdentityChange("bob", 1, std::string(33, '\x06')).ok());
  ASSERT_TRUE(store_->FlagIdentityChange(nul_peer, 1, std::string(33, '\x07')).ok());
  ASSERT_TRUE(store_->FlagIdentityChange("bob", 1, std::string(33, '\x08')).ok());  // again
  Reopen();
  using P = std::pair<std::string, int32_t>;
  EXPECT_THAT(Must(store_->PendingIdentityChanges()),
              ::testing::UnorderedElementsAre(P{"bob", 1}, P{"bob", 2}, P{nul_peer, 1}));
  ASSERT_TRUE(store_->ClearIdentityChange("bob", 1).ok());
  ASSERT_TRUE(store_->ClearIdentityChange("bob", 9).ok());  // never flagged: fine
  Reopen();
  EXPECT_THAT(Must(store_->PendingIdentityChanges()),
              ::testing::UnorderedElementsAre(P{"bob", 2}, P{nul_peer, 1}));
}

TEST_F(ClientStoreTest, OutboundQueueKeepsOrderAttemptsAndRemovalsAcrossReopen) {
  EXPECT_EQ(Must(store_->EnqueueOutbound("bob", "one")), 1u);
  EXPECT_EQ(Must(store_->EnqueueOutbound("carol", std::string("t\0o", 3))), 2u);
  EXPECT_EQ(Must(store_->EnqueueOutbound("bob", "three")), 3u);
  ASSERT_TRUE(store_->MarkOutboundAttempt(1).ok());
  ASSERT_TRUE(store_->MarkOutboundAttempt(1).ok());
  ASSERT_TRUE(store_->MarkOutboundAttempt(3).ok());
  ASSERT_TRUE(store_->RemoveOutbound(2).ok());
  EXPECT_EQ(store_->RemoveOutbound(2).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->MarkOutboundAttempt(42).code(), StatusCode::kNotFound);
  Reopen();

  auto pending = Must(store_->PendingOutbound(10));
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].seq, 1u);
  EXPECT_EQ(pending[0].recipient_account, "bob");
  EXPECT_EQ(pending[0].content, "one");
  EXPECT_EQ(pending[0].attempts, 2u);
  EXPECT_EQ(pending[1].seq, 3u);
  EXPECT_EQ(pending[1].attempts, 1u);
  ASSERT_EQ(Must(store_->PendingOutbound(1)).size(), 1u);
  EXPECT_TRUE(Must(store_->PendingOutbound(0)).empty());

  EXPECT_EQ(Must(store_->EnqueueOutbound("dave", "four")), 4u);  // never reuses a seq
  ASSERT_TRUE(store_->RemoveOutbound(1).ok());
  ASSERT_TRUE(store_->RemoveOutbound(3).ok());
  Reopen();
  pending = Must(store_->PendingOutbound(10));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].seq, 4u);
  EXPECT_EQ(pending[0].recipient_account, "dave");
}

TEST_F(ClientStoreTest, LocalAccountRoundTripsAcrossReopen) {
  EXPECT_EQ(Must(store_->LoadAccount()), std::nullopt);
  LocalAccount a;
  a.relay_url = "wss://relay.example:8443";
  a.account_id = std::string("\0\1\2\3\4\5\6\7\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", 16);
  a.device_id = 3;
  a.device_auth_seed = std::string(32, '\0');
  a.registration_id = 16380;
  a.next_prekey_id = crypto::kMaxPreKeyId;
  a.signed_prekey_id = 7;
  a.account_secret = std::string(32, '\xEE');
  ASSERT_TRUE(store_->SaveAccount(a).ok());
  Reopen();
  auto loaded = Must(store_->LoadAccount());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->relay_url, a.relay_url);
  EXPECT_EQ(loaded->account_id, a.account_id);
  EXPECT_EQ(loaded->device_id, a.device_id);
  EXPECT_EQ(loaded->device_auth_seed, a.device_auth_seed);
  EXPECT_EQ(loaded->registration_id, a.registration_id);
  EXPECT_EQ(loaded->next_prekey_id, a.next_prekey_id);
  EXPECT_EQ(loaded->signed_prekey_id, a.signed_prekey_id);
  EXPECT_EQ(loaded->account_secret, a.account_secret);

  a.next_prekey_id = 101;
  ASSERT_TRUE(store_->SaveAccount(a).ok());
  EXPECT_EQ(Must(store_->LoadAccount())->next_prekey_id, 101u);
}

TEST(ClientStoreOpenTest, BadPathSaysWhatIsWrongWithIt) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  const std::string file = dir.path() + "/not-a-dir";
  std::ofstream(file) << "x";
  auto opened = OpenRocksClientStore(file + "/store", kollega::testing::TestStoreKey());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find(file), std::string::npos) << opened.status().ToString();

  auto first = Must(OpenRocksClientStore(dir.path() + "/store", kollega::testing::TestStoreKey()));
  auto second = OpenRocksClientStore(dir.path() + "/store", kollega::testing::TestStoreKey());
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("locked"), std::string::npos)
      << second.status().ToString();
}

// Writes raw bytes under `key` behind the store's back.
// The store is encrypted, so this goes through the same Env with the test key.
void Poke(const std::string& path, const std::string& key, const std::string& value) {
  auto data_key = store_internal::UnwrapDataKey(path + ".key", kollega::testing::TestStoreKey());
  ASSERT_TRUE(data_key.ok()) << data_key.status().ToString();
  auto env = Must(store_internal::NewEncryptedStoreEnv(*data_key));
  rocksdb::Options options;
  options.env = env.get();
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, path, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), key, value).ok());
}

TEST_F(ClientStoreTest, CorruptRecordsAreDataLossNotGarbage) {
  ASSERT_TRUE(store_->AddMessage(Message("bob", "m1", 10)).ok());
  ASSERT_TRUE(store_->SaveAccount(LocalAccount{}).ok());
  const std::string history_key = [&] {
    std::string k = "h";
    k += std::string("\0\0\0\3bob", 7);
    k += std::string(16, '\x7f');  // some later time and sequence
    return k;
  }();
  store_.reset();
  Poke(dir_.path(), "a", "\x01truncated");
  Poke(dir_.path(), history_key, "\x09not a message");
  Poke(dir_.path(), "i", std::string(1, '\x02'));  // unknown record version
  Reopen();
  EXPECT_EQ(store_->LoadAccount().status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(store_->ListMessages("bob", 10).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(store_->LoadLocalIdentity().status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(store_->LocalRegistrationId().status().code(), StatusCode::kDataLoss);
}

TEST_F(ClientStoreTest, StoreFromANewerFormatIsRefused) {
  store_.reset();
  Poke(dir_.path(), "v", std::string(1, '\x02'));
  auto opened = OpenRocksClientStore(dir_.path(), kollega::testing::TestStoreKey());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  Poke(dir_.path(), "v", std::string(1, '\x01'));
  Reopen();
}

}  // namespace
}  // namespace kollega::client::testing
