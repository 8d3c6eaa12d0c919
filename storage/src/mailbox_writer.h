// The mailbox writer: the one thread that mutates mailboxes. Append and
// Remove only enqueue; the thread takes everything that queued up while its
// previous sync ran (up to max_batch envelopes), writes it as one WriteBatch,
// runs the appends' `visible` callbacks, syncs the WAL (group commit), then
// runs the `done` callbacks in queue order. So a live push waits for a write
// into the page cache and never for its own sync (docs/storage.md).
//
// Owning every mailbox mutation on one thread is what lets seqs be assigned
// and quotas checked without locks, and what makes the memtable insert hint
// usable (it needs allow_concurrent_memtable_write = false).
//
// Ownership: borrows RocksDb, the store's open mutex and Clock, which must
// outlive it.
// Thread-safety: Append/Remove/Stop and the counters may be used from any
// thread. Callbacks run on the writer thread (or, after Stop, on the caller's
// thread with Unavailable); they must not block on the store.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <variant>
#include <vector>

#include "kollega/storage/relay_store.h"
#include "mailbox_batch.h"
#include "rocks_db.h"

namespace kollega::storage {

class MailboxWriter {
 public:
  // `open_mu` is the store's: each commit holds it shared, and recovery after
  // a failed write takes it exclusively.
  MailboxWriter(RocksDb* db, std::shared_mutex* open_mu, const MailboxLimits& limits,
                const Clock* clock, size_t max_batch);
  ~MailboxWriter();
  MailboxWriter(const MailboxWriter&) = delete;
  MailboxWriter& operator=(const MailboxWriter&) = delete;

  // Sums the meta records for the queued-envelopes estimate, starts a new
  // seq range for this run (a synced write), then starts the thread.
  Status Start();
  void Append(std::vector<EnvelopeToStore> envelopes, MailboxStore::AppendVisible visible,
              MailboxStore::AppendDone done);
  void Remove(DeviceAddress mailbox, std::vector<uint64_t> seqs, MailboxStore::RemoveDone done);
  // Runs `stage` on the writer thread in a commit of its own (so what it
  // reads is not changed by anything staged beside it), writes and syncs
  // what it staged, then calls `done`. `stage` must check everything before
  // it stages anything: an error must leave the batch untouched. Used for
  // the account changes that touch a mailbox (removing a device) or must be
  // ordered with them (publishing a device list).
  using Stage = std::function<Status(MailboxBatch& batch)>;
  void RunExclusive(Stage stage, std::function<void(Status)> done);
  // Finishes every queued operation (callbacks included) and joins the
  // thread. Idempotent. Must not be called from a callback.
  void Stop();

  uint64_t appended() const { return appended_.load(std::memory_order_relaxed); }
  uint64_t removed() const { return removed_.load(std::memory_order_relaxed); }
  uint64_t syncs() const { return syncs_.load(std::memory_order_relaxed); }
  uint64_t queued() const { return queued_.load(std::memory_order_relaxed); }
  CommitDurations commit_durations() const;

 private:
  struct AppendOp {
    std::vector<EnvelopeToStore> envelopes;
    MailboxStore::AppendVisible visible;
    MailboxStore::AppendDone done;
  };
  struct RemoveOp {
    DeviceAddress mailbox;
    std::vector<uint64_t> seqs;
    MailboxStore::RemoveDone done;
  };
  struct ExclusiveOp {
    Stage stage;
    std::function<void(Status)> done;
  };
  using Op = std::variant<AppendOp, RemoveOp, ExclusiveOp>;

  static size_t Weight(const Op& op);
  // Starts this run's seq range (see the .cpp).
  Status StartRun();
  void Run();
  void Commit(std::vector<Op>& ops);
  // Runs the `visible` callbacks of the appends that staged.
  static void AnnounceVisible(std::vector<Op>& ops, const std::vector<Status>& statuses,
                              std::vector<std::vector<uint64_t>>& outputs);
  void RecordCommit(std::chrono::steady_clock::duration took);

  RocksDb* db_;
  std::shared_mutex* open_mu_;
  const MailboxLimits limits_;
  const Clock* clock_;
  const size_t max_batch_;
  WriterMemory memory_;  // writer thread only

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Op> queue_;   // guarded by mu_
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;

  std::atomic<uint64_t> appended_{0};
  std::atomic<uint64_t> removed_{0};
  std::atomic<uint64_t> syncs_{0};
  std::atomic<uint64_t> queued_{0};
  // Per bucket (not cumulative; made cumulative when read), then the rest.
  std::atomic<uint64_t> commit_buckets_[kCommitBuckets + 1] = {};
  std::atomic<uint64_t> commit_sum_us_{0};
};

}  // namespace kollega::storage
