// SPDX-License-Identifier: GPL-3.0-or-later
#include "sender_shares.h"

#include <functional>

#include "kollega/base/log.h"
#include "relay.pb.h"

namespace kollega::server {
namespace {

// Envelopes read per store call while rebuilding a mailbox's counts.
constexpr size_t kLoadPage = 512;

}  // namespace

SenderShares::SenderShares(storage::MailboxStore* store, const Clock* clock, uint32_t share,
                           int64_t ttl_ms)
    : store_(store), clock_(clock), share_(share), ttl_ms_(ttl_ms) {}

SenderShares::Shard& SenderShares::ShardOf(const storage::DeviceAddress& mailbox) {
  return shards_[storage::DeviceAddressHash{}(mailbox) % kShards];
}

void SenderShares::Add(Mailbox& m, uint64_t seq, const std::string& sender, int64_t expires_ms) {
  auto [it, inserted] = m.by_seq.try_emplace(seq);
  if (!inserted) return;  // already known (a rebuild overlapping a live append)
  auto count = m.counts.try_emplace(sender, 0).first;
  ++count->second;
  it->second = Waiting{&count->first, expires_ms};
}

void SenderShares::Drop(Mailbox& m, std::map<uint64_t, Waiting>::iterator it) {
  auto count = m.counts.find(*it->second.sender);
  m.by_seq.erase(it);
  if (count != m.counts.end() && --count->second == 0) m.counts.erase(count);
}

void SenderShares::DropExpired(Mailbox& m, int64_t now_ms) {
  while (!m.by_seq.empty() && m.by_seq.begin()->second.expires_ms <= now_ms) {
    Drop(m, m.by_seq.begin());
  }
}

bool SenderShares::Allows(const storage::DeviceAddress& mailbox, const std::string& sender,
                          uint32_t adding) {
  if (!enabled()) return true;
  Shard& shard = ShardOf(mailbox);
  for (int attempt = 0; attempt < 2; ++attempt) {
    {
      std::lock_guard lock(shard.mu);
      auto it = shard.mailboxes.find(mailbox);
      if (it != shard.mailboxes.end() && it->second.loaded) {
        Mailbox& m = it->second;
        DropExpired(m, clock_->NowMs());
        auto count = m.counts.find(sender);
        uint32_t have = count == m.counts.end() ? 0 : count->second;
        return have + adding <= share_;
      }
    }
    Load(mailbox);
  }
  return true;  // the store could not be read: do not refuse honest senders for it
}

void SenderShares::Record(const storage::DeviceAddress& mailbox, uint64_t seq,
                          const std::string& sender, int64_t stored_ms) {
  if (!enabled()) return;
  Shard& shard = ShardOf(mailbox);
  std::lock_guard lock(shard.mu);
  Add(shard.mailboxes[mailbox], seq, sender, stored_ms + ttl_ms_);
}

void SenderShares::Forget(const storage::DeviceAddress& mailbox,
                          const std::vector<uint64_t>& seqs) {
  if (!enabled()) return;
  Shard& shard = ShardOf(mailbox);
  std::lock_guard lock(shard.mu);
  auto it = shard.mailboxes.find(mailbox);
  if (it == shard.mailboxes.end()) return;
  for (uint64_t seq : seqs) {
    auto waiting = it->second.by_seq.find(seq);
    if (waiting != it->second.by_seq.end()) Drop(it->second, waiting);
  }
}

void SenderShares::Load(const storage::DeviceAddress& mailbox) {
  // What waits in the mailbox now: the store's count says whether there is
  // anything to read at all (the common case after a restart: nothing).
  std::vector<std::pair<uint64_t, std::string>> found;
  std::vector<int64_t> expiries;
  bool complete = true;
  Result<uint32_t> depth = store_->QueueDepth(mailbox);
  if (!depth.ok()) {
    complete = false;
  } else if (*depth > 0) {
    uint64_t after = 0;
    wire::Envelope envelope;
    for (;;) {
      auto page = store_->Read(mailbox, after, kLoadPage);
      if (!page.ok()) {
        complete = false;
        break;
      }
      for (const storage::StoredEnvelope& e : *page) {
        if (envelope.ParseFromString(e.payload)) {
          found.emplace_back(e.seq, envelope.sender_account());
          expiries.push_back(e.expires_ms);
        }
        after = e.seq;
      }
      if (page->size() < kLoadPage) break;
    }
  }
  if (!complete) {
    log::Warn("limits", "could not rebuild a mailbox's sender counts; not limiting it yet");
    return;
  }
  Shard& shard = ShardOf(mailbox);
  std::lock_guard lock(shard.mu);
  if (shard.mailboxes.size() >= kPruneAt) {
    std::erase_if(shard.mailboxes,
                  [](const auto& kv) { return kv.second.loaded && kv.second.by_seq.empty(); });
  }
  Mailbox& m = shard.mailboxes[mailbox];
  for (size_t i = 0; i < found.size(); ++i) Add(m, found[i].first, found[i].second, expiries[i]);
  m.loaded = true;
}

}  // namespace kollega::server
