// SPDX-License-Identifier: GPL-3.0-or-later
#include "mailbox_writer.h"

#include <pthread.h>
#include <rocksdb/iterator.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <memory>

#include "codec.h"

namespace kollega::storage {
namespace {

constexpr char kRunKey[] = "mailbox-run";

}  // namespace

MailboxWriter::MailboxWriter(RocksDb* db, std::shared_mutex* open_mu, const MailboxLimits& limits,
                             const Clock* clock, size_t max_batch)
    : db_(db),
      open_mu_(open_mu),
      limits_(limits),
      clock_(clock),
      max_batch_(std::max<size_t>(max_batch, 1)) {}

MailboxWriter::~MailboxWriter() { Stop(); }

Status MailboxWriter::Start() {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->meta()));
  uint64_t total = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto meta = codec::DecodeMeta({it->value().data(), it->value().size()});
    if (meta) total += meta->count;
  }
  if (!it->status().ok()) return FromRocks(it->status());
  queued_ = total;
  KOLLEGA_RETURN_IF_ERROR(StartRun());
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kollega-store");  // at most 15 characters
    Run();
  });
  return Status::Ok();
}

// A push may carry a seq before the envelope is synced (AnnounceVisible),
// and a power loss may then undo the write without a trace. So every run of
// the store gets its own range: the run counter is bumped (synced) at start,
// and every mailbox's next seq is at least run << 32 (2^32 envelopes per
// mailbox per run; 2^32 runs).
Status MailboxWriter::StartRun() {
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->defaults(), kRunKey));
  uint64_t run = 0;
  if (value.has_value()) {
    if (value->size() != 8) return DataLoss("corrupt run counter");
    run = codec::GetU64(*value);
  }
  ++run;
  if (run >= (uint64_t{1} << 32)) return DataLoss("run counter exhausted");
  std::string encoded;
  codec::PutU64(&encoded, run);
  rocksdb::WriteBatch batch;
  batch.Put(db_->defaults(), kRunKey, encoded);
  KOLLEGA_RETURN_IF_ERROR(db_->WriteSynced(&batch));
  memory_.run_floor = run << 32;
  return Status::Ok();
}

