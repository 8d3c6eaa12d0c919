// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations.h"

#include <map>
#include <optional>

#include "history.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "receipts.h"
#include "sync.h"

namespace kollega::client {
namespace {
constexpr std::string_view kLog = "client";
constexpr char kUnreadTag = 'n';
constexpr size_t kIdSize = 16;

std::string UnreadKey(std::string_view peer) { return std::string(1, kUnreadTag).append(peer); }

std::string EncodeCount(uint64_t n) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out;
}

std::optional<uint64_t> DecodeCount(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<uint8_t>(bytes[i]);
  return n;
}

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
  KOLLEGA_RETURN_IF_ERROR(CountUnread(from.sender_account));
  return receipts_.NoteReceived(from.sender_account, m.message_id);
}

Status Conversations::CountUnread(const std::string& peer) {
  ComponentTable& table = kernel_.Table(kName);
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, table.Get(UnreadKey(peer)));
  uint64_t count = 0;
  if (stored.has_value()) {
    auto decoded = DecodeCount(*stored);
    if (!decoded) return DataLoss("unread count is corrupt");
    count = *decoded;
  }
  return table.Put(UnreadKey(peer), EncodeCount(count + 1));
}

Status Conversations::MarkRead(const std::string& peer_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  // Not one transaction: Receipts::MarkRead may send at once, outside any.
  // The count goes after the marks, so a crash in between leaves a count
  // too high until the next MarkRead, never unread messages counted as none.
  KOLLEGA_RETURN_IF_ERROR(receipts_.MarkRead(peer_hex));
  return kernel_.Table(kName).Delete(UnreadKey(peer));
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

Result<std::vector<Message>> Conversations::History(const std::string& peer_hex, size_t limit,
                                                    const std::string& before_hex) {
  if (!before_hex.empty()) return Page(peer_hex, before_hex, true, limit);
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, kernel_.store().ListMessages(peer, limit));
  std::vector<Message> out;
  out.reserve(stored.size());
  for (const auto& m : stored) out.push_back(ToMessage(m));
  return out;
}

Result<std::vector<Message>> Conversations::HistoryAfter(const std::string& peer_hex,
                                                         const std::string& after_hex,
                                                         size_t limit) {
  return Page(peer_hex, after_hex, false, limit);
}

Result<std::vector<Message>> Conversations::Page(const std::string& peer_hex,
                                                 const std::string& anchor_hex, bool older,
                                                 size_t limit) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  auto anchor = FromHex(anchor_hex);
  if (!anchor || anchor->size() != kIdSize) return InvalidArgument("not a message id");
  KOLLEGA_ASSIGN_OR_RETURN(auto stored,
                           kernel_.store().ListMessagesFrom(peer, *anchor, older, limit));
  std::vector<Message> out;
  out.reserve(stored.size());
  for (const auto& m : stored) out.push_back(ToMessage(m));
  return out;
}

Result<std::vector<Conversation>> Conversations::List() {
  KOLLEGA_ASSIGN_OR_RETURN(auto list, kernel_.store().ListConversations());
  // One scan of the counts, not a lookup per conversation.
  std::map<std::string, uint64_t> unread;
  bool corrupt = false;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
      std::string(1, kUnreadTag), false, [&](std::string_view key, std::string_view value) {
        auto count = DecodeCount(value);
        if (!count || key.size() != 1 + kIdSize) {
          corrupt = true;
          return false;
        }
        unread.emplace(std::string(key.substr(1)), *count);
        return true;
      }));
  if (corrupt) return DataLoss("unread count is corrupt");
  std::vector<Conversation> out;
  out.reserve(list.size());
  for (const auto& c : list) {
    auto n = unread.find(c.peer_account);
    out.push_back(
        {ToHex(c.peer_account), c.message_count, c.last_ms, n == unread.end() ? 0 : n->second});
  }
  return out;
}

}  // namespace kollega::client
