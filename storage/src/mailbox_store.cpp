// MailboxStore methods of RocksRelayStore, plus opening and closing.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/iterator.h>
#include <rocksdb/statistics.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "codec.h"
#include "kollega/base/log.h"
#include "rocks_relay_store.h"
#include "testing.h"

namespace kollega::storage {

size_t DeviceAddressHash::operator()(const DeviceAddress& a) const noexcept {
  return std::hash<std::string>{}(a.account) * 31 + a.device;
}

RocksRelayStore::RocksRelayStore(std::unique_ptr<RocksDb> db, const RocksRelayStoreOptions& options)
    : clock_(options.clock),
      db_(std::move(db)),
      writer_(std::make_unique<MailboxWriter>(db_.get(), &open_mu_, options.limits, options.clock,
                                              options.max_batch)) {
  if (options.scrub_interval.count() > 0) {
    scrubber_ = std::make_unique<Scrubber>(options.scrub_interval, [this] {
      std::shared_lock open(open_mu_);
      if (!CheckOpenLocked().ok()) return;
      Status s = db_->ScrubMailboxes(&closing_);
      if (!s.ok()) log::Warn("storage", "scrub: " + s.ToString());
    });
  }
}

RocksRelayStore::~RocksRelayStore() { Close(); }

void RocksRelayStore::Close() {
  closing_ = true;
  if (scrubber_) scrubber_->Stop();
  writer_->Stop();  // drains: every queued write is done and called back
  std::unique_lock open(open_mu_);
  if (closed_) return;
  closed_ = true;
  db_->Close().IgnoreError();  // already logged; nothing acknowledged is at risk
}

Status RocksRelayStore::CheckOpenLocked() const {
  if (closed_) return Unavailable("store is closed");
  if (!db_->is_open()) return Unavailable("storage unavailable");
  return Status::Ok();
}

void RocksRelayStore::MaybeRecover() {
  if (!db_->needs_recovery()) return;
  std::unique_lock open(open_mu_);
  if (!closed_) db_->Recover().IgnoreError();  // logged; the next write reports it
}

void RocksRelayStore::Append(std::vector<EnvelopeToStore> envelopes, AppendVisible visible,
                             AppendDone done) {
  writer_->Append(std::move(envelopes), std::move(visible), std::move(done));
}

void RocksRelayStore::Remove(const DeviceAddress& mailbox, std::vector<uint64_t> seqs,
                             RemoveDone done) {
  writer_->Remove(mailbox, std::move(seqs), std::move(done));
}

Result<std::vector<StoredEnvelope>> RocksRelayStore::Read(const DeviceAddress& mailbox,
                                                          uint64_t after_seq, size_t max) {
  if (mailbox.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::vector<StoredEnvelope> out;
  if (max == 0) return out;

  const std::string prefix = codec::MailboxPrefix(mailbox);
  KOLLEGA_ASSIGN_OR_RETURN(auto meta_value, db_->Get(db_->meta(), prefix));
  if (!meta_value.has_value()) return out;  // never written to
  auto meta = codec::DecodeMeta(*meta_value);
  if (!meta) return DataLoss("corrupt mailbox record");

  // Start at the tracked head: everything below it is deleted, and stepping
  // over those tombstones is what makes a long-lived queue slow.
  const uint64_t from = std::max(
      meta->head, after_seq == std::numeric_limits<uint64_t>::max() ? after_seq : after_seq + 1);
  const std::string lower_key = codec::EnvelopeKey(prefix, from);
  const std::string upper_key = codec::EnvelopeKey(prefix, std::numeric_limits<uint64_t>::max());
  rocksdb::Slice lower(lower_key), upper(upper_key);
  rocksdb::ReadOptions ro;
  ro.iterate_lower_bound = &lower;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->mailbox()));
  const int64_t now_ms = clock_->NowMs();
  for (it->Seek(lower); it->Valid() && out.size() < max; it->Next()) {
    auto env = codec::DecodeEnvelope({it->value().data(), it->value().size()});
    if (!env) {
      log::Error("storage", "skipping a corrupt envelope");
      continue;
    }
    if (env->expires_ms <= now_ms) continue;
    out.push_back(
        StoredEnvelope{.seq = codec::SeqFromEnvelopeKey({it->key().data(), it->key().size()}),
                       .payload = std::string(env->payload),
                       .expires_ms = env->expires_ms});
  }
  if (!it->status().ok()) return FromRocks(it->status());
  return out;
}

Result<uint32_t> RocksRelayStore::QueueDepth(const DeviceAddress& mailbox) {
  if (mailbox.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->meta(), codec::MailboxPrefix(mailbox)));
  if (!value.has_value()) return 0u;
  auto meta = codec::DecodeMeta(*value);
  if (!meta) return DataLoss("corrupt mailbox record");
  return meta->count;
}

StoreStats RocksRelayStore::Stats() {
  StoreStats s;
  s.envelopes_appended = writer_->appended();
  s.envelopes_removed = writer_->removed();
  s.wal_syncs = writer_->syncs();
  s.queued_envelopes = writer_->queued();
  s.commit_durations = writer_->commit_durations();
  s.envelopes_expired = db_->expired_dropped();
  s.write_errors = db_->write_errors();
  std::shared_lock open(open_mu_);
  if (!CheckOpenLocked().ok()) return s;
  s.sst_bytes = db_->SumProperty("rocksdb.total-sst-files-size");
  s.memtable_bytes = db_->SumProperty("rocksdb.cur-size-all-mem-tables");
  s.rocksdb_wal_syncs = db_->TickerCount(rocksdb::WAL_FILE_SYNCED);
  s.wal_bytes = db_->WalBytes();
  return s;
}

Status RocksRelayStore::CompactAllForTesting() {
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  return db_->CompactAll();
}

namespace testing {

Result<std::unique_ptr<RelayStore>> OpenWithEnv(const RocksRelayStoreOptions& options,
                                                rocksdb::Env* env) {
  if (options.path.empty()) return InvalidArgument("no data directory");
  if (options.clock == nullptr) return InvalidArgument("no clock");
  KOLLEGA_ASSIGN_OR_RETURN(auto db,
                           RocksDb::Open(options.path, options.clock, options.max_wal_bytes, env));
  auto store = std::make_unique<RocksRelayStore>(std::move(db), options);
  KOLLEGA_RETURN_IF_ERROR(store->Start());
  return std::unique_ptr<RelayStore>(std::move(store));
}

Status CompactAll(RelayStore* store) {
  return static_cast<RocksRelayStore*>(store)->CompactAllForTesting();
}

}  // namespace testing

Result<std::unique_ptr<RelayStore>> OpenRocksRelayStore(const RocksRelayStoreOptions& options) {
  return testing::OpenWithEnv(options, nullptr);
}

}  // namespace kollega::storage
