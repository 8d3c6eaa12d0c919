// Conversations: text messages between two accounts, and their history on
// this device. Sending stores the message (status queued), queues it for
// the peer and a sync copy for this account's other devices, in one
// transaction; receiving stores it once (by message id) and has a delivered
// receipt queued. Its slice of the API: Send, History, Conversations,
// MarkRead.
//
// Unread counts: receiving a message from a peer adds one to the peer's
// count, in the transaction that stores it; MarkRead sets it back to zero
// right after it marks the messages read. A sync copy of one's own
// message (Sync) and a message from one's own account never count. Read
// state is not synced between devices, so a read elsewhere leaves it.
//
// Table: 'n' peer(16) -> u64 little-endian   (unread count; absent = 0)
//
// Wire: a Content whose body is `data` (content.proto DataMessage).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "kernel/kernel.h"

namespace kollega::client {

class Receipts;
class Sync;

class Conversations final : public Component {
 public:
  static constexpr std::string_view kName = "conversations";
  Conversations(Kernel& kernel, Receipts& receipts, Sync& sync)
      : kernel_(kernel), receipts_(receipts), sync_(sync) {}

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {"data"}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming& from, const content::Content& content) override;
  void OnSent(const std::string& recipient, const content::Content& content) override;
  void OnSendFailed(const std::string& recipient, const content::Content& content,
                    const Status& why) override;

  // The new message's id (hex) once stored and queued.
  Result<std::string> Send(const std::string& peer_hex, const std::string& text);
  // The newest `limit`, or (before_hex set) the `limit` just older than it.
  Result<std::vector<Message>> History(const std::string& peer_hex, size_t limit,
                                       const std::string& before_hex = {});
  Result<std::vector<Message>> HistoryAfter(const std::string& peer_hex,
                                            const std::string& after_hex, size_t limit);
  Result<std::vector<Conversation>> List();
  // Receipts::MarkRead, then the unread count's reset.
  Status MarkRead(const std::string& peer_hex);

 private:
  Status CountUnread(const std::string& peer);
  Result<std::vector<Message>> Page(const std::string& peer_hex, const std::string& anchor_hex,
                                    bool older, size_t limit);

  Kernel& kernel_;
  Receipts& receipts_;
  Sync& sync_;
};

}  // namespace kollega::client
