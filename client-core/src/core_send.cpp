// Sending: history and outbound queue first, then fan-out to every device of
// the recipient, fixing the device list when the relay says it is stale.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <set>

#include "core.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "padding.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kMessageIdSize = 16;
constexpr size_t kFlushBatch = 64;
// A send is retried this often after STALE_DEVICES within one attempt; more
// means devices are being added or removed faster than we can follow.
constexpr int kStaleRetries = 3;
constexpr size_t kReadScan = 1000;

}  // namespace

Status Core::Enqueue(const std::string& recipient, const content::Content& content) {
  auto padded = SerializePadded(content);
  if (!padded.ok()) return padded.status();
  auto seq = store_->EnqueueOutbound(recipient, *padded);
  return seq.ok() ? Status::Ok() : seq.status();
}

Result<std::string> Core::Send(const std::string& peer_hex, const std::string& text) {
  if (!account_) return FailedPrecondition("no account yet: create one or link this device");
  auto peer = AccountFromHex(peer_hex);
  if (!peer.ok()) return peer.status();

  content::Content data;
  data.set_message_id(crypto::RandomBytes(kMessageIdSize));
  data.set_sent_at_ms(static_cast<uint64_t>(NowMs()));
  data.mutable_data()->set_text(text);

  storage::StoredMessage stored;
  stored.message_id = data.message_id();
  stored.peer_account = *peer;
  stored.outgoing = true;
  stored.sent_ms = NowMs();
  stored.stored_ms = stored.sent_ms;
  stored.text = text;
  stored.status = storage::MessageStatus::kQueued;

  // History, the message and its sync copy are queued together, before any
  // network: a crash or a dead link after this point only delays them.
  KOLLEGA_RETURN_IF_ERROR(store_->BeginOuter());
  Status s = store_->AddMessage(stored);
  if (s.ok()) s = Enqueue(*peer, data);
  if (s.ok() && *peer != account_->account_id) {
    content::Content sync;
    sync.set_message_id(crypto::RandomBytes(kMessageIdSize));
    sync.set_sent_at_ms(data.sent_at_ms());
    sync.mutable_sync()->set_recipient_account(*peer);
    *sync.mutable_sync()->mutable_sent() = data.data();
    sync.mutable_sync()->set_sent_message_id(data.message_id());
    s = Enqueue(account_->account_id, sync);
  }
  if (!s.ok()) {
    store_->RollbackOuter();
    return s;
  }
  KOLLEGA_RETURN_IF_ERROR(store_->CommitOuter());
  if (authenticated_) {
    Status flushed = FlushOutbound();
    if (!flushed.ok()) log::Debug(kLog, "message stays queued: " + flushed.ToString());
  }
  return ToHex(data.message_id());
}

Status Core::FlushOutbound() {
  if (!account_ || !authenticated_) return Unavailable("offline; the message stays queued");
  auto items = store_->PendingOutbound(kFlushBatch);
  if (!items.ok()) return items.status();
  // A recipient whose identity changed is held back as a whole, so its
  // later messages don't overtake the blocked one.
  std::set<std::string> blocked;
  for (const auto& item : *items) {
    if (blocked.count(item.recipient_account)) continue;
    KOLLEGA_RETURN_IF_ERROR(store_->MarkOutboundAttempt(item.seq));
    Status s = DeliverTo(item.recipient_account, item.content);
    if (s.ok()) {
      KOLLEGA_RETURN_IF_ERROR(store_->RemoveOutbound(item.seq));
      AfterSent(item);
      continue;
    }
    const bool permanent = s.code() == StatusCode::kNotFound ||
                           s.code() == StatusCode::kInvalidArgument ||
                           item.attempts + 1 >= options_.max_send_attempts;
    if (s.code() == StatusCode::kFailedPrecondition && !permanent) {
      blocked.insert(item.recipient_account);
      continue;
    }
    if (!permanent) return s;  // transient (offline, rate limited): retry later
    KOLLEGA_RETURN_IF_ERROR(store_->RemoveOutbound(item.seq));
    content::Content content;
    if (content.ParseFromString(item.content) && content.has_data()) {
      Event e;
      e.kind = Event::Kind::kSendFailed;
      e.peer = ToHex(item.recipient_account);
      e.message_id = ToHex(content.message_id());
      e.detail = s.ToString();
      Emit(std::move(e));
    }
  }
  return Status::Ok();
}

void Core::AfterSent(const storage::OutboundItem& item) {
  content::Content content;
  if (!content.ParseFromString(item.content) || !content.has_data()) return;
  Status s = store_->SetMessageStatus(item.recipient_account, content.message_id(),
                                      storage::MessageStatus::kSent);
  if (!s.ok()) log::Warn(kLog, "cannot update message status: " + s.ToString());
  EmitStatus(item.recipient_account, content.message_id(), MessageStatus::kSent);
}

Result<std::vector<uint32_t>> Core::OwnOtherDevices() {
  if (own_devices_) return *own_devices_;
  wire::Request request;
  request.mutable_list_devices();
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  std::vector<uint32_t> others;
  for (const auto& d : response.device_list().devices()) {
    if (d.device_id() != account_->device_id) others.push_back(d.device_id());
  }
  own_devices_ = others;
  return others;
}

