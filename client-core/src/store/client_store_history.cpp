// SPDX-License-Identifier: GPL-3.0-or-later
//
// Conversation history, de-duplication and identity-change flags. A message
// is three writes that land together ('h' record, 'm' index, 'c' summary;
// see client_store_format.cpp), inside the caller's outer transaction when
// there is one, so "decrypted" and "stored" commit as one batch.
#include <algorithm>
#include <utility>

#include "client_store_format.h"
#include "client_store_impl.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client::store_internal {

namespace fmt = store_format;

Result<uint64_t> RocksClientStore::NextSeq(char kind) {
  const std::string key = fmt::CounterKey(kind);
  KOLLEGA_ASSIGN_OR_RETURN(auto current, db_->Get(key));
  uint64_t last = 0;
  if (current.has_value()) {
    auto decoded = fmt::DecodeU64(*current);
    if (!decoded) return DataLoss("sequence counter is corrupt");
    last = *decoded;
  }
  KOLLEGA_RETURN_IF_ERROR(db_->Put(key, fmt::EncodeU64(last + 1)));
  return last + 1;
}

Status RocksClientStore::AddMessage(const StoredMessage& message) {
  if (message.message_id.empty()) return InvalidArgument("message id is empty");
  return db_->Mutate([&]() -> Status {
    const std::string index_key = fmt::MessageIndexKey(message.peer_account, message.message_id);
    KOLLEGA_ASSIGN_OR_RETURN(auto existing, db_->Get(index_key));
    if (existing.has_value()) return AlreadyExists("message already stored");

    KOLLEGA_ASSIGN_OR_RETURN(auto seq, NextSeq('h'));
    const std::string history_key = fmt::HistoryKey(message.peer_account, message.stored_ms, seq);
    std::string record = fmt::EncodeMessage(message);
    WipeOnExit wipe(record);  // plaintext
    KOLLEGA_RETURN_IF_ERROR(db_->Put(history_key, record));
    KOLLEGA_RETURN_IF_ERROR(db_->Put(index_key, history_key));

    const std::string summary_key = fmt::ConversationKey(message.peer_account);
    KOLLEGA_ASSIGN_OR_RETURN(auto summary, db_->Get(summary_key));
    uint64_t count = 0;
    int64_t last_ms = message.stored_ms;
    if (summary.has_value()) {
      auto decoded = fmt::DecodeSummary(*summary);
      if (!decoded) return DataLoss("conversation summary is corrupt");
      count = decoded->first;
      last_ms = std::max(last_ms, decoded->second);
    }
    return db_->Put(summary_key, fmt::EncodeSummary(count + 1, last_ms));
  });
}

Result<bool> RocksClientStore::HasMessage(const std::string& peer_account,
                                          const std::string& message_id) {
  KOLLEGA_ASSIGN_OR_RETURN(auto found, db_->Get(fmt::MessageIndexKey(peer_account, message_id)));
  return found.has_value();
}

Result<std::optional<StoredMessage>> RocksClientStore::GetMessage(const std::string& peer_account,
                                                                  const std::string& message_id) {
  KOLLEGA_ASSIGN_OR_RETURN(auto history_key,
                           db_->Get(fmt::MessageIndexKey(peer_account, message_id)));
  if (!history_key) return std::optional<StoredMessage>();
  KOLLEGA_ASSIGN_OR_RETURN(auto record, db_->Get(*history_key));
  if (!record) return DataLoss("message index points at a missing message");
  WipeOnExit wipe(*record);
  auto message = fmt::DecodeMessage(*record);
  if (!message) return DataLoss("message record is corrupt");
  return std::optional<StoredMessage>(std::move(*message));
}

Status RocksClientStore::SetMessageStatus(const std::string& peer_account,
                                          const std::string& message_id, MessageStatus status) {
  if (static_cast<int>(status) < 0 || static_cast<int>(status) > kMaxMessageStatus) {
    return InvalidArgument("unknown message status");
  }
  return db_->Mutate([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(auto history_key,
                             db_->Get(fmt::MessageIndexKey(peer_account, message_id)));
    if (!history_key.has_value()) return NotFound("no such message");
    KOLLEGA_ASSIGN_OR_RETURN(auto record, db_->Get(*history_key));
    if (!record.has_value()) return DataLoss("message index points at a missing message");
    WipeOnExit wipe_old(*record);
    auto message = fmt::DecodeMessage(*record);
    if (!message) return DataLoss("message record is corrupt");
    message->status = status;
    std::string updated = fmt::EncodeMessage(*message);
    WipeOnExit wipe_new(updated);
    crypto::Wipe(message->text);
    return db_->Put(*history_key, updated);
  });
}

