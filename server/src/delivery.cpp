// Delivery to an authenticated device: drain its mailbox, then push live.
//
// State (all on the strand):
//   last_pushed_seq_  highest seq already pushed on this connection; the
//                     mailbox is read after it, and a live notification at or
//                     below it is a duplicate and dropped.
//   behind_           the store may hold envelopes we have not pushed. While
//                     set, live notifications only schedule a drain; the
//                     drain clears it when a read comes back short.
//   pending_live_     live envelopes gathered since the last flush: all that
//                     arrive in one wake-up leave as one Deliver push.
//
// Why a short read means "caught up": a notification is posted only after
// its envelope is committed. Everything committed before a read is in that
// read; everything committed after it is notified after the read's handler,
// and with behind_ cleared it is pushed live. Seqs only grow per mailbox, so
// filtering by last_pushed_seq_ drops the overlap.
//
// Backpressure: when the session's write queue is backlogged, live pushes
// stop (behind_ is set and the mailbox holds them) and the drain pauses;
// OnWritable() resumes it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"
#include "kollega/base/log.h"

namespace kollega::server {
namespace {

constexpr size_t kDrainPage = 64;
// A Deliver push carries envelopes up to about this many bytes (at least
// one), so a push stays far below any client's frame cap.
constexpr size_t kMaxPushBytes = 256 * 1024;

}  // namespace

void Connection::StartDelivery() {
  delivering_ = true;
  behind_ = true;
  ScheduleDrain();
}

void Connection::ScheduleDrain() {
  if (drain_scheduled_) return;
  drain_scheduled_ = true;
  transport_.Post([this] {
    drain_scheduled_ = false;
    DrainStep();
  });
}

void Connection::DrainStep() {
  if (!delivering_ || closing_ || !behind_) return;
  if (transport_.Backlogged()) return;  // OnWritable() calls back
  Result<std::vector<storage::StoredEnvelope>> page =
      ctx_.store->Read(*address_, last_pushed_seq_, kDrainPage);
  if (!page.ok()) {
    // Stay behind: the next notification or drained write queue retries.
    log::Warn("delivery",
              "mailbox read failed: " + std::string(StatusCodeName(page.status().code())));
    return;
  }
  std::vector<wire::Delivery> deliveries;
  deliveries.reserve(page->size());
  for (storage::StoredEnvelope& e : *page) {
    if (e.seq <= last_pushed_seq_) continue;
    wire::Delivery d;
    d.set_seq(e.seq);
    d.set_envelope(std::move(e.payload));
    deliveries.push_back(std::move(d));
    last_pushed_seq_ = e.seq;
  }
  PushDeliveries(deliveries);
  if (page->size() < kDrainPage) {
    behind_ = false;
    if (!queue_empty_sent_) {
      queue_empty_sent_ = true;
      wire::Push push;
      push.mutable_queue_empty();
      SendPush(push);
    }
  } else {
    ScheduleDrain();  // yield the strand between pages
  }
}

void Connection::OnEnvelope(uint64_t seq, std::shared_ptr<const std::string> payload) {
  transport_.Post([this, seq, payload = std::move(payload)]() mutable {
    OnEnvelopeOnStrand(seq, std::move(payload));
  });
}

void Connection::OnEnvelopeOnStrand(uint64_t seq, std::shared_ptr<const std::string> payload) {
  if (!delivering_ || closing_ || seq <= last_pushed_seq_) return;
  if (behind_ || transport_.Backlogged()) {
    behind_ = true;
    ScheduleDrain();
    return;
  }
  wire::Delivery d;
  d.set_seq(seq);
  d.set_envelope(*payload);
  pending_live_.push_back(std::move(d));
  last_pushed_seq_ = seq;
  if (!flush_scheduled_) {
    flush_scheduled_ = true;
    // Runs after every notification already queued on the strand, which
    // then share one push.
    transport_.Post([this] { FlushLive(); });
  }
}

void Connection::FlushLive() {
  flush_scheduled_ = false;
  if (closing_) return;
  PushDeliveries(pending_live_);
  pending_live_.clear();
}

void Connection::PushDeliveries(std::vector<wire::Delivery>& deliveries) {
  if (deliveries.empty()) return;
  wire::Push push;
  size_t bytes = 0;
  auto flush = [&] {
    if (push.deliver().deliveries_size() == 0) return;
    ctx_.metrics.Add(ctx_.metrics.messages_delivered, push.deliver().deliveries_size());
    SendPush(push);
    push.Clear();
    bytes = 0;
  };
  for (wire::Delivery& d : deliveries) {
    if (bytes > 0 && bytes + d.envelope().size() > kMaxPushBytes) flush();
    bytes += d.envelope().size() + 16;
    *push.mutable_deliver()->add_deliveries() = std::move(d);
  }
  flush();
}

void Connection::OnWritable() {
  if (delivering_ && behind_ && !closing_) ScheduleDrain();
}

void Connection::OnPrekeysLow(uint32_t remaining) {
  transport_.Post([this, remaining] {
    if (!delivering_ || closing_) return;
    wire::Push push;
    push.mutable_prekeys_low()->set_one_time(remaining);
    SendPush(push);
  });
}

}  // namespace kollega::server
