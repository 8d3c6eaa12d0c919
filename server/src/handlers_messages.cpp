// Send and Ack: the two requests on every message's path.
//
// Send answers only from the store's completion, i.e. after the envelopes
// are durable; the completion runs on the store's writer thread, so it wakes
// the recipients through the DeliveryNotifier and posts the sender's answer
// back to this connection's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <iterator>

#include "connection.h"
#include "devices.h"

namespace kollega::server {
namespace {

constexpr int kMaxEnvelopesPerSend = 64;
constexpr int kMaxSeqsPerAck = 1024;

bool ValidEnvelopeType(uint32_t type) {
  return type == wire::ENVELOPE_TYPE_SIGNAL_MESSAGE ||
         type == wire::ENVELOPE_TYPE_PREKEY_SIGNAL_MESSAGE;
}

// One recipient of a Send, kept until the store answers.
struct Target {
  DeviceAddress device;
  std::shared_ptr<const std::string> payload;
};

}  // namespace

void Connection::HandleSend(uint64_t id, const wire::Request& request) {
  const wire::Send& req = request.send();
  const std::string& recipient = req.recipient_account();
  if (recipient.size() != storage::kAccountIdSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "recipient account must be 16 bytes");
  }
  if (req.envelopes_size() == 0) return Reply(id, wire::INVALID_ARGUMENT, "no envelopes");
  if (req.envelopes_size() > kMaxEnvelopesPerSend) {
    return Reply(id, wire::TOO_MANY, "too many envelopes in one send");
  }
  std::vector<uint32_t> given;
  given.reserve(req.envelopes_size());
  for (const wire::OutgoingEnvelope& e : req.envelopes()) {
    if (e.content().size() > ctx_.config.max_content_bytes) {
      return Reply(id, wire::TOO_LARGE, "envelope content too large");
    }
    if (e.content().empty() || e.device_id() == 0 || !ValidEnvelopeType(e.type())) {
      return Reply(id, wire::INVALID_ARGUMENT, "envelope device, type or content missing");
    }
    given.push_back(e.device_id());
  }
  std::sort(given.begin(), given.end());
  if (std::adjacent_find(given.begin(), given.end()) != given.end()) {
    return Reply(id, wire::INVALID_ARGUMENT, "two envelopes for the same device");
  }

  auto devices = ctx_.store->GetAccountDevices(recipient);
  if (!devices.ok()) {
    if (devices.status().code() == StatusCode::kNotFound) {
      return Reply(id, wire::UNKNOWN_ACCOUNT, "no such account");
    }
    return Reply(id, StoreErrorCode(devices.status()), "could not read the recipient");
  }
  // docs/protocol.md §4.11: the listed devices (or, before lists, the ones
  // with keys) are allowed; those seen within the TTL are required.
  const int64_t now = ctx_.clock->NowMs();
  const uint32_t self = recipient == address_->account ? address_->device : 0;
  const ExpectedDevices expected =
      ExpectedDevicesOf(**devices, now, ctx_.config.ttl_seconds * 1000, self);
  std::vector<uint32_t> missing, extra;
  std::set_difference(expected.required.begin(), expected.required.end(), given.begin(),
                      given.end(), std::back_inserter(missing));
  std::set_difference(given.begin(), given.end(), expected.allowed.begin(), expected.allowed.end(),
                      std::back_inserter(extra));
  if (!missing.empty() || !extra.empty()) {
    wire::Response response;
    wire::DeviceMismatch* mismatch = response.mutable_device_mismatch();
    mismatch->mutable_missing_devices()->Add(missing.begin(), missing.end());
    mismatch->mutable_extra_devices()->Add(extra.begin(), extra.end());
    if ((*devices)->list) SignedListToWire((*devices)->list->blob, mismatch->mutable_device_list());
    return Reply(id, wire::STALE_DEVICES, "device list is stale; nothing was stored", response);
  }

  // docs/abuse-limits.md: one sender may neither fill a recipient's
  // mailboxes nor flood the recipient; its own other devices are exempt.
  if (recipient != address_->account) {
    for (uint32_t device : given) {
      if (!ctx_.sender_shares.Allows(DeviceAddress{recipient, device}, address_->account, 1)) {
        return Reply(id, wire::SENDER_QUOTA_EXCEEDED,
                     "your share of the recipient's mailbox is used up; nothing was stored");
      }
    }
    int64_t retry_after_ms = 0;
    if (!ctx_.sender_limiter.TryTake(address_->account + recipient, &retry_after_ms)) {
      wire::Response response;
      response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
      return Reply(id, wire::RATE_LIMITED, "too many sends to this account; retry later", response);
    }
  }

  // Serialize each recipient's Envelope once; the same bytes are stored and
  // pushed live.
  std::vector<storage::EnvelopeToStore> to_store;
  std::vector<Target> targets;
  to_store.reserve(req.envelopes_size());
  targets.reserve(req.envelopes_size());
  wire::Envelope envelope;
  envelope.set_sender_account(address_->account);
  envelope.set_sender_device(address_->device);
  envelope.set_server_time_ms(static_cast<uint64_t>(now));
  for (const wire::OutgoingEnvelope& e : req.envelopes()) {
    envelope.set_type(e.type());
    envelope.set_content(e.content());
    auto payload = std::make_shared<const std::string>(envelope.SerializeAsString());
    DeviceAddress to{recipient, e.device_id()};
    to_store.push_back(storage::EnvelopeToStore{to, *payload});
    targets.push_back(Target{std::move(to), std::move(payload)});
  }

