// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync.h"

#include "history.h"

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
