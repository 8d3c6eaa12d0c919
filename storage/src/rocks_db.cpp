// SPDX-License-Identifier: GPL-3.0-or-later
#include "rocks_db.h"

#include <rocksdb/compaction_filter.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/write_batch.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>

#include "codec.h"
#include "kollega/base/log.h"
#include "kollega/base/storage_status.h"
#include "rocks_logger.h"

namespace kollega::storage {
namespace {

constexpr char kLog[] = "storage";
constexpr uint64_t kRevisitSeconds = 24 * 3600;
constexpr uintmax_t kMinFreeBytesToReopen = 64ull << 20;
constexpr size_t kProbeBytes = 64 << 10;

// Drops expired envelopes while compaction rewrites a file: expiry costs no
// tombstone and no work on the write path. The mailbox meta may still count
// them; the writer recounts a mailbox that looks full (see mailbox_batch.cpp).
class EnvelopeExpiryFilter final : public rocksdb::CompactionFilter {
 public:
  EnvelopeExpiryFilter(const Clock* clock, std::shared_ptr<std::atomic<uint64_t>> dropped)
      : clock_(clock), dropped_(std::move(dropped)) {}
  bool Filter(int, const rocksdb::Slice&, const rocksdb::Slice& value, std::string*,
              bool*) const override {
    auto env = codec::DecodeEnvelope(std::string_view(value.data(), value.size()));
    if (!env || env->expires_ms > clock_->NowMs()) return false;
    dropped_->fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  const char* Name() const override { return "kollega.EnvelopeExpiry"; }

 private:
  const Clock* clock_;
  std::shared_ptr<std::atomic<uint64_t>> dropped_;
};

// Link tokens that were never consumed, and case claims past their week
// (docs/organisations.md §8), would otherwise stay forever. Both values
// start with expires_ms.
class LinkTokenExpiryFilter final : public rocksdb::CompactionFilter {
 public:
  explicit LinkTokenExpiryFilter(const Clock* clock) : clock_(clock) {}
  bool Filter(int, const rocksdb::Slice& key, const rocksdb::Slice& value, std::string*,
              bool*) const override {
    if (key.empty() || value.size() < 8) return false;
    if (key[0] != codec::kLinkTokenTag && key[0] != codec::kClaimTag) return false;
    int64_t expires = static_cast<int64_t>(codec::GetU64({value.data(), value.size()}));
    return expires <= clock_->NowMs();
  }
  const char* Name() const override { return "kollega.LinkTokenExpiry"; }

