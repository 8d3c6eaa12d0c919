// Receipts: "delivered" and "read" marks on outgoing messages. Receiving a
// text queues a DELIVERED receipt for its sender; MarkRead queues a READ
// receipt; a receipt that arrives moves the named messages' status forward
// (sent → delivered → read, never back: receipts from several devices of a
// peer arrive in any order).
//
// Delivered receipts are batched: each received message leaves a pending
// record in this component's table, in the same transaction that stores the
// message, and once the relay's delivery is committed and acknowledged one
// receipt per sender carries them all. A crash in between loses none. Each
// received message also leaves an "unread" record, so MarkRead finds every
// unread message of a conversation however far back, without a scan of its
// history.
//
// Table: 'd' sender(16) message_id(16) -> ""   (delivered receipt to send)
//        'u' sender(16) message_id(16) -> ""   (received, not yet read)
//
// A receipt naming a message the message store does not hold (a case's
// text, docs/organisations.md §10) goes to the fallback a component set,
// which moves its own record forward.
//
// Wire: a Content whose body is `receipt` (content.proto Receipt: type and
// the 16-byte message ids), sent like any message.
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>

#include "kernel/kernel.h"

namespace kollega::client {

class Receipts final : public Component {
 public:
  static constexpr std::string_view kName = "receipts";
  explicit Receipts(Kernel& kernel) : kernel_(kernel) {}

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {"receipt"}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming& from, const content::Content& content) override;
  void OnReceiveBatchDone() override;

  // Inside a receive: `sender` is to learn that `message_id` arrived, and
  // it is unread until MarkRead.
  Status NoteReceived(const std::string& sender, const std::string& message_id);
  // The peer's received messages become read; a READ receipt is queued.
  Status MarkRead(const std::string& peer_hex);

  // Receives (sender account, message id, delivered or read) for ids the
  // message store does not know; set once, at construction of the kernel.
  using Fallback = std::function<Status(const std::string&, const std::string&, MessageStatus)>;
  void SetFallback(Fallback fallback) { fallback_ = std::move(fallback); }
  // The ids NoteReceived left unread for `peer` (account bytes).
  Result<std::vector<std::string>> Unread(const std::string& peer);
  // Inside a transaction: `peer`'s records go (their case closed: nothing
  // of them is left on the device, docs/organisations.md §12).
  Status Forget(const std::string& peer);
  // Inside a transaction: `ids` of `peer` are read; a READ receipt is queued.
  Status Read(const std::string& peer, const std::vector<std::string>& ids);

 private:
  Status QueueReceipt(const std::string& peer, content::Receipt::Type type,
                      const std::vector<std::string>& message_ids);

  Kernel& kernel_;
  Fallback fallback_;
  // Pending records may exist: NoteDelivered was called since the last
  // batch, or (at start) a previous run stopped before sending them.
  bool pending_ = true;
};

}  // namespace kollega::client
