// The client store at rest (docs/storage-encryption.md): every file is
// encrypted, the key file unwraps only with the right passphrase or key, a
// store from before encryption is migrated, and its directory is private.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "client_store_fixture.h"
#include "store/decrypted_files.h"
#include "store/client_store_format.h"
#include "store/encrypted_env.h"
#include "store/store_key.h"
#include "support/raw_scan.h"

namespace kollega::client::testing {
namespace {

using kollega::testing::ScanFilesFor;
using kollega::testing::TestStoreKey;
using kollega::testing::DecryptedFiles;

Client::Options::StoreKey Passphrase(const std::string& p) {
  Client::Options::StoreKey key;
  key.passphrase = p;
  key.kdf_log2_n = 10;  // cheap: the cost is a parameter, the code path the same
  return key;
}

StoredMessage Marked(const std::string& text) {
  StoredMessage m;
  m.message_id = "id-of-the-marker";
  m.peer_account = "peer-account-xyz";
  m.stored_ms = 10;
  m.text = text;
  m.status = MessageStatus::kReceived;
  return m;
}

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(StoreEncryptionTest, NoFileHoldsWhatWasStored) {
  TempDir dir;
  const std::string marker = "plaintext-marker-7f3a9c";
  const std::string secret_seed = "SEED-0123456789abcdef0123456789";
  {
    auto store = Must(OpenRocksClientStore(dir.path(), Passphrase("correct horse")));
    ASSERT_TRUE(store->AddMessage(Marked(marker)).ok());
    LocalAccount account;
    account.account_id = "ACCOUNT-ID-16-BY";
    account.device_auth_seed = secret_seed;
    ASSERT_TRUE(store->SaveAccount(account).ok());
  }
  // Reopen, so that the WAL is replayed into SST files as well.
  { auto store = Must(OpenRocksClientStore(dir.path(), Passphrase("correct horse"))); }
  ASSERT_GE(kollega::testing::CountFiles(dir.path()), 4u);
  const auto hits = ScanFilesFor(std::filesystem::path(dir.path()).parent_path().string(),
                                 {{"marker", marker},
                                  {"seed", secret_seed},
                                  {"account id", "ACCOUNT-ID-16-BY"},
                                  {"peer", "peer-account-xyz"}});
  EXPECT_TRUE(hits.empty()) << kollega::testing::DescribeHits(hits);

  auto store = Must(OpenRocksClientStore(dir.path(), Passphrase("correct horse")));
  auto history = Must(store->ListMessages("peer-account-xyz", 10));
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].text, marker);
}


TEST(StoreEncryptionTest, DeletedKeyMaterialLeavesTheFiles) {
  TempDir dir;
  const std::string one_time = "one-time-prekey-record-5d2c";
  const std::string signed_pk = "signed-prekey-record-91ab";
  auto store = Must(OpenRocksClientStore(dir.path(), TestStoreKey()));
  ASSERT_TRUE(store->StorePreKey(7, one_time).ok());
  ASSERT_TRUE(store->StoreSignedPreKey(3, signed_pk).ok());
  // The scan does see records while they exist (here: in the WAL).
  std::string files = DecryptedFiles(dir.path());
  ASSERT_NE(files.find(one_time), std::string::npos);
  ASSERT_NE(files.find(signed_pk), std::string::npos);

  ASSERT_TRUE(store->RemovePreKey(7).ok());
  ASSERT_TRUE(store->RemoveSignedPreKey(3).ok());
  files = DecryptedFiles(dir.path());
  EXPECT_EQ(files.find(one_time), std::string::npos);
  EXPECT_EQ(files.find(signed_pk), std::string::npos);
}

TEST(StoreEncryptionTest, WrongPassphraseSaysSoNotCorruption) {
  TempDir dir;
  { Must(OpenRocksClientStore(dir.path(), Passphrase("right"))); }
  auto opened = OpenRocksClientStore(dir.path(), Passphrase("wrong"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(opened.status().message().find("wrong passphrase"), std::string::npos)
      << opened.status().ToString();

  auto with_key = OpenRocksClientStore(dir.path(), TestStoreKey());
  ASSERT_FALSE(with_key.ok());
  EXPECT_NE(with_key.status().message().find("set up with a passphrase"), std::string::npos)
      << with_key.status().ToString();
  auto without = OpenRocksClientStore(dir.path(), {});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().code(), StatusCode::kFailedPrecondition);
}

TEST(StoreEncryptionTest, WrongRawKeyIsRefused) {
  TempDir dir;
  { Must(OpenRocksClientStore(dir.path(), TestStoreKey())); }
  Client::Options::StoreKey other;
  other.raw_key = std::string(32, 'x');
  auto opened = OpenRocksClientStore(dir.path(), other);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("wrong key"), std::string::npos);
  Client::Options::StoreKey short_key;
  short_key.raw_key = "too short";
  EXPECT_FALSE(OpenRocksClientStore(dir.path(), short_key).ok());
}

