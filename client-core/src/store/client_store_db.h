// ClientDb: the RocksDB instance behind the client store, and its
// transactions. Everything a transaction writes goes into one
// WriteBatchWithIndex; reads made meanwhile look through it first (so they
// see pending writes and deletes), and the batch reaches the disk as one
// synced write, or not at all.
//
// Three ways a write is grouped (see client_store.h for why):
//  - outer:    BeginOuter() .. CommitOuter(); inner transactions join it.
//  - inner:    BeginInner() .. CommitInner()/RollbackInner(), the
//              SignalStore transaction around one libsignal call. Inside an
//              outer transaction its commit is a no-op and its rollback
//              undoes its own writes and poisons the outer one.
//  - implicit: Mutate() around one ClientStore call made outside any
//              transaction, so its several keys still land together.
//
// Secrets: record bytes sit in the batch until it is written or dropped; the
// batch's buffer is wiped then. RocksDB's own copies (memtable, block cache,
// WAL buffers) are beyond our reach. On disk every file is encrypted
// (encrypted_env.h); deleted values stay in the files until compaction
// rewrites them, which CompactPrefixes forces for key material.
//
// Ownership: owns the DB and the open batch. Dropping a ClientDb with a
// transaction open discards it: nothing of it is written.
// Thread-safety: none; one thread at a time, like the ClientStore above it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "store_key.h"

namespace kollega::client::store_internal {

// Maps a RocksDB status from a read or write; never names keys or values.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

// Wipes a string that held secret bytes when the scope ends, however it ends.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& s) : s_(s) {}
  ~WipeOnExit();
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string& s_;
};

class ClientDb {
 public:
  // Creates the directory (0700) and the store when missing, encrypted under
  // a data key that `key` unwraps (store_key.h); an unencrypted store from
  // an older version is encrypted first (store_migration.h). Errors name the
  // path and what is wrong with it, never anything stored inside.
  static Result<std::unique_ptr<ClientDb>> Open(const std::string& path, const StoreKeySource& key);
  ~ClientDb();
  ClientDb(const ClientDb&) = delete;
  ClientDb& operator=(const ClientDb&) = delete;

  // --- Reads: see the open transaction's pending writes ---
  Result<std::optional<std::string>> Get(const std::string& key);
  // Visits the keys starting with `prefix`, in key order or (newest_first)
  // reversed, until `visit` returns false.
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  Status Scan(const std::string& prefix, bool newest_first, const Visitor& visit);
  // The same over the keys in [from, to): a seek to either end, so that a
  // page from the middle of a long range costs the page, not the range.
  Status ScanRange(const std::string& from, const std::string& to, bool newest_first,
                   const Visitor& visit);

  // --- Writes: only inside Mutate() ---
  // Runs `body` atomically: inside the open transaction if there is one
  // (undoing its writes if it fails), else as its own synced batch.
  Status Mutate(const std::function<Status()>& body);
  Status Put(const std::string& key, std::string_view value);
  // `erase`: the old value must also leave the files once the write is
  // committed (compacted away), as key material always does.
  Status Delete(const std::string& key, bool erase = false);

  // --- Transactions ---
  Status BeginInner();
  Status CommitInner();
  void RollbackInner();
  Status BeginOuter();
  Status CommitOuter();
  void RollbackOuter();

 private:
  ClientDb() = default;
  Status WriteBatchSynced();
  // Wipes and drops the batch; the transaction state resets.
  void Discard();
  // After a commit that deleted key material or history: flushes and
  // compacts the deleted keys' range down to the last level, so the old
  // values leave the WAL and SST files (docs/storage-encryption.md). Once
  // per committed batch, however many keys it deleted.
  void CompactDeleted();

  std::unique_ptr<rocksdb::Env> env_;  // declared first: outlives db_
  std::unique_ptr<rocksdb::DB> db_;
  // Non-null exactly while a transaction of any kind is open.
  std::unique_ptr<rocksdb::WriteBatchWithIndex> batch_;
  bool outer_ = false;
  bool inner_ = false;
  bool outer_failed_ = false;
  size_t inner_start_ = 0;  // batch size at BeginInner, to wipe what a rollback drops
  // The smallest and largest key material deleted in the open batch.
  std::optional<std::pair<std::string, std::string>> deleted_range_;
};

}  // namespace kollega::client::store_internal
