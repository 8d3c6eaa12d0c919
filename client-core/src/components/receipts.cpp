// SPDX-License-Identifier: GPL-3.0-or-later
#include "receipts.h"

#include <map>

#include "history.h"
#include "kollega/base/log.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kIdSize = 16;
// MarkRead also looks at this many of the newest messages of a
// conversation: messages stored before the unread records existed.
constexpr size_t kReadScan = 1000;
constexpr char kDeliveredTag = 'd';
constexpr char kUnreadTag = 'u';

std::string Key(char tag, std::string_view sender, std::string_view message_id) {
  std::string key(1, tag);
  key.append(sender).append(message_id);
  return key;
}

int Rank(MessageStatus s) {
  switch (s) {
    case MessageStatus::kQueued:
      return 0;
    case MessageStatus::kSent:
      return 1;
    case MessageStatus::kDelivered:
      return 2;
    case MessageStatus::kRead:
      return 3;
    default:
      return -1;
  }
}

}  // namespace

Status Receipts::OnReceive(const Incoming& from, const content::Content& content) {
  MessageStatus target;
  switch (content.receipt().type()) {
    case content::Receipt::DELIVERED:
      target = MessageStatus::kDelivered;
      break;
    case content::Receipt::READ:
      target = MessageStatus::kRead;
      break;
    default:
      return Status::Ok();  // a kind this client does not know
  }
  // A point lookup per id: a receipt for a message however far back in the
  // conversation still finds it.
  for (const auto& id : content.receipt().message_ids()) {
    KOLLEGA_ASSIGN_OR_RETURN(auto message, kernel_.store().GetMessage(from.sender_account, id));
    if (!message) {
      if (fallback_) KOLLEGA_RETURN_IF_ERROR(fallback_(from.sender_account, id, target));
      continue;
    }
    if (!message->outgoing || Rank(message->status) >= Rank(target)) continue;
    KOLLEGA_RETURN_IF_ERROR(UpdateStatus(kernel_, from.sender_account, id, target));
  }
  return Status::Ok();
}

Status Receipts::NoteReceived(const std::string& sender, const std::string& message_id) {
  ComponentTable& table = kernel_.Table(kName);
  KOLLEGA_RETURN_IF_ERROR(table.Put(Key(kDeliveredTag, sender, message_id), ""));
  KOLLEGA_RETURN_IF_ERROR(table.Put(Key(kUnreadTag, sender, message_id), ""));
  pending_ = true;
  return Status::Ok();
}

void Receipts::OnReceiveBatchDone() {
  if (!pending_) return;
  pending_ = false;
  ComponentTable& table = kernel_.Table(kName);
  std::map<std::string, std::vector<std::string>> by_sender;
  std::vector<std::string> keys;
  Status scanned =
      table.Scan(std::string(1, kDeliveredTag), false, [&](std::string_view key, std::string_view) {
        if (key.size() == 1 + 2 * kIdSize) {
          by_sender[std::string(key.substr(1, kIdSize))].emplace_back(key.substr(1 + kIdSize));
        }
        keys.emplace_back(key);
        return true;
      });
  if (!scanned.ok()) {
    log::Warn(kLog, "cannot read pending receipts: " + scanned.ToString());
    return;
  }
  Status s = kernel_.Transaction([&]() -> Status {
    for (const auto& [sender, ids] : by_sender) {
      KOLLEGA_RETURN_IF_ERROR(QueueReceipt(sender, content::Receipt::DELIVERED, ids));
    }
    for (const auto& key : keys) KOLLEGA_RETURN_IF_ERROR(table.Delete(key));
    return Status::Ok();
  });
  if (!s.ok()) {
    pending_ = true;  // still on disk: the next batch tries again
    log::Warn(kLog, "cannot queue delivery receipts: " + s.ToString());
    return;
  }
  kernel_.RequestFlush();
}

Status Receipts::QueueReceipt(const std::string& peer, content::Receipt::Type type,
                              const std::vector<std::string>& message_ids) {
  if (message_ids.empty()) return Status::Ok();
  content::Content receipt;
  receipt.set_message_id(kernel_.NewMessageId());
  receipt.set_sent_at_ms(static_cast<uint64_t>(kernel_.NowMs()));
  receipt.mutable_receipt()->set_type(type);
  for (const auto& id : message_ids) receipt.mutable_receipt()->add_message_ids(id);
  return kernel_.Enqueue(peer, receipt);
}

Result<std::vector<std::string>> Receipts::Unread(const std::string& peer) {
  std::vector<std::string> ids;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(std::string(1, kUnreadTag) + peer, false,
                                                    [&](std::string_view key, std::string_view) {
                                                      if (key.size() == 1 + 2 * kIdSize)
                                                        ids.emplace_back(key.substr(1 + kIdSize));
                                                      return true;
                                                    }));
  return ids;
}

Status Receipts::Forget(const std::string& peer) {
  ComponentTable& table = kernel_.Table(kName);
  std::vector<std::string> keys;
  for (char tag : {kDeliveredTag, kUnreadTag}) {
    KOLLEGA_RETURN_IF_ERROR(
        table.Scan(std::string(1, tag) + peer, false, [&](std::string_view key, std::string_view) {
          keys.emplace_back(key);
          return true;
        }));
  }
  for (const auto& key : keys) KOLLEGA_RETURN_IF_ERROR(table.Erase(key));
  return Status::Ok();
}

Status Receipts::Read(const std::string& peer, const std::vector<std::string>& ids) {
  ComponentTable& table = kernel_.Table(kName);
  for (const auto& id : ids) KOLLEGA_RETURN_IF_ERROR(table.Delete(Key(kUnreadTag, peer, id)));
  return QueueReceipt(peer, content::Receipt::READ, ids);
}

Status Receipts::MarkRead(const std::string& peer_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  ComponentTable& table = kernel_.Table(kName);
  std::vector<std::string> unread_keys;
  std::vector<std::string> candidates;
  KOLLEGA_RETURN_IF_ERROR(table.Scan(std::string(1, kUnreadTag) + peer, false,
                                     [&](std::string_view key, std::string_view) {
                                       unread_keys.emplace_back(key);
                                       candidates.emplace_back(key.substr(1 + kIdSize));
                                       return true;
                                     }));
  KOLLEGA_ASSIGN_OR_RETURN(auto newest, kernel_.store().ListMessages(peer, kReadScan));
  for (const auto& m : newest) {
    if (!m.outgoing && m.status == MessageStatus::kReceived) candidates.push_back(m.message_id);
  }
  std::vector<std::string> ids;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    for (const auto& id : candidates) {
      KOLLEGA_ASSIGN_OR_RETURN(auto message, kernel_.store().GetMessage(peer, id));
      if (!message || message->outgoing || message->status != MessageStatus::kReceived) continue;
      KOLLEGA_RETURN_IF_ERROR(kernel_.store().SetMessageStatus(peer, id, MessageStatus::kRead));
      ids.push_back(id);
    }
    for (const auto& key : unread_keys) KOLLEGA_RETURN_IF_ERROR(table.Delete(key));
    return QueueReceipt(peer, content::Receipt::READ, ids);
  }));
  if (!ids.empty()) kernel_.RequestFlush();
  return Status::Ok();
}

}  // namespace kollega::client
