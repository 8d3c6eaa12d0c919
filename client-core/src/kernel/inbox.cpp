// SPDX-License-Identifier: GPL-3.0-or-later
#include "inbox.h"

#include "content.pb.h"
#include "kernel.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "link_manager.h"

namespace kollega::client {
namespace {
constexpr std::string_view kLog = "client";
}  // namespace

void Inbox::HandleDeliver(const wire::Deliver& deliver) {
  std::vector<uint64_t> acks;
  for (const auto& delivery : deliver.deliveries()) {
    if (ReceiveOne(delivery)) acks.push_back(delivery.seq());
  }
  // One Ack for the whole push, sent only after every message in it that is
  // being acknowledged was committed. Quiet: nothing waits for the answer
  // (an ack that is lost only means a redelivery, refused as a duplicate).
  if (!acks.empty() && kernel_.options().acknowledge) {
    wire::Request request;
    for (uint64_t seq : acks) request.mutable_ack()->add_seqs(seq);
    request.mutable_ack()->set_quiet(true);
    Status sent = kernel_.link().SendOnly(std::move(request));
    if (!sent.ok()) log::Debug(kLog, "ack not sent; the relay will redeliver: " + sent.ToString());
  }
  kernel_.AfterReceiveBatch();
}

bool Inbox::ReceiveOne(const wire::Delivery& delivery) {
  wire::Envelope envelope;
  if (!envelope.ParseFromString(delivery.envelope())) {
    log::Warn(kLog, "dropping an envelope that does not parse");
    return true;  // can never become readable: don't let it come back
  }
  const crypto::SignalAddress address{envelope.sender_account(),
                                      static_cast<int32_t>(envelope.sender_device())};
  auto failed = [&](std::string detail) {
    auto event = std::make_shared<DecryptionFailed>();
    event->peer = ToHex(envelope.sender_account());
    event->device = envelope.sender_device();
    event->detail = std::move(detail);
    kernel_.Emit(std::move(event));
  };
  Incoming from;
  from.sender_account = envelope.sender_account();
  from.sender_device = envelope.sender_device();
  from.from_own_account = from.sender_account == kernel_.account().account_id;
  from.server_time_ms = static_cast<int64_t>(envelope.server_time_ms());
  const uint32_t type = envelope.type();
  if (type != static_cast<uint32_t>(crypto::MessageType::kSignal) &&
      type != static_cast<uint32_t>(crypto::MessageType::kPreKey)) {
    failed("unknown envelope type");
    return true;
  }

  ClientStore& store = kernel_.store();
  if (!store.BeginOuter().ok()) return false;
  auto plain = kernel_.sessions().Decrypt(address, static_cast<crypto::MessageType>(type),
                                          envelope.content());
  if (!plain.ok()) {
    store.RollbackOuter();
    switch (crypto::ClassifySessionError(plain.status())) {
      case crypto::SessionError::kDuplicateMessage:
        return true;  // already received and committed
      case crypto::SessionError::kUntrustedIdentity:
        // Held on the relay (not acknowledged) until the user accepts the
        // new key; then a new login redelivers it and it decrypts.
        kernel_.FlagIdentity(address);
        return false;
      case crypto::SessionError::kOther:
        log::Warn(kLog, "receive failed, will retry: " + plain.status().ToString());
        return false;  // a store failure: let the relay redeliver
      default: {
        // A broken or missing session, or a damaged envelope. The app is
        // told, and the sender is asked for the message again (repair,
        // docs/protocol-content.md): only once that request is recorded is
        // the envelope acknowledged, so it cannot block the mailbox forever
        // and is not lost unseen.
        failed("a message could not be decrypted");
        Status noted = kernel_.NotifyUndecryptable(from, type);
        if (!noted.ok()) {
          log::Warn(kLog, "cannot record a repair request, will retry: " + noted.ToString());
          return false;
        }
        return true;
      }
    }
  }

  content::Content content;
  Status s = Status::Ok();  // content that doesn't parse still moves the ratchet
  receiving_ = true;
  staged_.clear();
  if (content.ParseFromString(*plain)) {
    // A type no component handles (a newer client's feature) is skipped:
    // the envelope is still acknowledged.
    if (Component* component = kernel_.ComponentFor(content)) {
      s = component->OnReceive(from, content);
    }
  }
  receiving_ = false;
  if (s.ok()) {
    s = store.CommitOuter();
  } else {
    store.RollbackOuter();
  }
  if (!s.ok()) {
    log::Warn(kLog, "cannot store a received message, will retry: " + s.ToString());
    staged_.clear();
    return false;
  }
  std::vector<EventPtr> events = std::move(staged_);
  staged_.clear();
  for (auto& event : events) kernel_.Emit(std::move(event));
  return true;
}

}  // namespace kollega::client
