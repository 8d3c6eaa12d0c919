// Outbox: the durable queue of what this device is to send. A component
// queues a Content for a recipient account (inside its own transaction, so
// "stored" and "queued" land together); the outbox pads it, keeps it in the
// client store, and sends it in order through the Fanout whenever the
// device is online, until the relay accepts it or it is given up.
//
// Failure policy (Flush): a recipient whose send fails for a passing reason
// (its identity key changed and waits for the user, its mailbox is full, its
// device list keeps changing) is held back as a whole, so its later messages
// don't overtake the blocked one, and the flush moves on to the next
// recipient. A failure that concerns every recipient alike (offline, the
// relay's rate limit or storage, several recipients in a row failing) stops
// the flush. An unknown recipient, a malformed item or too many attempts
// drop the item and tell its component (OnSendFailed).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "content.pb.h"
#include "kollega/base/status.h"

namespace kollega::client {

class Kernel;
struct OutboundItem;

class Outbox {
 public:
  explicit Outbox(Kernel& kernel) : kernel_(kernel) {}

  // Pads and queues `content` for every device of `recipient` (16 bytes).
  Status Enqueue(const std::string& recipient, const content::Content& content);
  // Sends what is queued, oldest first per recipient (Unavailable when
  // offline; the first passing failure when some recipient stays blocked).
  Status Flush();

 private:
  // Drops an item for good and tells the component that queued it.
  Status GiveUp(const OutboundItem& item, const Status& why);
  void Sent(const OutboundItem& item);

  Kernel& kernel_;
};

}  // namespace kollega::client