  ++pending_writes_;
  ServerContext* ctx = &ctx_;
  std::weak_ptr<Connection> weak = weak_self_;
  const size_t count = targets.size();
  // Both callbacks run on the writer thread: keep them short. Connected
  // recipients get the envelopes once they are written, while the WAL sync
  // runs; only the sender's "accepted" waits for the sync. A crash in
  // between may have pushed envelopes that the relay then no longer has:
  // the sender got no answer and sends again, and clients de-duplicate by
  // message id (docs/storage.md, "Visible before durable").
  // The sender's share is recorded before any push, so the recipient's
  // Ack always finds what it forgets.
  ctx_.store->Append(
      std::move(to_store),
      [ctx, targets = std::move(targets), sender = address_->account,
       now](const storage::AppendResult& result) {
        if (result.seqs.size() != targets.size()) return;  // `done` reports it
        for (size_t i = 0; i < targets.size(); ++i) {
          if (result.seqs[i] == 0) continue;  // its mailbox is full
          ctx->sender_shares.Record(targets[i].device, result.seqs[i], sender, now);
          ctx->notifier->NotifyStored(targets[i].device, result.seqs[i], targets[i].payload);
        }
      },
      [ctx, weak, id, now, count](Status status, storage::AppendResult result) {
        std::vector<uint32_t> full;
        if (status.ok() && result.seqs.size() == count) {
          full.reserve(result.full.size());
          for (const DeviceAddress& d : result.full) full.push_back(d.device);
          Metrics::Add(ctx->metrics.messages_accepted,
                       count - std::count(result.seqs.begin(), result.seqs.end(), uint64_t{0}));
        } else if (status.ok()) {
          status = Internal("store returned the wrong number of seqs");
        }
        if (std::shared_ptr<Connection> self = weak.lock()) {
          Connection* c = self.get();
          // Code and text travel instead of the Status: a stopping relay
          // drops posted work, and a dropped Status would count as unchecked.
          c->transport_.Post(
              [c, id, now, code = status.code(), message = status.message(),
               full = std::move(full)] { c->OnAppendDone(id, Status(code, message), now, full); });
        }
      });
}

void Connection::OnAppendDone(uint64_t id, const Status& status, int64_t server_time_ms,
                              const std::vector<uint32_t>& full) {
  --pending_writes_;
  if (status.ok()) {
    wire::Response response;
    wire::SendAccepted* accepted = response.mutable_send_accepted();
    accepted->set_server_time_ms(static_cast<uint64_t>(server_time_ms));
    accepted->mutable_full_devices()->Add(full.begin(), full.end());
    ReplyOk(id, response);
  } else if (status.code() == StatusCode::kNotFound) {
    // A target device was removed after the check above: nothing stored.
    Reply(id, wire::STALE_DEVICES, "a recipient device was removed; nothing was stored");
  } else {
    wire::ErrorCode code = StoreErrorCode(status);
    Reply(id, code,
          code == wire::MAILBOX_FULL   ? "every recipient mailbox is full; nothing was stored"
          : code == wire::STORAGE_FULL ? "relay storage is full; retry later"
                                       : "could not store the envelopes");
  }
  MaybeFinishShutdown();
}

void Connection::HandleAck(uint64_t id, const wire::Request& request) {
  const wire::Ack& req = request.ack();
  if (req.seqs_size() == 0) return Reply(id, wire::INVALID_ARGUMENT, "no seqs to acknowledge");
  if (req.seqs_size() > kMaxSeqsPerAck) return Reply(id, wire::TOO_MANY, "too many seqs");
  std::vector<uint64_t> seqs(req.seqs().begin(), req.seqs().end());
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  const size_t asked = seqs.size();
  const bool quiet = req.quiet();
  // Forgotten before the removal is durable: if it fails, the sender's
  // share undercounts by these until they expire, which only errs towards
  // letting honest senders through.
  ctx_.sender_shares.Forget(*address_, seqs);
  ++pending_writes_;
  std::weak_ptr<Connection> weak = weak_self_;
  // Always the caller's own mailbox: there is no way to name another one.
  ctx_.store->Remove(*address_, std::move(seqs),
                     [weak, id, asked, quiet](Status status, std::vector<uint64_t> unknown) {
                       // Code and text cross threads, not the Status: with
                       // the connection gone, or the post dropped at
                       // shutdown, nobody would look at it.
                       const StatusCode code = status.code();
                       if (std::shared_ptr<Connection> self = weak.lock()) {
                         Connection* c = self.get();
                         c->transport_.Post([c, id, asked, quiet, code, message = status.message(),
                                             unknown = std::move(unknown)]() mutable {
                           c->OnRemoveDone(id, asked, quiet, Status(code, message),
                                           std::move(unknown));
                         });
                       }
                     });
}

void Connection::OnRemoveDone(uint64_t id, size_t asked, bool quiet, const Status& status,
                              std::vector<uint64_t> unknown) {
  --pending_writes_;
  if (!status.ok()) {
    Reply(id, StoreErrorCode(status), "could not remove the envelopes");
  } else {
    uint32_t removed = static_cast<uint32_t>(asked - std::min(asked, unknown.size()));
    Metrics::Add(ctx_.metrics.envelopes_acked, removed);
    wire::Response response;
    response.mutable_ack_result()->set_removed(removed);
    for (uint64_t seq : unknown) response.mutable_ack_result()->add_unknown_seqs(seq);
    if (unknown.empty()) {
      if (!quiet) ReplyOk(id, response);
    } else {
      Reply(id, wire::UNKNOWN_ENVELOPE, "some seqs are not in this mailbox", response);
    }
  }
  MaybeFinishShutdown();
}

}  // namespace kollega::server
