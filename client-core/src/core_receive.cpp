// Receiving: decrypt, de-duplicate, store, commit — and only then acknowledge.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <unordered_map>

#include "core.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kReceiptScan = 1000;

int Rank(storage::MessageStatus s) {
  switch (s) {
    case storage::MessageStatus::kQueued:
      return 0;
    case storage::MessageStatus::kSent:
      return 1;
    case storage::MessageStatus::kDelivered:
      return 2;
    case storage::MessageStatus::kRead:
      return 3;
    default:
      return -1;
  }
}

}  // namespace

void Core::HandleDeliver(const wire::Deliver& deliver) {
  std::vector<uint64_t> acks;
  std::map<std::string, std::vector<std::string>> receipts;
  for (const auto& delivery : deliver.deliveries()) {
    if (ReceiveOne(delivery, &receipts)) acks.push_back(delivery.seq());
  }
  // One Ack for the whole push, sent only after every message in it that is
  // being acknowledged was committed to the store.
  // Quiet: nothing here waits for the relay's answer (an ack that does not
  // arrive only means the relay delivers the message again, which the
  // session then refuses as a duplicate).
  if (!acks.empty() && options_.acknowledge && connection_) {
    wire::Request request;
    for (uint64_t seq : acks) request.mutable_ack()->add_seqs(seq);
    request.mutable_ack()->set_quiet(true);
    Status sent = connection_->SendOnly(std::move(request));
    if (!sent.ok()) log::Debug(kLog, "ack not sent; the relay will redeliver: " + sent.ToString());
  }
  bool queued = false;
  for (const auto& [peer, ids] : receipts) {
    Status s = QueueReceipt(peer, content::Receipt::DELIVERED, ids);
    if (s.ok()) queued = true;
  }
  if (queued) FlushOutbound().IgnoreError();
}

bool Core::ReceiveOne(const wire::Delivery& delivery,
                      std::map<std::string, std::vector<std::string>>* receipts) {
  wire::Envelope envelope;
  if (!envelope.ParseFromString(delivery.envelope())) {
    log::Warn(kLog, "dropping an envelope that does not parse");
    return true;  // can never become readable: don't let it come back
  }
  const crypto::SignalAddress address{envelope.sender_account(),
                                      static_cast<int32_t>(envelope.sender_device())};
  auto fail_event = [&](std::string detail) {
    Event e;
    e.kind = Event::Kind::kDecryptionFailed;
    e.peer = ToHex(envelope.sender_account());
    e.device = envelope.sender_device();
    e.detail = std::move(detail);
    Emit(std::move(e));
  };
  const uint32_t type = envelope.type();
  if (type != static_cast<uint32_t>(crypto::MessageType::kSignal) &&
      type != static_cast<uint32_t>(crypto::MessageType::kPreKey)) {
    fail_event("unknown envelope type");
    return true;
  }

  if (!store_->BeginOuter().ok()) return false;
  auto plain =
      sessions_->Decrypt(address, static_cast<crypto::MessageType>(type), envelope.content());
  if (!plain.ok()) {
    store_->RollbackOuter();
    switch (crypto::ClassifySessionError(plain.status())) {
      case crypto::SessionError::kDuplicateMessage:
        return true;  // already received and stored
      case crypto::SessionError::kUntrustedIdentity:
        // Held on the relay (not acknowledged) until the user accepts the
        // new key; then a reconnect redelivers and it decrypts.
        FlagIdentity(address);
        return false;
      case crypto::SessionError::kOther:
        log::Warn(kLog, "receive failed, will retry: " + plain.status().ToString());
        return false;  // a store failure: let the relay redeliver
      default:
        // Like Signal: an unreadable message is acknowledged so it does not
        // block the mailbox forever, and the app is told.
        fail_event("a message could not be decrypted");
        return true;
    }
  }
  content::Content content;
  staged_events_.clear();
  Status s = content.ParseFromString(*plain) ? ApplyContent(envelope, content, receipts)
                                             : Status::Ok();  // keep the ratchet in step
  if (s.ok())
    s = store_->CommitOuter();
  else
    store_->RollbackOuter();
  if (!s.ok()) {
    log::Warn(kLog, "cannot store a received message, will retry: " + s.ToString());
    staged_events_.clear();
    return false;
  }
  for (auto& e : staged_events_) Emit(std::move(e));
  staged_events_.clear();
  return true;
}

