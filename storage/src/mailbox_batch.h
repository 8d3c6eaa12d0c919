// One group commit of the mailbox writer: stages the appends and removes
// gathered from the queue into a single WriteBatch (envelopes plus the meta
// record of every mailbox touched), checking quotas and assigning seqs
// against the state as it will be after the earlier operations of the same
// batch.
//
// Ownership: a MailboxBatch lives for one commit and borrows the RocksDb and
// the writer's WriterMemory.
// Thread-safety: none; only the writer thread creates and uses it. That is
// what makes it safe to read-modify-write meta records without locks: no one
// else writes the mailbox or mailbox_meta column families.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "codec.h"
#include "kollega/storage/relay_store.h"
#include "rocks_db.h"

namespace kollega::storage {

// One envelope as the writer's mailbox mirror knows it.
struct LiveEnvelope {
  uint64_t seq = 0;
  uint64_t bytes = 0;  // payload
  int64_t expires_ms = 0;
};

// The committed state of one mailbox as the writer last wrote it. Only the
// writer thread writes mailboxes, so this stays true until the writer itself
// changes it, and it saves a meta read per batch.
struct MailboxState {
  codec::MailboxMeta meta;
  // When set, `live` holds every envelope of the mailbox, in seq order; then an ack needs no read
  // to learn whether its seq exists or how big it was, and the head needs no scan. Known for a
  // mailbox that was empty when first seen and has stayed small, which is
  // every mailbox whose device is online and acking.
  bool exact = false;
  std::vector<LiveEnvelope> live;
};

// What the writer remembers between batches (in memory only).
struct WriterMemory {
  // Mailbox prefix -> its committed state; a cache, bounded and cleared
  // wholesale when full (a miss costs one meta read).
  std::unordered_map<std::string, MailboxState> mailboxes;
  // Mailbox prefix -> the earliest expiry among its envelopes at its last
  // recount. Until then a recount cannot free anything, so a full mailbox
  // that senders keep hitting costs one meta read, not a scan, per attempt.
  std::unordered_map<std::string, int64_t> recount_after;
  // Mailbox prefix -> lowest seq the next append may use. Set only after a
  // failed write, whose envelopes could still come back from the WAL on
  // restart: a key must never be Put twice (SingleDelete's contract).
  std::unordered_map<std::string, uint64_t> seq_floor;
  // Mailboxes of devices removed in this run (RemoveDevice): an append that
  // was checked against the device list before the removal and queued after
  // it must not bring the mailbox back. Cleared wholesale when large; device
  // ids are never reused, so this is a guard for the moment of removal only.
  std::unordered_set<std::string> dropped;
  // Lowest seq any mailbox may use in this run (MailboxWriter::StartRun): an
  // envelope pushed before its sync and then undone by a power loss leaves
  // no trace on disk, and its seq must not come back after the restart.
  uint64_t run_floor = 0;
};

class MailboxBatch {
 public:
  MailboxBatch(RocksDb* db, const MailboxLimits& limits, int64_t now_ms, WriterMemory* memory);

  // Stages the envelopes whose mailbox has room; for the others *seqs holds
  // 0 and *full names the mailbox (docs/trust.md §4). On error nothing of
  // this append is staged: ResourceExhausted("mailbox full") when every
  // target is full, NotFound when a target device was removed.
  Status StageAppend(const std::vector<EnvelopeToStore>& envelopes, std::vector<uint64_t>* seqs,
                     std::vector<DeviceAddress>* full);

  // Stages the deletion of every envelope of `mailbox` and of its meta
  // record (a removed device). The batch is then synced.
  Status StageDropMailbox(const DeviceAddress& mailbox);
  // Makes the commit a synced one even without appends.
  void RequireSync() { must_sync_ = true; }
  bool must_sync() const { return must_sync_; }

  // Stages SingleDeletes for the seqs present in `mailbox`; the rest are
  // reported in *unknown.
  Status StageRemove(const DeviceAddress& mailbox, const std::vector<uint64_t>& seqs,
                     std::vector<uint64_t>* unknown);

  // Moves head pointers and adds the meta records. Call once, before writing.
  void Finish();

  rocksdb::WriteBatch* batch() { return &batch_; }
  bool empty() const { return batch_.Count() == 0; }
  // Effect on the total of queued envelopes, and the counts for Stats.
  int64_t queued_delta() const { return queued_delta_; }
  uint64_t appended() const { return appended_; }
  uint64_t removed() const { return removed_; }

  // Tells the writer's memory how the commit went.
  void Committed();
  void Failed();

 private:
  struct Staged {
    codec::MailboxMeta meta;
    uint32_t count_before = 0;
    bool exact = false;  // as MailboxState; `live` then includes this batch
    std::vector<LiveEnvelope> live;
    std::map<uint64_t, uint64_t> appended;  // seq -> payload bytes, this batch
    std::unordered_set<uint64_t> removed;   // seqs deleted in this batch
    bool dirty = false;
    bool head_may_move = false;
    bool dropped = false;  // StageDropMailbox: deleted, meta included
  };

  Result<Staged*> Load(const std::string& prefix);
  // Exact state only: removes `seq` from m.live and yields it; false if it
  // is not there.
  static bool TakeLive(Staged& m, uint64_t seq, LiveEnvelope* taken);
  bool Fits(const Staged& m, uint64_t add_count, uint64_t add_bytes) const;
  // Re-derives count/bytes from the envelopes themselves and deletes the
  // expired ones: the compaction filter drops envelopes behind the meta's
  // back, and expired ones must not keep a mailbox full forever.
  Status Recount(const std::string& prefix, Staged* m);
  // The lowest seq at or above the old head that is neither deleted in this
  // batch nor gone: one bounded seek per mailbox with removals.
  void AdvanceHead(const std::string& prefix, Staged* m);

  RocksDb* db_;
  const MailboxLimits& limits_;
  int64_t now_ms_;
  WriterMemory* memory_;
  std::unordered_map<std::string, Staged> staged_;
  rocksdb::WriteBatch batch_;
  int64_t queued_delta_ = 0;
  uint64_t appended_ = 0;
  uint64_t removed_ = 0;
  bool must_sync_ = false;
};

}  // namespace kollega::storage
