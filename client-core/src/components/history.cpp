// SPDX-License-Identifier: GPL-3.0-or-later
#include "history.h"

#include "kollega/base/hex.h"

namespace kollega::client {
namespace {
constexpr size_t kIdSize = 16;
}  // namespace

Message ToMessage(const StoredMessage& m) {
  Message out;
  out.id = ToHex(m.message_id);
  out.peer = ToHex(m.peer_account);
  out.outgoing = m.outgoing;
  out.peer_device = m.peer_device;
  out.sent_ms = m.sent_ms;
  out.stored_ms = m.stored_ms;
  out.text = m.text;
  out.status = m.status;
  return out;
}

Result<bool> RecordMessage(Kernel& kernel, const StoredMessage& message) {
  if (message.message_id.size() != kIdSize || message.peer_account.size() != kIdSize) {
    return false;  // malformed: nothing to show, but the ratchet moves on
  }
  ClientStore& store = kernel.store();
  KOLLEGA_ASSIGN_OR_RETURN(bool seen, store.HasMessage(message.peer_account, message.message_id));
  if (seen) return false;
  Status added = store.AddMessage(message);
  if (added.code() == StatusCode::kAlreadyExists) return false;
  KOLLEGA_RETURN_IF_ERROR(added);
  auto event = std::make_shared<MessageReceived>();
  event->message = ToMessage(message);
  kernel.Emit(std::move(event));
  return true;
}

Status UpdateStatus(Kernel& kernel, const std::string& peer, const std::string& message_id,
                    MessageStatus status) {
  KOLLEGA_RETURN_IF_ERROR(kernel.store().SetMessageStatus(peer, message_id, status));
  auto event = std::make_shared<StatusChanged>();
  event->peer = ToHex(peer);
  event->message_id = ToHex(message_id);
  event->status = status;
  kernel.Emit(std::move(event));
  return Status::Ok();
}

}  // namespace kollega::client