Status Core::ApplyContent(const wire::Envelope& envelope, const content::Content& content,
                          std::map<std::string, std::vector<std::string>>* receipts) {
  const std::string& sender = envelope.sender_account();
  const bool from_own = sender == account_->account_id;
  storage::StoredMessage m;
  m.stored_ms = NowMs();
  m.sent_ms = static_cast<int64_t>(content.sent_at_ms());
  if (content.has_data()) {
    m.message_id = content.message_id();
    m.peer_account = sender;
    m.peer_device = envelope.sender_device();
    m.text = content.data().text();
    m.status = storage::MessageStatus::kReceived;
  } else if (content.has_sync() && from_own) {
    // What this account's other device sent: shown here as sent by us.
    m.message_id = content.sync().sent_message_id();
    m.peer_account = content.sync().recipient_account();
    m.outgoing = true;
    m.text = content.sync().sent().text();
    m.status = storage::MessageStatus::kSent;
  } else if (content.has_receipt()) {
    return ApplyReceipt(sender, content.receipt());
  } else {
    return Status::Ok();  // sync from a stranger, or a kind we don't know yet
  }
  if (m.message_id.size() != 16 || m.peer_account.size() != 16) return Status::Ok();
  auto seen = store_->HasMessage(m.peer_account, m.message_id);
  if (!seen.ok()) return seen.status();
  if (*seen) return Status::Ok();  // a resend or redelivery: shown once
  Status added = store_->AddMessage(m);
  if (added.code() == StatusCode::kAlreadyExists) return Status::Ok();
  KOLLEGA_RETURN_IF_ERROR(added);
  if (content.has_data() && !from_own) (*receipts)[sender].push_back(m.message_id);
  Event e;
  e.kind = Event::Kind::kMessageReceived;
  e.peer = ToHex(m.peer_account);
  e.device = m.peer_device;
  e.message_id = ToHex(m.message_id);
  e.status = static_cast<MessageStatus>(m.status);
  e.message = ToMessage(m);
  staged_events_.push_back(std::move(e));
  return Status::Ok();
}

Status Core::ApplyReceipt(const std::string& peer, const content::Receipt& receipt) {
  storage::MessageStatus target;
  if (receipt.type() == content::Receipt::DELIVERED) {
    target = storage::MessageStatus::kDelivered;
  } else if (receipt.type() == content::Receipt::READ) {
    target = storage::MessageStatus::kRead;
  } else {
    return Status::Ok();
  }
  // Receipts from several devices of the peer arrive in any order: a status
  // only ever moves forward (sent → delivered → read).
  auto messages = store_->ListMessages(peer, kReceiptScan);
  if (!messages.ok()) return messages.status();
  std::unordered_map<std::string, storage::MessageStatus> current;
  for (const auto& m : *messages) {
    if (m.outgoing) current[m.message_id] = m.status;
  }
  for (const auto& id : receipt.message_ids()) {
    auto it = current.find(id);
    if (it == current.end() || Rank(it->second) >= Rank(target)) continue;
    KOLLEGA_RETURN_IF_ERROR(store_->SetMessageStatus(peer, id, target));
    it->second = target;
    Event e;
    e.kind = Event::Kind::kStatusChanged;
    e.peer = ToHex(peer);
    e.message_id = ToHex(id);
    e.status = static_cast<MessageStatus>(target);
    staged_events_.push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace kollega::client
