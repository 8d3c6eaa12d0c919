// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync.h"

#include "history.h"
#include "kernel/device_list_manager.h"
#include "kollega/base/hex.h"

namespace kollega::client {

Status Sync::CopySent(const std::string& peer, const content::Content& sent) {
  const std::string& own = kernel_.own_account();
  if (peer == own) return Status::Ok();
  content::Content copy;
  copy.set_message_id(kernel_.NewMessageId());
  copy.set_sent_at_ms(sent.sent_at_ms());
  copy.mutable_sync()->set_recipient_account(peer);
  *copy.mutable_sync()->mutable_sent() = sent.data();
  copy.mutable_sync()->set_sent_message_id(sent.message_id());
  return kernel_.Enqueue(own, copy);
}

Status Sync::OnReceive(const Incoming& from, const content::Content& content) {
  if (!from.from_own_account) return Status::Ok();  // a stranger's "sync": ignored
  // docs/trust.md §6: "sent by you" only from a device in this account's
  // signed list; the relay's label alone proves nothing. Acknowledged (a
  // redelivery would be refused again) and reported, not stored.
  KOLLEGA_ASSIGN_OR_RETURN(
      bool listed, kernel_.device_lists().IsListed(from.sender_account, from.sender_device));
  if (!listed) {
    auto event = std::make_shared<UnlistedSender>();
    event->peer = ToHex(from.sender_account);
    event->device = from.sender_device;
    kernel_.Emit(std::move(event));
    return Status::Ok();
  }
  StoredMessage m;
  m.message_id = content.sync().sent_message_id();
  m.peer_account = content.sync().recipient_account();
  m.outgoing = true;
  m.sent_ms = static_cast<int64_t>(content.sent_at_ms());
  m.stored_ms = kernel_.NowMs();
  m.text = content.sync().sent().text();
  m.status = MessageStatus::kSent;
  return RecordMessage(kernel_, m).status();
}

}  // namespace kollega::client
