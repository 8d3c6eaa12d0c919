// SPDX-License-Identifier: GPL-3.0-or-later
#include "client_store_db.h"

#include <rocksdb/options.h>

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <system_error>

#include "client_store_format.h"
#include "encrypted_env.h"
#include "kollega/base/storage_status.h"
#include "kollega/crypto/device_key.h"
#include "store_migration.h"

namespace kollega::client::store_internal {
namespace {

namespace fmt = store_format;

rocksdb::ReadOptions ReadOpts() {
  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;  // a flipped bit in a session record must not reach libsignal
  return ro;
}

rocksdb::WriteOptions SyncedWrite() {
  rocksdb::WriteOptions wo;
  wo.sync = true;  // a client writes little; losing an acknowledged message is worse
  return wo;
}

// The batch's buffer holds record bytes (session keys, plaintext history):
// overwrite everything from `from` on before the batch drops or truncates it.
// WriteBatch only lends its buffer as const; the string itself is ours to
// change (nothing parses the wiped tail before it is cut off or freed).
void WipeBatchTail(rocksdb::WriteBatchWithIndex& batch, size_t from) {
  const std::string& rep = batch.GetWriteBatch()->Data();
  if (from < rep.size()) crypto::Wipe(const_cast<char*>(rep.data()) + from, rep.size() - from);
}

std::unique_ptr<rocksdb::WriteBatchWithIndex> NewBatch() {
  // overwrite_key: a key written twice in one transaction reads as its last
  // value, and iterators show it once.
  return std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true);
}

Status OpenError(const rocksdb::Status& s, const std::string& path) {
  const std::string where = "client store at " + path;
  if (s.IsCorruption()) return DataLoss(where + " is corrupt: " + s.ToString());
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return Unavailable(where + " is locked (in use by another process?): " + s.ToString());
  }
  if (s.IsNoSpace()) return StorageFull(where + ": disk full");
  return Unavailable("cannot open " + where + ": " + s.ToString());
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  return StorageStatus(s, "client store", what);
}

WipeOnExit::~WipeOnExit() { crypto::Wipe(s_); }

Result<std::unique_ptr<ClientDb>> ClientDb::Open(const std::string& path,
                                                 const StoreKeySource& key) {
  KOLLEGA_RETURN_IF_ERROR(RecoverInterruptedMigration(path));
  KOLLEGA_RETURN_IF_ERROR(MakePrivateDir(path));
  std::string data_key;
  WipeOnExit wipe_key(data_key);
  if (IsUnencryptedStore(path)) {
    KOLLEGA_ASSIGN_OR_RETURN(data_key, MigrateToEncrypted(path, key));
  } else if (std::filesystem::exists(path + ".key")) {
    KOLLEGA_ASSIGN_OR_RETURN(data_key, UnwrapDataKey(path + ".key", key));
  } else {
    KOLLEGA_ASSIGN_OR_RETURN(data_key, CreateKeyFile(path + ".key", key));
  }
  std::unique_ptr<ClientDb> self(new ClientDb());
  KOLLEGA_ASSIGN_OR_RETURN(self->env_, NewEncryptedStoreEnv(data_key));

  rocksdb::Options options;
  options.create_if_missing = true;
  options.paranoid_checks = true;
  // Every write is synced, so only an unsynced tail can be torn; recover up
  // to the last whole record rather than refusing to open a user's history.
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  options.write_buffer_size = 4 << 20;  // a phone-sized store
  options.max_open_files = 64;
  options.keep_log_file_num = 2;
  options.env = self->env_.get();
  options.info_log = NewSilentLogger();

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &raw);
  if (!s.ok()) return OpenError(s, path);
  self->db_.reset(raw);

  KOLLEGA_ASSIGN_OR_RETURN(auto format, self->Get(fmt::FormatKey()));
  if (!format.has_value()) {
    const std::string version(1, static_cast<char>(fmt::kStoreFormat));
    KOLLEGA_RETURN_IF_ERROR(self->Mutate([&] { return self->Put(fmt::FormatKey(), version); }));
  } else if (*format != std::string(1, static_cast<char>(fmt::kStoreFormat))) {
    return FailedPrecondition("client store at " + path +
                              " has a format this build does not read (newer version?)");
  }
  return self;
}

ClientDb::~ClientDb() { Discard(); }