 private:
  const Clock* clock_;
};

// The relay's files are its own (docs/storage-encryption.md): the directory
// is created 0700, and an existing one that group or others can reach is
// tightened to 0700 rather than refused, so an upgrade needs no manual step.
Status MakePrivateDir(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path dir(path);
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return Unavailable("cannot create the data directory");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Unavailable("the data directory is not a directory");
  }
  if ((st.st_mode & 077) != 0) {
    if (::chmod(path.c_str(), 0700) != 0) {
      return PermissionDenied("cannot make the data directory private (mode 0700)");
    }
    log::Warn(kLog, "the data directory was readable by others; made it mode 0700");
  }
  return Status::Ok();
}

}  // namespace

Status FromRocks(const rocksdb::Status& s) { return StorageStatus(s, "storage"); }

Result<std::unique_ptr<RocksDb>> RocksDb::Open(const std::string& path, const Clock* clock,
                                               uint64_t max_wal_bytes, rocksdb::Env* env) {
  KOLLEGA_RETURN_IF_ERROR(MakePrivateDir(path));

  std::unique_ptr<RocksDb> self(new RocksDb());
  self->expired_dropped_ = std::make_shared<std::atomic<uint64_t>>(0);
  self->mailbox_filter_ = std::make_unique<EnvelopeExpiryFilter>(clock, self->expired_dropped_);
  self->accounts_filter_ = std::make_unique<LinkTokenExpiryFilter>(clock);
  self->statistics_ = rocksdb::CreateDBStatistics();
  // Tickers only: cheap atomics, and they give WAL syncs for /metrics.
  self->statistics_->set_stats_level(rocksdb::StatsLevel::kExceptHistogramOrTimers);

  rocksdb::DBOptions& db_opts = self->db_options_;
  db_opts.create_if_missing = true;
  db_opts.create_missing_column_families = true;
  // Every acknowledged write is in a synced WAL prefix, so a torn tail holds
  // only unacknowledged writes: recover up to it. See storage/README.md.
  db_opts.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  // One thread writes mailboxes; the memtable insert hint needs this off.
  db_opts.allow_concurrent_memtable_write = false;
  // A WAL file is deleted only once every column family with data in it has
  // flushed. The mailbox family flushes every 64 MiB, but accounts, prekeys
  // and (with in-place updates) mailbox_meta hold a few KiB indefinitely, which
  // would keep every WAL since their last flush: RocksDB's default cap is
  // 4x all write buffers (2.5 GiB here), all of it replayed on restart.
  // Past this cap RocksDB flushes the families pinning the oldest WAL.
  db_opts.max_total_wal_size = max_wal_bytes;
  db_opts.max_background_jobs = 2;
  // No LOG file on the disk the store fills (rocks_logger.h).
  db_opts.info_log = MakeRelayRocksLogger();
  db_opts.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_opts.statistics = self->statistics_;
  if (env != nullptr) db_opts.env = env;

  rocksdb::ColumnFamilyOptions accounts_opts;
  accounts_opts.compaction_filter = self->accounts_filter_.get();
  accounts_opts.periodic_compaction_seconds = kRevisitSeconds;

  rocksdb::ColumnFamilyOptions mailbox_opts;
  // Inserts of one mailbox resume where its last insert ended (ROCKSDB.md).
  mailbox_opts.memtable_insert_with_hint_prefix_extractor.reset(
      rocksdb::NewFixedPrefixTransform(codec::kMailboxPrefixSize));
  mailbox_opts.compaction_filter = self->mailbox_filter_.get();
  // Revisit old files daily so the filter really drops expired envelopes.
  mailbox_opts.ttl = kRevisitSeconds;
  mailbox_opts.periodic_compaction_seconds = kRevisitSeconds;

  rocksdb::ColumnFamilyOptions meta_opts;
  // A meta record is rewritten on every append and ack of its mailbox, always
  // 28 bytes: overwrite it in the memtable instead of adding a version per
  // write, so the memtable stays one entry per busy mailbox (docs/storage.md).
  // What this gives up, consistent iterators over concurrent updates, no
  // reader of this family needs: only the writer thread writes it, and the
  // others read single records.
  meta_opts.inplace_update_support = true;

  self->descriptors_ = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {"accounts", accounts_opts},
      {"prekeys", rocksdb::ColumnFamilyOptions()},
      {"mailbox", mailbox_opts},
      {"mailbox_meta", meta_opts},
  };
  self->path_ = path;
  rocksdb::Status s = self->OpenDb();
  if (!s.ok()) return FromRocks(s);
  return self;
}

rocksdb::Status RocksDb::OpenDb() {
  rocksdb::DB* raw = nullptr;
  cfs_.clear();
  rocksdb::Status s = rocksdb::DB::Open(db_options_, path_, descriptors_, &cfs_, &raw);
  if (!s.ok()) {
    log::Error(kLog, "open failed: " + s.ToString());
    return s;
  }
  db_.reset(raw);
  return s;
}

RocksDb::~RocksDb() { Close().IgnoreError(); }

Status RocksDb::Write(rocksdb::WriteBatch* batch, bool sync) {
  if (!db_) return Unavailable("storage unavailable");
  // After a failed WAL write or sync, RocksDB's WAL writer is in an error
  // state in which one more append aborts the process (an assert in 7.8's
  // WritableFileWriter, live in Debian's build). Nothing more goes to it
  // until Recover() has reopened the DB.
  if (needs_recovery_.load()) return StorageFull("storage is recovering from a write error");
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  rocksdb::Status s = db_->Write(wo, batch);
  if (!s.ok()) WriteFailed("write failed: ", s);
  return FromRocks(s);
}

void RocksDb::WriteFailed(const char* what, const rocksdb::Status& s) {
  needs_recovery_ = true;
  write_errors_.fetch_add(1, std::memory_order_relaxed);
  log::Warn(kLog, what + s.ToString());
}

Status RocksDb::SyncWal() {
  if (!db_) return Unavailable("storage unavailable");
  if (needs_recovery_.load()) return StorageFull("storage is recovering from a write error");
  rocksdb::Status s = db_->SyncWAL();
  if (!s.ok()) WriteFailed("WAL sync failed: ", s);
  return FromRocks(s);
}