TEST(StoreEncryptionTest, NewStoreWithoutAKeySourceIsRefused) {
  TempDir dir;
  auto opened = OpenRocksClientStore(dir.path(), {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("passphrase or a key"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + ".key"));
}

// The KDF parameters and salt are authenticated: lowering the cost in the
// file (to make guessing cheaper) makes it fail like a wrong passphrase.
TEST(StoreEncryptionTest, KeyFileRecordsItsParametersAndTheyAreAuthenticated) {
  TempDir dir;
  { Must(OpenRocksClientStore(dir.path(), Passphrase("pw"))); }
  const std::string key_path = dir.path() + ".key";
  std::string file = ReadFile(key_path);
  ASSERT_EQ(file.size(), 95u);
  EXPECT_EQ(file.substr(0, 8), "KLGSTKEY");
  EXPECT_EQ(file[9], 1);    // scrypt
  EXPECT_EQ(file[10], 10);  // log2 N as created
  EXPECT_EQ(Mode(key_path), 0600u);
  // A new default-cost open reads the stored cost back, not the default.
  Client::Options::StoreKey default_cost;
  default_cost.passphrase = "pw";
  const auto start = std::chrono::steady_clock::now();
  { Must(OpenRocksClientStore(dir.path(), default_cost)); }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

  file[10] = 9;
  std::ofstream(key_path, std::ios::binary | std::ios::trunc) << file;
  auto opened = OpenRocksClientStore(dir.path(), Passphrase("pw"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kUnauthenticated);
}

TEST(StoreEncryptionTest, DirectoryIsPrivateAndAnOpenOneIsTightened) {
  TempDir dir;
  { Must(OpenRocksClientStore(dir.path(), TestStoreKey())); }
  EXPECT_EQ(Mode(dir.path()), 0700u);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  { Must(OpenRocksClientStore(dir.path(), TestStoreKey())); }
  EXPECT_EQ(Mode(dir.path()), 0700u);
}

// A store written by the version before encryption: plain RocksDB, no key file.
void WritePlainStore(const std::string& path, const std::string& marker) {
  std::filesystem::create_directories(path);
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, path, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  LocalAccount account;
  account.account_id = "OLD-ACCOUNT-ID16";
  account.device_auth_seed = marker;
  account.relay_url = "ws://old";
  ASSERT_TRUE(db->Put({}, store_format::FormatKey(), std::string(1, '\x01')).ok());
  ASSERT_TRUE(db->Put({}, store_format::AccountKey(), store_format::EncodeAccount(account)).ok());
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(db->Put({}, "x" + std::to_string(i), marker + std::to_string(i)).ok());
  }
  ASSERT_TRUE(db->Flush({}).ok());
  ASSERT_TRUE(db->Put({}, "in-the-wal", marker).ok());  // not flushed: only in the WAL
}

TEST(StoreEncryptionTest, UnencryptedStoreIsMigratedOnFirstOpenWithAKey) {
  TempDir dir;
  const std::string marker = "old-plaintext-secret-4e1d";
  WritePlainStore(dir.path(), marker);
  ASSERT_FALSE(ScanFilesFor(dir.path(), {{"marker", marker}}).empty());  // it was plain

  auto refused = OpenRocksClientStore(dir.path(), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not encrypted"), std::string::npos)
      << refused.status().ToString();

  {
    auto store = Must(OpenRocksClientStore(dir.path(), TestStoreKey()));
    auto account = Must(store->LoadAccount());
    ASSERT_TRUE(account.has_value());
    EXPECT_EQ(account->relay_url, "ws://old");
    EXPECT_EQ(account->device_auth_seed, marker);
  }
  const std::string root = std::filesystem::path(dir.path()).parent_path().string();
  EXPECT_TRUE(ScanFilesFor(root, {{"marker", marker}, {"account", "OLD-ACCOUNT-ID16"}}).empty())
      << kollega::testing::DescribeHits(ScanFilesFor(root, {{"marker", marker}}));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + ".encrypted"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + ".key.new"));
  EXPECT_EQ(Mode(dir.path()), 0700u);

  // Every record came across, the WAL-only one included.
  auto data_key = Must(store_internal::UnwrapDataKey(dir.path() + ".key", TestStoreKey()));
  auto env = Must(store_internal::NewEncryptedStoreEnv(data_key));
  rocksdb::Options options;
  options.env = env.get();
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::OpenForReadOnly(options, dir.path(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string value;
  ASSERT_TRUE(db->Get({}, "in-the-wal", &value).ok());
  EXPECT_EQ(value, marker);
  ASSERT_TRUE(db->Get({}, "x199", &value).ok());
  EXPECT_EQ(value, marker + "199");
}

TEST(StoreEncryptionTest, MigrationInterruptedBeforeItsCommitIsRedone) {
  TempDir dir;
  WritePlainStore(dir.path(), "interrupted-marker");
  // What a crash in the middle of copying leaves behind.
  std::filesystem::create_directories(dir.path() + ".encrypted");
  std::ofstream(dir.path() + ".encrypted/000001.log") << "half a copy";
  std::ofstream(dir.path() + ".key.new") << "half a key";
  auto store = Must(OpenRocksClientStore(dir.path(), TestStoreKey()));
  auto account = Must(store->LoadAccount());
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->device_auth_seed, "interrupted-marker");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + ".encrypted"));
}

}  // namespace
}  // namespace kollega::client::testing