Result<std::vector<StoredMessage>> RocksClientStore::ListMessages(const std::string& peer_account,
                                                                  size_t limit) {
  std::vector<StoredMessage> newest_first;
  bool corrupt = false;
  if (limit == 0) return newest_first;
  KOLLEGA_RETURN_IF_ERROR(db_->Scan(fmt::HistoryPrefix(peer_account), true,
                                    [&](std::string_view, std::string_view value) {
                                      auto message = fmt::DecodeMessage(value);
                                      if (!message) {
                                        corrupt = true;
                                        return false;
                                      }
                                      newest_first.push_back(std::move(*message));
                                      return newest_first.size() < limit;
                                    }));
  if (corrupt) return DataLoss("message record is corrupt");
  std::reverse(newest_first.begin(), newest_first.end());
  return newest_first;
}

Result<std::vector<StoredMessage>> RocksClientStore::ListMessagesFrom(
    const std::string& peer_account, const std::string& anchor_id, bool older, size_t limit) {
  std::vector<StoredMessage> out;
  KOLLEGA_ASSIGN_OR_RETURN(auto anchor, db_->Get(fmt::MessageIndexKey(peer_account, anchor_id)));
  if (!anchor.has_value()) return NotFound("no such message");
  if (limit == 0) return out;
  const std::string prefix = fmt::HistoryPrefix(peer_account);
  if (!anchor->starts_with(prefix)) return DataLoss("message index points outside its history");
  // History keys sort in history order: the page is the keys on one side of
  // the anchor's ('\0' appended is the first key after it).
  const std::string from = older ? prefix : *anchor + '\0';
  const std::string to = older ? *anchor : fmt::PrefixEnd(prefix);
  bool corrupt = false;
  KOLLEGA_RETURN_IF_ERROR(
      db_->ScanRange(from, to, older, [&](std::string_view, std::string_view value) {
        auto message = fmt::DecodeMessage(value);
        if (!message) {
          corrupt = true;
          return false;
        }
        out.push_back(std::move(*message));
        return out.size() < limit;
      }));
  if (corrupt) return DataLoss("message record is corrupt");
  if (older) std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<ConversationSummary>> RocksClientStore::ListConversations() {
  std::vector<ConversationSummary> out;
  bool corrupt = false;
  KOLLEGA_RETURN_IF_ERROR(db_->Scan(
      fmt::ConversationPrefix(), false, [&](std::string_view key, std::string_view value) {
        auto peer = fmt::PeerOfConversationKey(key);
        auto summary = fmt::DecodeSummary(value);
        if (!peer || !summary) {
          corrupt = true;
          return false;
        }
        out.push_back({std::move(*peer), summary->first, summary->second});
        return true;
      }));
  if (corrupt) return DataLoss("conversation summary is corrupt");
  // Most recent first, the order a conversation list shows.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.last_ms > b.last_ms; });
  return out;
}

Status RocksClientStore::FlagIdentityChange(const std::string& peer_account, int32_t device_id,
                                            const std::string& new_identity_key) {
  return db_->Mutate(
      [&] { return db_->Put(fmt::IdentityChangeKey(peer_account, device_id), new_identity_key); });
}

Result<std::vector<std::pair<std::string, int32_t>>> RocksClientStore::PendingIdentityChanges() {
  std::vector<std::pair<std::string, int32_t>> out;
  bool corrupt = false;
  KOLLEGA_RETURN_IF_ERROR(
      db_->Scan(fmt::IdentityChangePrefix(), false, [&](std::string_view key, std::string_view) {
        auto parsed = fmt::ParseIdentityChangeKey(key);
        if (!parsed) {
          corrupt = true;
          return false;
        }
        out.push_back(std::move(*parsed));
        return true;
      }));
  if (corrupt) return DataLoss("identity change key is corrupt");
  return out;
}

Status RocksClientStore::ClearIdentityChange(const std::string& peer_account, int32_t device_id) {
  return db_->Mutate([&] { return db_->Delete(fmt::IdentityChangeKey(peer_account, device_id)); });
}

Result<std::optional<std::string>> RocksClientStore::GetRecord(std::string_view component,
                                                               std::string_view key) {
  return db_->Get(fmt::ComponentRecordKey(component, key));
}

Status RocksClientStore::PutRecord(std::string_view component, std::string_view key,
                                   std::string_view value) {
  return db_->Mutate([&] { return db_->Put(fmt::ComponentRecordKey(component, key), value); });
}

Status RocksClientStore::DeleteRecord(std::string_view component, std::string_view key,
                                      bool erase) {
  return db_->Mutate([&] { return db_->Delete(fmt::ComponentRecordKey(component, key), erase); });
}

Status RocksClientStore::ScanRecords(std::string_view component, std::string_view prefix,
                                     bool newest_first, const RecordVisitor& visit) {
  const std::string base = fmt::ComponentPrefix(component);
  return db_->Scan(base + std::string(prefix), newest_first,
                   [&](std::string_view key, std::string_view value) {
                     return visit(key.substr(base.size()), value);
                   });
}

}  // namespace kollega::client::store_internal