bool RocksDb::CanWrite() const {
  std::error_code ec;
  auto space = std::filesystem::space(path_, ec);
  if (!ec && space.available < kMinFreeBytesToReopen) return false;
  rocksdb::Env* env = db_options_.env;
  const std::string probe = path_ + "/kollega-write-probe";
  std::unique_ptr<rocksdb::WritableFile> file;
  rocksdb::Status s = env->NewWritableFile(probe, &file, rocksdb::EnvOptions());
  if (s.ok()) s = file->Append(std::string(kProbeBytes, '\0'));
  if (s.ok()) s = file->Sync();
  if (file) file->Close().PermitUncheckedError();
  env->DeleteFile(probe).PermitUncheckedError();
  return s.ok();
}

Status RocksDb::Recover() {
  if (!needs_recovery_.load()) return Status::Ok();
  if (db_) {
    // Always a reopen, never DB::Resume(): after a failed WAL write the
    // resumed DB would append to the failed WAL writer, which aborts
    // (see Write), and after a failed sync the WAL cannot be trusted.
    // Reopening while the disk is still full would only trade a read-only
    // store for a closed one: first prove that a synced write works.
    if (!CanWrite()) return StorageFull("storage is still full");
    Close().IgnoreError();
  }
  rocksdb::Status s = OpenDb();
  if (!s.ok()) return FromRocks(s);
  needs_recovery_ = false;
  log::Info(kLog, "reopened after a write error");
  return Status::Ok();
}

Result<std::optional<std::string>> RocksDb::Get(rocksdb::ColumnFamilyHandle* cf,
                                                const std::string& key) {
  if (!db_) return Unavailable("storage unavailable");
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s);
  return std::optional<std::string>(std::move(value));
}

uint64_t RocksDb::SumProperty(const std::string& property) const {
  uint64_t total = 0;
  if (!db_) return 0;
  for (auto* cf : cfs_) {
    uint64_t v = 0;
    if (db_->GetIntProperty(cf, property, &v)) total += v;
  }
  return total;
}

uint64_t RocksDb::TickerCount(uint32_t ticker) const { return statistics_->getTickerCount(ticker); }

uint64_t RocksDb::WalBytes() const {
  uint64_t total = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".log") continue;
    // A file RocksDB deleted meanwhile reports an error and counts nothing.
    std::error_code size_ec;
    const uintmax_t size = it->file_size(size_ec);
    if (!size_ec) total += size;
  }
  return total;
}

Status RocksDb::CompactAll() {
  if (!db_) return Unavailable("storage unavailable");
  rocksdb::FlushOptions fo;
  rocksdb::CompactRangeOptions co;
  // Bottommost files too: that is where old, expired envelopes live.
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* cf : cfs_) {
    rocksdb::Status s = db_->Flush(fo, cf);
    if (s.ok()) s = db_->CompactRange(co, cf, nullptr, nullptr);
    if (!s.ok()) return FromRocks(s);
  }
  return Status::Ok();
}

Status RocksDb::ScrubMailboxes(std::atomic<bool>* canceled) {
  if (!db_) return Unavailable("storage unavailable");
  // All families at once: a WAL file is deleted only when none of them
  // still has unflushed data in it.
  rocksdb::FlushOptions fo;
  fo.allow_write_stall = true;
  rocksdb::Status s = db_->Flush(fo, cfs_);
  if (!s.ok()) return FromRocks(s);
  rocksdb::CompactRangeOptions co;
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  co.exclusive_manual_compaction = false;  // automatic compactions go on meanwhile
  co.canceled = canceled;
  s = db_->CompactRange(co, mailbox(), nullptr, nullptr);
  if (s.IsIncomplete() && canceled && canceled->load()) return Status::Ok();
  return FromRocks(s);
}

Status RocksDb::Close() {
  if (!db_) return Status::Ok();
  for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
  cfs_.assign(kNumCfs, nullptr);  // accessors stay in range; callers check is_open()
  rocksdb::Status s = db_->Close();
  db_.reset();
  if (!s.ok()) log::Warn(kLog, "close: " + s.ToString());
  return FromRocks(s);
}

}  // namespace kollega::storage
