// Component: a feature of the client (conversations, receipts, sync; later
// cases, the helper directory, groups...). The kernel moves encrypted
// messages; a component gives one kind of content its meaning. It is
// registered for content types, owns its records in the client store, emits
// its own events and offers its own slice of the API. Adding one never
// touches the kernel's dispatch (client-core/README.md, "Adding a component").
//
// Content types: a Content's `body` oneof field name ("data", "receipt",
// "sync"), or for a ComponentMessage its `type` ("example.ping").
//
// Thread-safety: a component lives on the client's worker thread; every
// call into it, and every KernelServices call it makes, happens there.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content.pb.h"
#include "kollega/base/status.h"
#include "kollega/client-core/events.h"

namespace kollega::client {

// Who sent a received message, as the kernel established it.
struct Incoming {
  std::string sender_account;  // 16 bytes
  uint32_t sender_device = 0;
  bool from_own_account = false;  // another device of this account
  int64_t server_time_ms = 0;
};

// A component's own records in the client store: keys are the component's
// own (they are stored under its name, apart from every other component's).
// Writes join the transaction that is open (a receive, or Transaction()).
class ComponentTable {
 public:
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  virtual ~ComponentTable() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view key) = 0;
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view key) = 0;
  // As Delete, and the old value is compacted out of the store's files when
  // the write commits, not only hidden: for what must be gone for good
  // (messages past their retention, a closed case's history).
  virtual Status Erase(std::string_view key) = 0;
  // Keys starting with `prefix`, in order (or reversed), until visit says stop.
  virtual Status Scan(std::string_view prefix, bool newest_first, const Visitor& visit) = 0;
};

// What the kernel offers a component.
class KernelServices {
 public:
  virtual ~KernelServices() = default;
  // This device's account (16 bytes); empty before one exists.
  virtual const std::string& own_account() const = 0;
  virtual bool online() const = 0;
  virtual int64_t NowMs() const = 0;
  // 16 random bytes.
  virtual std::string NewMessageId() const = 0;
  // Puts `content` (its message_id set) in the durable outbox for every
  // device of `recipient` (16 bytes). Joins the open transaction.
  virtual Status Enqueue(const std::string& recipient, const content::Content& content) = 0;
  // Sends the outbox soon (after the current receive, if any).
  virtual void RequestFlush() = 0;
  // Inside a receive, held back until it commits; dropped if it does not.
  virtual void Emit(EventPtr event) = 0;
  // `name` is the component's name(); the table lives as long as the kernel.
  virtual ComponentTable& Table(std::string_view name) = 0;
  // Runs `body` as one atomic, synced write (or inside the open transaction).
  virtual Status Transaction(const std::function<Status()>& body) = 0;
};

class Component {
 public:
  virtual ~Component() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<std::string> content_types() const = 0;
  // Once, before any other call. `kernel` outlives the component.
  virtual void Attach(KernelServices* kernel) = 0;
  // A received message of one of this component's types, inside the
  // receive transaction: an error rolls back the receive and the relay
  // redelivers later.
  virtual Status OnReceive(const Incoming& from, const content::Content& content) = 0;
  // Every message of one delivery from the relay has been committed and
  // acknowledged: the moment to send what receiving them calls for (receipts).
  virtual void OnReceiveBatchDone() {}
  // The relay accepted `content` for `recipient`.
  virtual void OnSent(const std::string& /*recipient*/, const content::Content& /*content*/) {}
  // `content` for `recipient` was given up for good.
  virtual void OnSendFailed(const std::string& /*recipient*/, const content::Content& /*content*/,
                            const Status& /*why*/) {}

  // Hooks every component gets, whatever its content types (delivery
  // repair, docs/protocol-content.md "Repair", is the one that needs them):
  // The relay accepted `serialized` (a padded Content, plaintext: wipe any
  // copy) for `recipient` at its time `server_time_ms` (0 when no request
  // was made: one's own account without another device).
  virtual void OnAccepted(const std::string& /*recipient*/, const std::string& /*serialized*/,
                          uint64_t /*server_time_ms*/) {}
  // A message from `from` (its server_time_ms names it) could not be
  // decrypted; `envelope_type` is its Envelope.type. Outside any
  // transaction, before the message is acknowledged: an error leaves it
  // unacknowledged, so the relay delivers it again.
  virtual Status OnUndecryptable(const Incoming& /*from*/, uint32_t /*envelope_type*/) {
    return Status::Ok();
  }
};

using ComponentFactory = std::function<std::unique_ptr<Component>()>;

}  // namespace kollega::client
