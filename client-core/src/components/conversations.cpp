// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations.h"

#include "history.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "receipts.h"
#include "sync.h"

namespace kollega::client {
namespace {
constexpr std::string_view kLog = "client";
}  // namespace

Result<std::string> Conversations::Send(const std::string& peer_hex, const std::string& text) {
  if (!kernel_.has_account()) {
    return FailedPrecondition("no account yet: create one or link this device");
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  content::Content data;
  data.set_message_id(kernel_.NewMessageId());
  data.set_sent_at_ms(static_cast<uint64_t>(kernel_.NowMs()));
  data.mutable_data()->set_text(text);

  StoredMessage stored;
  stored.message_id = data.message_id();
  stored.peer_account = peer;
  stored.outgoing = true;
  stored.sent_ms = static_cast<int64_t>(data.sent_at_ms());
  stored.stored_ms = stored.sent_ms;
  stored.text = text;
  stored.status = MessageStatus::kQueued;

  // History, the message and its sync copy are queued together, before any
  // network: a crash or a dead link after this point only delays them.
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(kernel_.store().AddMessage(stored));
    KOLLEGA_RETURN_IF_ERROR(kernel_.Enqueue(peer, data));
    return sync_.CopySent(peer, data);
  }));
  kernel_.RequestFlush();
  return ToHex(data.message_id());
}

Status Conversations::OnReceive(const Incoming& from, const content::Content& content) {
  StoredMessage m;
  m.message_id = content.message_id();
  m.peer_account = from.sender_account;
  m.peer_device = from.sender_device;
  m.sent_ms = static_cast<int64_t>(content.sent_at_ms());
  m.stored_ms = kernel_.NowMs();
  m.text = content.data().text();
  m.status = MessageStatus::kReceived;
  KOLLEGA_ASSIGN_OR_RETURN(bool added, RecordMessage(kernel_, m));
  if (!added || from.from_own_account) return Status::Ok();
  return receipts_.NoteReceived(from.sender_account, m.message_id);
}

void Conversations::OnSent(const std::string& recipient, const content::Content& content) {
  Status s = UpdateStatus(kernel_, recipient, content.message_id(), MessageStatus::kSent);
  if (!s.ok()) log::Warn(kLog, "cannot update message status: " + s.ToString());
}

void Conversations::OnSendFailed(const std::string& recipient, const content::Content& content,
                                 const Status& why) {
  auto event = std::make_shared<SendFailed>();
  event->peer = ToHex(recipient);
  event->message_id = ToHex(content.message_id());
  event->detail = why.ToString();
  kernel_.Emit(std::move(event));
}

Result<std::vector<Message>> Conversations::History(const std::string& peer_hex, size_t limit) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, kernel_.store().ListMessages(peer, limit));
  std::vector<Message> out;
  out.reserve(stored.size());
  for (const auto& m : stored) out.push_back(ToMessage(m));
  return out;
}

Result<std::vector<Conversation>> Conversations::List() {
  KOLLEGA_ASSIGN_OR_RETURN(auto list, kernel_.store().ListConversations());
  std::vector<Conversation> out;
  out.reserve(list.size());
  for (const auto& c : list) out.push_back({ToHex(c.peer_account), c.message_count, c.last_ms});
  return out;
}

}  // namespace kollega::client
