// Outbox: the durable queue of what this device is to send. A component
// queues a Content for a recipient account (inside its own transaction, so
// "stored" and "queued" land together); the outbox pads it, keeps it in the
// client store, and sends it in order through the Fanout whenever the
// device is online, until the relay accepts it or it is given up.
//
// Failure policy (Flush): a recipient whose identity key changed is held
// back as a whole (its later messages don't overtake the blocked one); an
// unknown recipient, a malformed item or too many attempts drop the item and
// tell its component (OnSendFailed); anything transient (offline, rate
// limited, a full mailbox) stops the flush and keeps the queue.
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
  // Sends what is queued, oldest first (Unavailable when offline).
  Status Flush();

 private:
  // Drops an item for good and tells the component that queued it.
  Status GiveUp(const OutboundItem& item, const Status& why);
  void Sent(const OutboundItem& item);

  Kernel& kernel_;
};

}  // namespace kollega::client
