// The RocksDB instance behind the relay store: opens it with the tuned
// options and column families, maps its errors to kollega::Status, and owns
// the synced-write path, and recovery after a failed write (disk full).
//
// Ownership: RocksDb owns the DB, its column family handles, the compaction
// filters and the statistics object. The Clock and Env are borrowed and must
// outlive it.
// Thread-safety: all methods may be called concurrently, except Recover()
// and Close(), which need exclusive use (RocksRelayStore's open_mu_): they
// replace the DB and its handles.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/statistics.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kollega/base/clock.h"
#include "kollega/base/status.h"

namespace kollega::storage {

// Maps a RocksDB status to ours. Disk full becomes
// StorageFull("storage full (disk full)"); other I/O errors Unavailable;
// corruption DataLoss. Messages carry no identifiers.
Status FromRocks(const rocksdb::Status& s);

class RocksDb {
 public:
  // `env` may be null (the default Env); tests pass a fault-injecting one.
  static Result<std::unique_ptr<RocksDb>> Open(const std::string& path, const Clock* clock,
                                               uint64_t max_wal_bytes, rocksdb::Env* env);
  ~RocksDb();
  RocksDb(const RocksDb&) = delete;
  RocksDb& operator=(const RocksDb&) = delete;

  bool is_open() const { return db_ != nullptr; }
  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* accounts() const { return cfs_[kAccounts]; }
  rocksdb::ColumnFamilyHandle* prekeys() const { return cfs_[kPrekeys]; }
  rocksdb::ColumnFamilyHandle* mailbox() const { return cfs_[kMailbox]; }
  rocksdb::ColumnFamilyHandle* meta() const { return cfs_[kMeta]; }
  // Holds only the relay's run counter.
  rocksdb::ColumnFamilyHandle* defaults() const { return cfs_[kDefault]; }

  // Writes with sync = true. A failed write puts RocksDB into read-only mode
  // (a background error); reads keep working, and needs_recovery() is set,
  // after which writes and syncs are refused (StorageFull) without reaching
  // RocksDB until Recover() succeeds.
  Status WriteSynced(rocksdb::WriteBatch* batch) { return Write(batch, true); }
  // As WriteSynced, but with `sync` false the write is in the WAL and the page cache, so a process
  // crash keeps it; a power loss may lose it, together with everything after the last synced write
  // (never anything before it).
  Status Write(rocksdb::WriteBatch* batch, bool sync);
  // Syncs the WAL up to everything written so far. After a failure the WAL
  // file cannot be trusted (Linux may drop the unwritten pages and report
  // success to the next fsync), so Recover() then reopens instead of
  // resuming: the reopen replays what is really in the WAL.
  Status SyncWal();

  // True after a failed write until Recover() succeeds.
  bool needs_recovery() const { return needs_recovery_.load(); }
  // Once the disk takes a synced write again (and has kMinFreeBytesToReopen
  // free), closes and reopens the DB (WAL replay keeps every synced write);
  // never DB::Resume(), which reuses the failed WAL writer.
  // If the reopen fails the DB stays closed (is_open() false) until a later
  // Recover() succeeds. Needs exclusive use.
  Status Recover();

  // Point read; NotFound maps to nullopt, other errors to a Status.
  Result<std::optional<std::string>> Get(rocksdb::ColumnFamilyHandle* cf, const std::string& key);

  // Sums an integer property over all column families.
  uint64_t SumProperty(const std::string& property) const;
  uint64_t TickerCount(uint32_t ticker) const;
  // Bytes of WAL files in the data directory; a directory listing, no lock.
  uint64_t WalBytes() const;
  uint64_t expired_dropped() const { return expired_dropped_->load(); }
  uint64_t write_errors() const { return write_errors_.load(); }

  // Flushes and fully compacts every column family (tests, maintenance).
  Status CompactAll();
  // Makes deleted envelopes leave the files (docs/storage-encryption.md,
  // "The relay's scrub"): flushes every column family, so that no WAL file
  // is needed any more and the old ones are deleted, then rewrites the
  // mailbox family down to its last level, where tombstones and what they
  // deleted are dropped. Setting `*canceled` (may be null) ends it early.
  Status ScrubMailboxes(std::atomic<bool>* canceled);

  // Flushes nothing extra: the WAL already holds every acknowledged write.
  Status Close();

 private:
  enum { kDefault = 0, kAccounts, kPrekeys, kMailbox, kMeta, kNumCfs };
  RocksDb() = default;
  rocksdb::Status OpenDb();
  // Whether the data directory takes a synced write right now.
  bool CanWrite() const;
  // Counts and logs a failed write or sync and asks for Recover().
  void WriteFailed(const char* what, const rocksdb::Status& s);

  std::shared_ptr<std::atomic<uint64_t>> expired_dropped_;
  std::unique_ptr<rocksdb::CompactionFilter> mailbox_filter_;
  std::unique_ptr<rocksdb::CompactionFilter> accounts_filter_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;
  std::string path_;
  rocksdb::DBOptions db_options_;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors_;
  std::atomic<bool> needs_recovery_{false};
  std::atomic<uint64_t> write_errors_{0};
};

}  // namespace kollega::storage
