// SPDX-License-Identifier: GPL-3.0-or-later
#include "mailbox_batch.h"

#include <rocksdb/iterator.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "kollega/base/log.h"

namespace kollega::storage {
namespace {

// Forget recount hints wholesale rather than let the map grow without bound;
// losing them costs at most one extra scan per full mailbox.
constexpr size_t kMaxRecountHints = 100'000;
// Bounds on the writer's mailbox cache: worst case about 65,536 x (32 x 24 +
// ~200) bytes ~= 60 MiB; an online device's mailbox holds a handful.
constexpr size_t kMaxCachedMailboxes = 65'536;
constexpr size_t kMaxExactLive = 32;
constexpr size_t kMaxDroppedMailboxes = 100'000;

// An iterator confined to [from_seq, end of mailbox).
std::unique_ptr<rocksdb::Iterator> MailboxIterator(RocksDb* db, const std::string& prefix,
                                                   uint64_t from_seq, uint64_t to_seq,
                                                   rocksdb::Slice* lower, rocksdb::Slice* upper,
                                                   std::string* lower_key, std::string* upper_key) {
  *lower_key = codec::EnvelopeKey(prefix, from_seq);
  *upper_key = codec::EnvelopeKey(prefix, to_seq);
  *lower = rocksdb::Slice(*lower_key);
  *upper = rocksdb::Slice(*upper_key);
  rocksdb::ReadOptions ro;
  ro.iterate_lower_bound = lower;
  ro.iterate_upper_bound = upper;
  std::unique_ptr<rocksdb::Iterator> it(db->db()->NewIterator(ro, db->mailbox()));
  it->Seek(*lower);
  return it;
}

uint64_t PayloadBytes(size_t value_size) { return value_size >= 8 ? value_size - 8 : 0; }

}  // namespace

MailboxBatch::MailboxBatch(RocksDb* db, const MailboxLimits& limits, int64_t now_ms,
                           WriterMemory* memory)
    : db_(db), limits_(limits), now_ms_(now_ms), memory_(memory) {}

Result<MailboxBatch::Staged*> MailboxBatch::Load(const std::string& prefix) {
  auto found = staged_.find(prefix);
  if (found != staged_.end()) return &found->second;
  Staged m;
  if (auto cached = memory_->mailboxes.find(prefix); cached != memory_->mailboxes.end()) {
    m.meta = cached->second.meta;
    m.exact = cached->second.exact;
    m.live = cached->second.live;
  } else {
    KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->meta(), prefix));
    if (value.has_value()) {
      auto meta = codec::DecodeMeta(*value);
      if (!meta) {
        log::Error("storage", "corrupt mailbox meta record");
        return DataLoss("corrupt mailbox record");
      }
      m.meta = *meta;
    }
    // The meta record is written in the same batch as the envelopes it
    // counts, so a count of zero means an empty mailbox, even after a crash.
    m.exact = m.meta.count == 0;
  }
  m.meta.next_seq = std::max(m.meta.next_seq, memory_->run_floor);
  auto floor = memory_->seq_floor.find(prefix);
  if (floor != memory_->seq_floor.end()) {
    m.meta.next_seq = std::max(m.meta.next_seq, floor->second);
  }
  m.count_before = m.meta.count;
  return &staged_.emplace(prefix, std::move(m)).first->second;
}

bool MailboxBatch::TakeLive(Staged& m, uint64_t seq, LiveEnvelope* taken) {
  auto it = std::lower_bound(m.live.begin(), m.live.end(), seq,
                             [](const LiveEnvelope& e, uint64_t s) { return e.seq < s; });
  if (it == m.live.end() || it->seq != seq) return false;
  *taken = *it;
  m.live.erase(it);
  return true;
}

bool MailboxBatch::Fits(const Staged& m, uint64_t add_count, uint64_t add_bytes) const {
  return m.meta.count + add_count <= limits_.max_envelopes &&
         m.meta.bytes + add_bytes <= limits_.max_bytes;
}