void MailboxWriter::Append(std::vector<EnvelopeToStore> envelopes,
                           MailboxStore::AppendVisible visible, MailboxStore::AppendDone done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(AppendOp{std::move(envelopes), std::move(visible), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(Unavailable("store is closed"), AppendResult{});
}

void MailboxWriter::Remove(DeviceAddress mailbox, std::vector<uint64_t> seqs,
                           MailboxStore::RemoveDone done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(RemoveOp{std::move(mailbox), std::move(seqs), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(Unavailable("store is closed"), {});
}

void MailboxWriter::RunExclusive(Stage stage, std::function<void(Status)> done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(ExclusiveOp{std::move(stage), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(Unavailable("store is closed"));
}

void MailboxWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) {
    assert(thread_.get_id() != std::this_thread::get_id() && "Stop() from a store callback");
    thread_.join();
  }
}

size_t MailboxWriter::Weight(const Op& op) {
  if (auto* a = std::get_if<AppendOp>(&op)) return std::max<size_t>(a->envelopes.size(), 1);
  if (std::holds_alternative<ExclusiveOp>(op)) return 1;
  return std::max<size_t>(std::get<RemoveOp>(op).seqs.size(), 1);
}

void MailboxWriter::Run() {
  std::vector<Op> ops;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and everything is done
      // Everything that arrived during the last sync, up to max_batch; a
      // single oversized operation still goes, alone.
      size_t weight = 0;
      while (!queue_.empty() && (ops.empty() || weight + Weight(queue_.front()) <= max_batch_)) {
        // An exclusive operation commits alone.
        const bool exclusive = std::holds_alternative<ExclusiveOp>(queue_.front());
        if (exclusive && !ops.empty()) break;
        weight += Weight(queue_.front());
        ops.push_back(std::move(queue_.front()));
        queue_.pop_front();
        if (exclusive) break;
      }
    }
    Commit(ops);
    ops.clear();
  }
}

void MailboxWriter::RecordCommit(std::chrono::steady_clock::duration took) {
  const uint64_t us =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(took).count());
  size_t bucket = 0;
  while (bucket < kCommitBuckets && us > kCommitBucketsUs[bucket]) ++bucket;
  commit_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  commit_sum_us_.fetch_add(us, std::memory_order_relaxed);
}

CommitDurations MailboxWriter::commit_durations() const {
  CommitDurations d;
  uint64_t running = 0;
  for (size_t i = 0; i <= kCommitBuckets; ++i) {
    running += commit_buckets_[i].load(std::memory_order_relaxed);
    if (i < kCommitBuckets) d.counts[i] = running;
  }
  d.count = running;
  d.sum_us = commit_sum_us_.load(std::memory_order_relaxed);
  return d;
}

void MailboxWriter::Commit(std::vector<Op>& ops) {
  if (db_->needs_recovery()) {
    std::unique_lock exclusive(*open_mu_);
    db_->Recover().IgnoreError();  // logged; if it failed, the write below says so
  }
  std::shared_lock open(*open_mu_);
  MailboxBatch batch(db_, limits_, clock_->NowMs(), &memory_);
  std::vector<Status> statuses(ops.size());
  std::vector<std::vector<uint64_t>> outputs(ops.size());    // seqs, or unknown seqs
  std::vector<std::vector<DeviceAddress>> full(ops.size());  // appends only
  // Down after a failed reopen: every operation fails, nothing is staged.
  Status usable = db_->is_open() ? Status::Ok() : Unavailable("storage unavailable");
  for (size_t i = 0; i < ops.size(); ++i) {
    if (!usable.ok()) {
      statuses[i] = usable;
      continue;
    }
    if (auto* a = std::get_if<AppendOp>(&ops[i])) {
      statuses[i] = batch.StageAppend(a->envelopes, &outputs[i], &full[i]);
    } else if (auto* x = std::get_if<ExclusiveOp>(&ops[i])) {
      statuses[i] = x->stage(batch);
    } else {
      auto& r = std::get<RemoveOp>(ops[i]);
      statuses[i] = batch.StageRemove(r.mailbox, r.seqs, &outputs[i]);
    }
  }
  if (usable.ok()) batch.Finish();

  Status written;
  written.IgnoreError();  // stays unread when no operation staged anything
  if (!batch.empty()) {
    // Only appends must be durable before they are answered. A batch of
    // removals alone is not synced: a power loss may undo it, and then the
    // envelopes are delivered again, which clients already tolerate (they
    // drop what they have). The next synced batch makes it durable too.
    //
    // Appends are written, announced, then synced: a push to a connected
    // recipient need not wait for the disk, only the sender's answer does
    // (docs/storage.md, "Visible before durable").
    const bool sync = batch.appended() > 0 || batch.must_sync();
    const auto started = std::chrono::steady_clock::now();
    written = db_->Write(batch.batch(), /*sync=*/false);
    if (written.ok() && sync) {
      auto took = std::chrono::steady_clock::now() - started;
      AnnounceVisible(ops, statuses, outputs);
      const auto syncing = std::chrono::steady_clock::now();
      written = db_->SyncWal();
      took += std::chrono::steady_clock::now() - syncing;
      if (written.ok()) {
        syncs_.fetch_add(1, std::memory_order_relaxed);
        RecordCommit(took);
      }
    }
    if (written.ok()) {
      appended_.fetch_add(batch.appended(), std::memory_order_relaxed);
      removed_.fetch_add(batch.removed(), std::memory_order_relaxed);
      int64_t queued = static_cast<int64_t>(queued_.load()) + batch.queued_delta();
      queued_.store(static_cast<uint64_t>(std::max<int64_t>(queued, 0)));
      batch.Committed();
    } else {
      // Also after a failed sync of a batch already announced: its seqs
      // stay used (a push may carry them), and the mailboxes are read again.
      batch.Failed();
    }
  }
  open.unlock();  // callbacks may call back into the store

  for (size_t i = 0; i < ops.size(); ++i) {
    // An operation that staged fine shares the fate of the write.
    Status s = statuses[i].ok() ? written : statuses[i];
    if (auto* a = std::get_if<AppendOp>(&ops[i])) {
      AppendResult result;
      if (s.ok()) {
        result.seqs = std::move(outputs[i]);
        result.full = std::move(full[i]);
      }
      a->done(std::move(s), std::move(result));
    } else if (auto* x = std::get_if<ExclusiveOp>(&ops[i])) {
      x->done(std::move(s));
    } else {
      auto& r = std::get<RemoveOp>(ops[i]);
      std::vector<uint64_t> unknown;
      if (s.ok()) unknown = std::move(outputs[i]);
      r.done(std::move(s), std::move(unknown));
    }
  }
}

void MailboxWriter::AnnounceVisible(std::vector<Op>& ops, const std::vector<Status>& statuses,
                                    std::vector<std::vector<uint64_t>>& outputs) {
  for (size_t i = 0; i < ops.size(); ++i) {
    auto* a = std::get_if<AppendOp>(&ops[i]);
    if (a == nullptr || !a->visible || !statuses[i].ok()) continue;
    // Lent to the callback and taken back: `done` hands over the same seqs.
    AppendResult result{std::move(outputs[i]), {}};
    a->visible(result);
    outputs[i] = std::move(result.seqs);
  }
}

}  // namespace kollega::storage
