// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_migration.h"

#include <fcntl.h>
#include <rocksdb/db.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "encrypted_env.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client::store_internal {
namespace {

namespace fs = std::filesystem;

constexpr size_t kCopyBatchBytes = 1 << 20;

std::string KeyPath(const std::string& store_dir) { return store_dir + ".key"; }
std::string NewKeyPath(const std::string& store_dir) { return store_dir + ".key.new"; }
std::string CopyPath(const std::string& store_dir) { return store_dir + ".encrypted"; }

Status SyncParent(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Unavailable("cannot open " + parent.string() + " to sync it");
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok ? Status::Ok() : Unavailable("cannot sync " + parent.string());
}

Status Migrating(const std::string& what, const std::string& path, const std::string& detail) {
  return Unavailable("encrypting the client store at " + path + ": " + what + ": " + detail);
}

// After the commit point: the encrypted copy replaces the old directory.
Status FinishSwap(const std::string& store_dir) {
  std::error_code ec;
  fs::remove_all(store_dir, ec);
  if (ec) return Migrating("cannot remove the unencrypted files", store_dir, ec.message());
  fs::rename(CopyPath(store_dir), store_dir, ec);
  if (ec) return Migrating("cannot move the encrypted store in place", store_dir, ec.message());
  return SyncParent(store_dir);
}

// Copies every record of `from` into `to` in synced batches.
Status CopyAll(rocksdb::DB& from, rocksdb::DB& to, const std::string& store_dir) {
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;
  std::unique_ptr<rocksdb::Iterator> it(from.NewIterator(ro));
  rocksdb::WriteBatch batch;
  auto write = [&]() -> Status {
    rocksdb::Status s = to.Write(synced, &batch);
    crypto::Wipe(const_cast<char*>(batch.Data().data()), batch.Data().size());
    batch.Clear();
    return s.ok() ? Status::Ok() : Migrating("cannot write the copy", store_dir, s.ToString());
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    rocksdb::Status s = batch.Put(it->key(), it->value());
    if (!s.ok()) return Migrating("cannot batch the copy", store_dir, s.ToString());
    if (batch.GetDataSize() >= kCopyBatchBytes) KOLLEGA_RETURN_IF_ERROR(write());
  }
  if (!it->status().ok()) {
    return Migrating("cannot read the old store", store_dir, it->status().ToString());
  }
  KOLLEGA_RETURN_IF_ERROR(write());
  rocksdb::Status flushed = to.Flush(rocksdb::FlushOptions());
  if (!flushed.ok()) return Migrating("cannot flush the copy", store_dir, flushed.ToString());
  return Status::Ok();
}

}  // namespace

Status MakePrivateDir(const std::string& dir) {
  std::error_code ec;
  const fs::path path(dir);
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Unavailable("cannot create directory " + dir + ": " + strerror(errno));
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Unavailable(dir + " is not a directory");
  }
  if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), 0700) != 0) {
    return PermissionDenied("cannot make " + dir + " private (mode 0700): " + strerror(errno));
  }
  return Status::Ok();
}

Status RecoverInterruptedMigration(const std::string& store_dir) {
  std::error_code ec;
  if (!fs::exists(CopyPath(store_dir), ec)) return Status::Ok();
  if (fs::exists(KeyPath(store_dir), ec)) return FinishSwap(store_dir);
  // Interrupted before the commit point: the old store is intact.
  fs::remove_all(CopyPath(store_dir), ec);
  fs::remove(NewKeyPath(store_dir), ec);
  return Status::Ok();
}

bool IsUnencryptedStore(const std::string& store_dir) {
  std::error_code ec;
  return !fs::exists(KeyPath(store_dir), ec) && fs::exists(fs::path(store_dir) / "CURRENT", ec);
}

Result<std::string> MigrateToEncrypted(const std::string& store_dir, const StoreKeySource& source) {
  if (!HasKeySource(source)) {
    return FailedPrecondition("the client store at " + store_dir +
                              " is not encrypted (made by an older version): open it once with "
                              "a passphrase or a key and it is encrypted in place");
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string data_key, CreateKeyFile(NewKeyPath(store_dir), source));
  auto fail = [&](Status s) -> Result<std::string> {
    crypto::Wipe(data_key);
    std::error_code ec;
    fs::remove_all(CopyPath(store_dir), ec);
    fs::remove(NewKeyPath(store_dir), ec);
    return s;
  };
  auto env = NewEncryptedStoreEnv(data_key);
  if (!env.ok()) return fail(env.status());
  Status dir = MakePrivateDir(CopyPath(store_dir));
  if (!dir.ok()) return fail(dir);
  {
    rocksdb::Options plain_options;
    plain_options.paranoid_checks = true;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(plain_options, store_dir, &raw);
    if (!s.ok()) return fail(Migrating("cannot open the old store", store_dir, s.ToString()));
    std::unique_ptr<rocksdb::DB> plain(raw);

    rocksdb::Options enc_options;
    enc_options.create_if_missing = true;
    enc_options.error_if_exists = true;
    enc_options.env = env->get();
    enc_options.info_log = NewSilentLogger();
    s = rocksdb::DB::Open(enc_options, CopyPath(store_dir), &raw);
    if (!s.ok()) return fail(Migrating("cannot create the copy", store_dir, s.ToString()));
    std::unique_ptr<rocksdb::DB> encrypted(raw);
    Status copied = CopyAll(*plain, *encrypted, store_dir);
    if (copied.ok()) {
      rocksdb::Status closed = encrypted->Close();
      if (!closed.ok()) copied = Migrating("cannot close the copy", store_dir, closed.ToString());
    }
    if (!copied.ok()) return fail(copied);
  }
  // The commit point (see the header).
  std::error_code ec;
  fs::rename(NewKeyPath(store_dir), KeyPath(store_dir), ec);
  if (ec) return fail(Migrating("cannot commit the key file", store_dir, ec.message()));
  Status synced = SyncParent(store_dir);
  if (synced.ok()) synced = FinishSwap(store_dir);
  if (!synced.ok()) {
    crypto::Wipe(data_key);
    return synced;  // finished on the next open
  }
  return data_key;
}

}  // namespace kollega::client::store_internal