Result<std::optional<std::string>> ClientDb::Get(const std::string& key) {
  std::string value;
  rocksdb::Status s = batch_ ? batch_->GetFromBatchAndDB(db_.get(), ReadOpts(), key, &value)
                             : db_->Get(ReadOpts(), key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading");
  return std::optional<std::string>(std::move(value));
}

Status ClientDb::Scan(const std::string& prefix, bool newest_first, const Visitor& visit) {
  return ScanRange(prefix, store_format::PrefixEnd(prefix), newest_first, visit);
}

Status ClientDb::ScanRange(const std::string& from, const std::string& to, bool newest_first,
                           const Visitor& visit) {
  const rocksdb::Slice lower(from);
  const rocksdb::Slice upper(to);
  rocksdb::ReadOptions ro = ReadOpts();
  ro.iterate_lower_bound = &lower;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  if (batch_) {
    it.reset(batch_->NewIteratorWithBase(db_->DefaultColumnFamily(), it.release(), &ro));
  }
  // The bounds are checked here as well, so a correct range does not depend
  // on the batch's half of the merged iterator honouring them both ways.
  auto in_range = [&](const rocksdb::Slice& k) {
    return k.compare(lower) >= 0 && k.compare(upper) < 0;
  };
  if (newest_first) {
    // A seek to the range's end, not the store's: the batch's half of the
    // merged iterator may ignore the upper bound.
    if (upper.empty()) {
      it->SeekToLast();
    } else {
      it->SeekForPrev(upper);
    }
    while (it->Valid() && it->key().compare(upper) >= 0) it->Prev();
  } else {
    it->Seek(lower);
  }
  for (; it->Valid() && in_range(it->key()); newest_first ? it->Prev() : it->Next()) {
    if (!visit(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "scanning");
}

Status ClientDb::Mutate(const std::function<Status()>& body) {
  if (batch_) {
    // Part of a larger transaction: a failed call leaves no half of itself.
    const size_t start = batch_->GetWriteBatch()->GetDataSize();
    batch_->SetSavePoint();
    Status s = body();
    if (s.ok()) return FromRocks(batch_->PopSavePoint(), "committing a step");
    WipeBatchTail(*batch_, start);
    batch_->RollbackToSavePoint().PermitUncheckedError();  // the save point was just set
    return s;
  }
  batch_ = NewBatch();
  Status s = body();
  if (s.ok()) s = WriteBatchSynced();
  Discard();
  return s;
}

Status ClientDb::Put(const std::string& key, std::string_view value) {
  assert(batch_ && "writes happen inside Mutate()");
  return FromRocks(batch_->Put(key, rocksdb::Slice(value.data(), value.size())), "batching");
}

Status ClientDb::Delete(const std::string& key, bool erase) {
  assert(batch_ && "writes happen inside Mutate()");
  if (erase) {
    // Everything: what is erased may have had copies under other keys that
    // were only deleted (a sent message's outbox record), still in the files.
    deleted_range_.emplace(std::string(), std::string(8, '\xff'));
  } else if (!key.empty() && fmt::IsKeyMaterialKind(key[0])) {
    if (!deleted_range_) {
      deleted_range_.emplace(key, key);
    } else {
      deleted_range_->first = std::min(deleted_range_->first, key);
      deleted_range_->second = std::max(deleted_range_->second, key);
    }
  }
  return FromRocks(batch_->Delete(key), "batching");
}

Status ClientDb::BeginInner() {
  if (inner_) return Internal("nested Signal store transaction");
  if (outer_) {
    inner_start_ = batch_->GetWriteBatch()->GetDataSize();
    batch_->SetSavePoint();
  } else {
    batch_ = NewBatch();
  }
  inner_ = true;
  return Status::Ok();
}

Status ClientDb::CommitInner() {
  if (!inner_) return Internal("Signal store commit without a transaction");
  inner_ = false;
  if (outer_) return FromRocks(batch_->PopSavePoint(), "joining the outer transaction");
  Status s = WriteBatchSynced();
  Discard();
  return s;
}

void ClientDb::RollbackInner() {
  if (!inner_) return;
  inner_ = false;
  if (!outer_) {
    Discard();
    return;
  }
  // Undo this call's writes so the rest of the outer transaction reads a
  // consistent state, and remember that it can no longer commit.
  WipeBatchTail(*batch_, inner_start_);
  batch_->RollbackToSavePoint().PermitUncheckedError();
  outer_failed_ = true;
}

Status ClientDb::BeginOuter() {
  if (outer_) return FailedPrecondition("an outer transaction is already open");
  if (batch_) return FailedPrecondition("a Signal store transaction is open");
  batch_ = NewBatch();
  outer_ = true;
  outer_failed_ = false;
  return Status::Ok();
}

Status ClientDb::CommitOuter() {
  if (!outer_) return FailedPrecondition("CommitOuter without BeginOuter");
  Status s;
  if (inner_) {
    s = Internal("CommitOuter inside an unfinished Signal store transaction; nothing was written");
  } else if (outer_failed_) {
    s = FailedPrecondition("a Signal store call in this transaction failed; nothing was written");
  } else {
    s = WriteBatchSynced();
  }
  Discard();
  return s;
}

void ClientDb::RollbackOuter() {
  if (outer_) Discard();
}

Status ClientDb::WriteBatchSynced() {
  Status s = FromRocks(db_->Write(SyncedWrite(), batch_->GetWriteBatch()), "writing");
  if (s.ok() && deleted_range_) CompactDeleted();
  return s;
}

void ClientDb::CompactDeleted() {
  // The write is committed whatever happens here; a failure only leaves the
  // old values in the files until a later compaction, so it is not an error
  // of the caller's operation.
  rocksdb::Status s = db_->Flush(rocksdb::FlushOptions());
  if (s.ok()) {
    rocksdb::CompactRangeOptions co;
    co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    const rocksdb::Slice lo(deleted_range_->first);
    const rocksdb::Slice hi(deleted_range_->second);
    s = db_->CompactRange(co, &lo, &hi);
  }
  s.PermitUncheckedError();
}

void ClientDb::Discard() {
  if (batch_) {
    WipeBatchTail(*batch_, 0);
    batch_.reset();
  }
  outer_ = false;
  inner_ = false;
  outer_failed_ = false;
  inner_start_ = 0;
  deleted_range_.reset();
}

}  // namespace kollega::client::store_internal
