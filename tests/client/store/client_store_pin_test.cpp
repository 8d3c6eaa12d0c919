// SPDX-License-Identifier: GPL-3.0-or-later
// Identities pinned per account in the client store (docs/trust.md §1): one
// key per account whatever the device, and the migration of stores that
// kept one key per device.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>

#include "client_store_fixture.h"
#include "store/client_store_format.h"

namespace kollega::client::testing {
namespace {

namespace fmt = store_format;
using crypto::SignalAddress;

TEST_F(ClientStoreTest, OneIdentityPerAccountWhateverTheDevice) {
  ASSERT_TRUE(store_->SaveIdentity({"bob", 1}, std::string_view("key-1")).ok());
  EXPECT_EQ(Must(store_->LoadIdentity({"bob", 7})), "key-1");
  EXPECT_EQ(Must(store_->LoadPinnedIdentity("bob")), "key-1");
  EXPECT_EQ(Must(store_->LoadIdentity({"carol", 1})), std::nullopt);
  ASSERT_TRUE(store_->SaveDeviceList("bob", 3, "signed-list").ok());
  Reopen();
  auto list = Must(store_->LoadDeviceList("bob"));
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->first, 3u);
  EXPECT_EQ(list->second, "signed-list");
  ASSERT_TRUE(store_->SaveDeviceList("bob", 0, "").ok());
  EXPECT_EQ(Must(store_->LoadDeviceList("bob")), std::nullopt);
}

// A store written before per-account pins: bob's two devices agree, carol's
// disagree (one change flagged), and afterwards no per-device record is left.
TEST_F(ClientStoreTest, PerDeviceIdentitiesMigrateToOnePinPerAccount) {
  // An old store is unencrypted: start over without the encrypted one, and
  // let the reopen below migrate it (docs/storage-encryption.md) first.
  store_.reset();
  std::filesystem::remove_all(dir_.path());
  std::filesystem::remove(dir_.path() + ".key");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    const rocksdb::WriteOptions w;
    ASSERT_TRUE(db->Put(w, fmt::RemoteIdentityKey({"bob", 1}), "bob-key").ok());
    ASSERT_TRUE(db->Put(w, fmt::RemoteIdentityKey({"bob", 2}), "bob-key").ok());
    ASSERT_TRUE(db->Put(w, fmt::RemoteIdentityKey({"carol", 1}), "carol-key").ok());
    ASSERT_TRUE(db->Put(w, fmt::RemoteIdentityKey({"carol", 2}), "other-key").ok());
  }
  Reopen();
  ASSERT_TRUE(store_->MigrateIdentityPins().ok());
  EXPECT_EQ(Must(store_->LoadPinnedIdentity("bob")), "bob-key");
  EXPECT_EQ(Must(store_->LoadPinnedIdentity("carol")), "carol-key");
  auto pending = Must(store_->PendingIdentityChanges());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].first, "carol");
  EXPECT_EQ(Must(store_->FlaggedIdentityKey("carol", 0)), "other-key");
  // Idempotent, and nothing per device remains.
  ASSERT_TRUE(store_->MigrateIdentityPins().ok());
  EXPECT_EQ(Must(store_->PendingIdentityChanges()).size(), 1u);
  EXPECT_EQ(Must(store_->LoadPinnedIdentity("bob")), "bob-key");
}

}  // namespace
}  // namespace kollega::client::testing