Status MailboxBatch::StageAppend(const std::vector<EnvelopeToStore>& envelopes,
                                 std::vector<uint64_t>* seqs, std::vector<DeviceAddress>* full) {
  struct Need {
    uint64_t count = 0;
    uint64_t bytes = 0;
    bool fits = true;
  };
  std::map<std::string, Need> needs;
  std::vector<std::string> prefixes;
  prefixes.reserve(envelopes.size());
  for (const auto& e : envelopes) {
    if (e.to.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
    prefixes.push_back(codec::MailboxPrefix(e.to));
    if (!memory_->dropped.empty() && memory_->dropped.count(prefixes.back())) {
      return NotFound("device removed");
    }
    Need& n = needs[prefixes.back()];
    n.count += 1;
    n.bytes += e.payload.size();
  }
  // Check every target before staging anything: a full mailbox is skipped
  // as a whole, and the append fails as a whole only if all of them are.
  size_t full_targets = 0;
  for (auto& [prefix, need] : needs) {
    KOLLEGA_ASSIGN_OR_RETURN(auto m, Load(prefix));
    if (Fits(*m, need.count, need.bytes)) continue;
    auto hint = memory_->recount_after.find(prefix);
    if (hint == memory_->recount_after.end() || hint->second <= now_ms_) {
      KOLLEGA_RETURN_IF_ERROR(Recount(prefix, m));
    }
    if (!Fits(*m, need.count, need.bytes)) {
      need.fits = false;
      ++full_targets;
    }
  }
  if (!needs.empty() && full_targets == needs.size()) return ResourceExhausted("mailbox full");
  const int64_t expires_ms = now_ms_ + limits_.ttl_ms;
  seqs->clear();
  seqs->reserve(envelopes.size());
  full->clear();
  size_t stored = 0;
  for (size_t i = 0; i < envelopes.size(); ++i) {
    if (full_targets > 0 && !needs.find(prefixes[i])->second.fits) {
      seqs->push_back(0);
      if (std::find(full->begin(), full->end(), envelopes[i].to) == full->end()) {
        full->push_back(envelopes[i].to);
      }
      continue;
    }
    Staged& m = staged_.find(prefixes[i])->second;
    uint64_t seq = m.meta.next_seq++;
    batch_.Put(db_->mailbox(), codec::EnvelopeKey(prefixes[i], seq),
               codec::EncodeEnvelope(expires_ms, envelopes[i].payload));
    m.appended.emplace(seq, envelopes[i].payload.size());
    if (m.exact && m.live.size() >= kMaxExactLive) {
      m.exact = false;  // too big to mirror; reads and scans take over
      m.live = {};
    }
    if (m.exact) m.live.push_back({seq, envelopes[i].payload.size(), expires_ms});
    m.meta.count += 1;
    m.meta.bytes += envelopes[i].payload.size();
    m.dirty = true;
    seqs->push_back(seq);
    ++stored;
  }
  appended_ += stored;
  return Status::Ok();
}

Status MailboxBatch::StageDropMailbox(const DeviceAddress& mailbox) {
  if (mailbox.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  const std::string prefix = codec::MailboxPrefix(mailbox);
  KOLLEGA_ASSIGN_OR_RETURN(auto loaded, Load(prefix));
  Staged& m = *loaded;
  rocksdb::Slice lower, upper;
  std::string lower_key, upper_key;
  auto it = MailboxIterator(db_, prefix, m.meta.head, m.meta.next_seq, &lower, &upper, &lower_key,
                            &upper_key);
  std::vector<std::string> keys;
  for (; it->Valid(); it->Next()) {
    uint64_t seq = codec::SeqFromEnvelopeKey({it->key().data(), it->key().size()});
    if (!m.removed.count(seq)) keys.push_back(it->key().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status());
  for (const auto& [seq, bytes] : m.appended) keys.push_back(codec::EnvelopeKey(prefix, seq));
  // Every check is done: stage.
  for (const std::string& key : keys) batch_.SingleDelete(db_->mailbox(), key);
  batch_.Delete(db_->meta(), prefix);
  queued_delta_ -= static_cast<int64_t>(m.count_before);
  m.dropped = true;
  m.dirty = false;
  m.appended.clear();
  must_sync_ = true;
  return Status::Ok();
}

Status MailboxBatch::StageRemove(const DeviceAddress& mailbox, const std::vector<uint64_t>& seqs,
                                 std::vector<uint64_t>* unknown) {
  if (mailbox.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  const std::string prefix = codec::MailboxPrefix(mailbox);
  KOLLEGA_ASSIGN_OR_RETURN(auto loaded, Load(prefix));
  Staged& m = *loaded;
  std::unordered_set<uint64_t> seen;
  for (uint64_t seq : seqs) {
    if (!seen.insert(seq).second) continue;  // named twice in one request
    uint64_t bytes = 0;
    // Expired but maybe still stored: deleted, yet reported unknown, since
    // its device cannot have read it (reads skip it).
    bool expired = false;
    LiveEnvelope live;
    if (auto a = m.appended.find(seq); a != m.appended.end()) {
      bytes = a->second;  // appended earlier in this very batch
      m.appended.erase(a);
      if (m.exact) TakeLive(m, seq, &live);
    } else if (seq < m.meta.head || seq >= m.meta.next_seq || m.removed.count(seq)) {
      unknown->push_back(seq);
      continue;
    } else if (m.exact) {
      if (!TakeLive(m, seq, &live)) {  // acknowledged before, or never there
        unknown->push_back(seq);
        continue;
      }
      bytes = live.bytes;
      expired = live.expires_ms <= now_ms_;
    } else {
      KOLLEGA_ASSIGN_OR_RETURN(auto value,
                               db_->Get(db_->mailbox(), codec::EnvelopeKey(prefix, seq)));
      if (!value.has_value()) {  // never there, acknowledged before, or dropped
        unknown->push_back(seq);
        continue;
      }
      bytes = PayloadBytes(value->size());
      auto env = codec::DecodeEnvelope(*value);
      expired = env && env->expires_ms <= now_ms_;
    }
    batch_.SingleDelete(db_->mailbox(), codec::EnvelopeKey(prefix, seq));
    m.removed.insert(seq);
    m.meta.count -= std::min<uint32_t>(m.meta.count, 1);
    m.meta.bytes -= std::min(m.meta.bytes, bytes);
    m.dirty = true;
    m.head_may_move = true;
    if (expired) {
      unknown->push_back(seq);
    } else {
      ++removed_;
    }
  }
  return Status::Ok();
}

Status MailboxBatch::Recount(const std::string& prefix, Staged* m) {
  rocksdb::Slice lower, upper;
  std::string lower_key, upper_key;
  auto it = MailboxIterator(db_, prefix, m->meta.head, m->meta.next_seq, &lower, &upper, &lower_key,
                            &upper_key);
  uint32_t count = 0;
  uint64_t bytes = 0;
  int64_t earliest = std::numeric_limits<int64_t>::max();
  std::vector<LiveEnvelope> live;  // rebuilt while it stays small
  bool exact = true;
  auto keep = [&](uint64_t seq, uint64_t size, int64_t expires_ms) {
    count += 1;
    bytes += size;
    if (exact && live.size() < kMaxExactLive) {
      live.push_back({seq, size, expires_ms});
    } else {
      exact = false;
      live.clear();
    }
  };
  for (; it->Valid(); it->Next()) {
    uint64_t seq = codec::SeqFromEnvelopeKey({it->key().data(), it->key().size()});
    if (m->removed.count(seq)) continue;
    auto env = codec::DecodeEnvelope({it->value().data(), it->value().size()});
    if (env && env->expires_ms <= now_ms_) {
      batch_.SingleDelete(db_->mailbox(), it->key());
      m->removed.insert(seq);
      m->head_may_move = true;
      m->dirty = true;
      continue;
    }
    keep(seq, PayloadBytes(it->value().size()), env ? env->expires_ms : 0);
    if (env) earliest = std::min(earliest, env->expires_ms);
  }
  if (!it->status().ok()) return FromRocks(it->status());
  for (const auto& [seq, size] : m->appended) {
    keep(seq, size, now_ms_ + limits_.ttl_ms);
    earliest = std::min(earliest, now_ms_ + limits_.ttl_ms);
  }
  m->exact = exact;
  m->live = std::move(live);
  if (count != m->meta.count || bytes != m->meta.bytes) m->dirty = true;
  m->meta.count = count;
  m->meta.bytes = bytes;
  if (memory_->recount_after.size() >= kMaxRecountHints) memory_->recount_after.clear();
  memory_->recount_after[prefix] = earliest;
  return Status::Ok();
}

void MailboxBatch::AdvanceHead(const std::string& prefix, Staged* m) {
  if (m->exact) {
    const uint64_t head = m->live.empty() ? m->meta.next_seq : m->live.front().seq;
    m->meta.head = std::max(m->meta.head, head);
    return;
  }
  rocksdb::Slice lower, upper;
  std::string lower_key, upper_key;
  auto it = MailboxIterator(db_, prefix, m->meta.head, m->meta.next_seq, &lower, &upper, &lower_key,
                            &upper_key);
  uint64_t head = m->meta.next_seq;
  for (; it->Valid(); it->Next()) {
    uint64_t seq = codec::SeqFromEnvelopeKey({it->key().data(), it->key().size()});
    if (!m->removed.count(seq)) {
      head = seq;
      break;
    }
  }
  // On a read error keep the old head: a low head is only slower, never wrong.
  if (!it->status().ok()) return;
  if (!m->appended.empty()) head = std::min(head, m->appended.begin()->first);
  m->meta.head = std::max(m->meta.head, head);
}

void MailboxBatch::Finish() {
  for (auto& [prefix, m] : staged_) {
    if (!m.dirty || m.dropped) continue;
    if (!m.exact && m.meta.count == 0) {
      m.exact = true;  // drained: small again, and mirrored from here on
      m.live.clear();
    }
    if (m.head_may_move) AdvanceHead(prefix, &m);
    batch_.Put(db_->meta(), prefix, codec::EncodeMeta(m.meta));
    queued_delta_ += static_cast<int64_t>(m.meta.count) - static_cast<int64_t>(m.count_before);
  }
}

void MailboxBatch::Committed() {
  if (memory_->mailboxes.size() + staged_.size() > kMaxCachedMailboxes) {
    memory_->mailboxes.clear();
  }
  for (auto& [prefix, m] : staged_) {
    memory_->seq_floor.erase(prefix);
    if (m.dropped) {
      memory_->mailboxes.erase(prefix);
      memory_->recount_after.erase(prefix);
      if (memory_->dropped.size() >= kMaxDroppedMailboxes) memory_->dropped.clear();
      memory_->dropped.insert(prefix);
      continue;
    }
    MailboxState& state = memory_->mailboxes[prefix];
    state.meta = m.meta;
    state.exact = m.exact;
    state.live = std::move(m.live);
  }
}

void MailboxBatch::Failed() {
  for (const auto& [prefix, m] : staged_) {
    uint64_t& floor = memory_->seq_floor[prefix];
    floor = std::max(floor, m.meta.next_seq);
    memory_->recount_after.erase(prefix);
    // The failed write may still come back from the WAL after recovery:
    // what is on disk is the truth again.
    memory_->mailboxes.erase(prefix);
  }
}

}  // namespace kollega::storage
