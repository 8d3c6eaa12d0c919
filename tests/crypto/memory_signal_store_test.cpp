// MemorySignalStore keeps the transaction contract SignalSessions relies on.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/memory_signal_store.h"

#include <gtest/gtest.h>

namespace kollega::crypto {
namespace {

IdentityKeyPair FakeIdentity() {
  IdentityKeyPair id;
  id.public_key = std::string(33, '\x05');
  id.private_key = std::string(32, 'p');
  return id;
}

TEST(MemorySignalStoreTest, RollbackRestoresEveryTable) {
  MemorySignalStore store(FakeIdentity(), 7);
  const SignalAddress bob{"bob", 1};
  ASSERT_TRUE(store.StoreSession(bob, "s0").ok());
  ASSERT_TRUE(store.StorePreKey(1, "k1").ok());
  ASSERT_TRUE(store.SaveIdentity(bob, "id0").ok());

  ASSERT_TRUE(store.BeginTransaction().ok());
  ASSERT_TRUE(store.StoreSession(bob, "s1").ok());
  ASSERT_TRUE(store.StoreSession(bob, "s2").ok());
  ASSERT_TRUE(store.StoreSession({"carol", 3}, "c").ok());
  ASSERT_TRUE(store.RemovePreKey(1).ok());
  ASSERT_TRUE(store.SaveIdentity(bob, std::nullopt).ok());
  EXPECT_EQ(*store.LoadSession(bob).value(), "s2");  // reads see own writes
  EXPECT_FALSE(store.ContainsPreKey(1).value());
  store.Rollback();

  EXPECT_EQ(*store.LoadSession(bob).value(), "s0");
  EXPECT_FALSE(store.ContainsSession({"carol", 3}).value());
  EXPECT_TRUE(store.ContainsPreKey(1).value());
  EXPECT_EQ(*store.LoadIdentity(bob).value(), "id0");
}

TEST(MemorySignalStoreTest, CommitKeepsWritesAndNestingIsAnError) {
  MemorySignalStore store(FakeIdentity(), 7);
  ASSERT_TRUE(store.BeginTransaction().ok());
  EXPECT_FALSE(store.BeginTransaction().ok());
  ASSERT_TRUE(store.StoreSignedPreKey(9, "spk").ok());
  ASSERT_TRUE(store.StoreSenderKey({"group", {"bob", 2}}, "sk").ok());
  ASSERT_TRUE(store.Commit().ok());
  store.Rollback();  // nothing open: a no-op for committed data
  EXPECT_EQ(*store.LoadSignedPreKey(9).value(), "spk");
  EXPECT_EQ(*store.LoadSenderKey({"group", {"bob", 2}}).value(), "sk");
  EXPECT_FALSE(store.Commit().ok());
}

TEST(MemorySignalStoreTest, SessionsPerName) {
  MemorySignalStore store(FakeIdentity(), 7);
  ASSERT_TRUE(store.StoreSession({"bob", 1}, "a").ok());
  ASSERT_TRUE(store.StoreSession({"bob", 2}, "b").ok());
  ASSERT_TRUE(store.StoreSession({"bobby", 1}, "c").ok());
  EXPECT_EQ(store.SessionDevices("bob").value(), (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(store.DeleteAllSessions("bob").value(), 2);
  EXPECT_TRUE(store.ContainsSession({"bobby", 1}).value());
  EXPECT_EQ(store.LocalRegistrationId().value(), 7u);
}

}  // namespace
}  // namespace kollega::crypto
