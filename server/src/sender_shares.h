// SenderShares: how many envelopes each sender account has waiting in each
// recipient device's mailbox, so that no single sender can fill a mailbox
// and lock out everyone else (docs/abuse-limits.md, "Mailbox share").
//
// The count lives in memory only. Per mailbox it keeps the seq of every
// waiting envelope with its sender and expiry: a Send checks one hash
// lookup; the store's `visible` callback records the new seqs; an Ack
// forgets the acknowledged ones; expired ones are dropped from the front
// (seqs grow with time within a mailbox). After a restart a mailbox's
// counts are rebuilt from the mailbox itself the first time anyone sends
// to it (a read of the waiting envelopes and their sender field), so a
// restart does not hand a flooder a fresh share.
//
// Ownership: borrows the store and clock (owned by RelayServer).
// Thread-safety: every method may be called from any thread; the mailboxes
// are spread over sharded mutexes, and the store is read without a lock held.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "kollega/base/clock.h"
#include "kollega/storage/relay_store.h"

namespace kollega::server {

class SenderShares {
 public:
  // `share`: envelopes one sender may have waiting in one mailbox; 0 = no
  // limit (then every method returns at once and nothing is kept).
  SenderShares(storage::MailboxStore* store, const Clock* clock, uint32_t share, int64_t ttl_ms);

  bool enabled() const { return share_ != 0; }

  // True when `sender` may add `adding` more envelopes to `mailbox`.
  // Rebuilds the mailbox's counts from the store on first use in this run.
  bool Allows(const storage::DeviceAddress& mailbox, const std::string& sender, uint32_t adding);

  // A stored envelope (from the store's `visible` callback).
  void Record(const storage::DeviceAddress& mailbox, uint64_t seq, const std::string& sender,
              int64_t stored_ms);

  // Envelopes acknowledged (or found gone) by the mailbox's own device.
  void Forget(const storage::DeviceAddress& mailbox, const std::vector<uint64_t>& seqs);

 private:
  struct Waiting {
    // Points at a key of Mailbox::counts: node keys never move, and a key
    // is erased only when no Waiting refers to it any more.
    const std::string* sender = nullptr;
    int64_t expires_ms = 0;
  };
  struct Mailbox {
    bool loaded = false;  // rebuilt from the store in this run
    std::unordered_map<std::string, uint32_t> counts;
    std::map<uint64_t, Waiting> by_seq;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<storage::DeviceAddress, Mailbox, storage::DeviceAddressHash> mailboxes;
  };
  static constexpr size_t kShards = 16;
  // Past this many mailboxes a shard forgets the loaded, empty ones: a
  // mailbox that is later sent to again costs one rebuild (a meta read).
  static constexpr size_t kPruneAt = 4096;

  Shard& ShardOf(const storage::DeviceAddress& mailbox);
  // Under the shard lock.
  static void Add(Mailbox& m, uint64_t seq, const std::string& sender, int64_t expires_ms);
  static void Drop(Mailbox& m, std::map<uint64_t, Waiting>::iterator it);
  void DropExpired(Mailbox& m, int64_t now_ms);
  // Reads the mailbox (no lock held) and merges what waits there.
  void Load(const storage::DeviceAddress& mailbox);

  storage::MailboxStore* const store_;
  const Clock* const clock_;
  const uint32_t share_;
  const int64_t ttl_ms_;
  std::array<Shard, kShards> shards_;
};

}  // namespace kollega::server