Status Core::FetchAndProcess(const std::string& recipient, uint32_t device_id,
                             std::vector<int32_t>* devices) {
  wire::Request request;
  request.mutable_fetch_bundle()->set_account_id(recipient);
  request.mutable_fetch_bundle()->set_device_id(device_id);
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  const bool own = recipient == account_->account_id;
  for (const auto& d : response.bundle().devices()) {
    if (own && d.device_id() == account_->device_id) continue;
    crypto::PreKeyBundle bundle;
    bundle.registration_id = d.registration_id();
    bundle.device_id = static_cast<int32_t>(d.device_id());
    bundle.identity_key = d.identity_key();
    bundle.signed_pre_key_id = d.signed_prekey().id();
    bundle.signed_pre_key = d.signed_prekey().public_key();
    bundle.signed_pre_key_signature = d.signed_prekey().signature();
    if (d.has_one_time_prekey()) {
      bundle.pre_key_id = d.one_time_prekey().id();
      bundle.pre_key = d.one_time_prekey().public_key();
    }
    const crypto::SignalAddress address{recipient, bundle.device_id};
    Status s = sessions_->ProcessBundle(address, bundle);
    if (crypto::ClassifySessionError(s) == crypto::SessionError::kUntrustedIdentity) {
      FlagIdentity(address);
      return FailedPrecondition("the recipient's identity key changed; confirm it first");
    }
    if (!s.ok()) return s;
    devices->push_back(bundle.device_id);
  }
  return Status::Ok();
}

Result<std::vector<int32_t>> Core::TargetDevices(const std::string& recipient) {
  const bool own = recipient == account_->account_id;
  auto sessions = store_->SessionDevices(recipient);
  if (!sessions.ok()) return sessions.status();
  std::vector<int32_t> devices;
  for (int32_t d : *sessions) {
    if (!(own && d == static_cast<int32_t>(account_->device_id))) devices.push_back(d);
  }
  if (!devices.empty()) return devices;
  if (!own) {
    KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, 0, &devices));
    if (devices.empty()) return NotFound("the recipient has no devices");
    return devices;
  }
  // One's own account: with no other device there is nothing to send, and
  // no request is made for it.
  auto others = OwnOtherDevices();
  if (!others.ok()) return others.status();
  for (uint32_t d : *others) KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, d, &devices));
  return devices;
}

Status Core::DeliverTo(const std::string& recipient, const std::string& plaintext) {
  auto devices = TargetDevices(recipient);
  if (!devices.ok()) return devices.status();
  for (int attempt = 0; attempt <= kStaleRetries; ++attempt) {
    if (devices->empty()) return Status::Ok();  // own account, no other device
    wire::Request request;
    auto* send = request.mutable_send();
    send->set_recipient_account(recipient);
    for (int32_t d : *devices) {
      const crypto::SignalAddress address{recipient, d};
      auto encrypted = sessions_->Encrypt(address, plaintext);
      if (!encrypted.ok()) {
        if (crypto::ClassifySessionError(encrypted.status()) ==
            crypto::SessionError::kUntrustedIdentity) {
          FlagIdentity(address);
          return FailedPrecondition("the recipient's identity key changed; confirm it first");
        }
        return encrypted.status();
      }
      auto* envelope = send->add_envelopes();
      envelope->set_device_id(static_cast<uint32_t>(d));
      envelope->set_type(static_cast<uint32_t>(encrypted->type));
      envelope->set_content(std::move(encrypted->bytes));
    }
    auto response = Call(std::move(request));
    if (!response.ok()) return response.status();
    if (response->code() == wire::OK) return Status::Ok();
    if (response->code() != wire::STALE_DEVICES) return ResponseStatus(*response);
    const auto& mismatch = response->device_mismatch();
    for (uint32_t extra : mismatch.extra_devices()) {
      KOLLEGA_RETURN_IF_ERROR(sessions_->DeleteSession({recipient, static_cast<int32_t>(extra)}));
    }
    std::vector<int32_t> ignored;
    for (uint32_t missing : mismatch.missing_devices()) {
      KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, missing, &ignored));
    }
    if (recipient == account_->account_id) own_devices_.reset();
    devices = TargetDevices(recipient);
    if (!devices.ok()) return devices.status();
  }
  return Unavailable("the recipient's device list keeps changing; will retry");
}

Status Core::QueueReceipt(const std::string& peer, content::Receipt::Type type,
                          const std::vector<std::string>& message_ids) {
  if (message_ids.empty()) return Status::Ok();
  content::Content receipt;
  receipt.set_message_id(crypto::RandomBytes(kMessageIdSize));
  receipt.set_sent_at_ms(static_cast<uint64_t>(NowMs()));
  receipt.mutable_receipt()->set_type(type);
  for (const auto& id : message_ids) receipt.mutable_receipt()->add_message_ids(id);
  return Enqueue(peer, receipt);
}

Status Core::MarkRead(const std::string& peer_hex) {
  auto peer = AccountFromHex(peer_hex);
  if (!peer.ok()) return peer.status();
  auto messages = store_->ListMessages(*peer, kReadScan);
  if (!messages.ok()) return messages.status();
  std::vector<std::string> ids;
  for (const auto& m : *messages) {
    if (m.outgoing || m.status != storage::MessageStatus::kReceived) continue;
    KOLLEGA_RETURN_IF_ERROR(
        store_->SetMessageStatus(*peer, m.message_id, storage::MessageStatus::kRead));
    ids.push_back(m.message_id);
  }
  KOLLEGA_RETURN_IF_ERROR(QueueReceipt(*peer, content::Receipt::READ, ids));
  if (authenticated_ && !ids.empty()) FlushOutbound().IgnoreError();
  return Status::Ok();
}

}  // namespace kollega::client
