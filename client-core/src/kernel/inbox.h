// Inbox: what the relay delivers, turned into committed state. For each
// envelope of a Deliver push:
//   decrypt (advancing the ratchet) -> hand the Content to the component
//   registered for its type -> commit ratchet and the component's writes in
//   one synced batch -> emit the events staged meanwhile
// and then one Ack for the whole push. Nothing is acknowledged that is not
// committed, so a crash anywhere means a redelivery, which the session
// refuses as a duplicate or the component recognises by message id.
// An envelope that does not decrypt is acknowledged too, once every
// component's OnUndecryptable has recorded what it needs (repair asks the
// sender for it again: docs/protocol-content.md section 5).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "kollega/client-core/events.h"
#include "relay.pb.h"

namespace kollega::client {

class Kernel;

class Inbox {
 public:
  explicit Inbox(Kernel& kernel) : kernel_(kernel) {}

  void HandleDeliver(const wire::Deliver& deliver);

  // While a received message is being applied, its events wait here until
  // it commits.
  bool receiving() const { return receiving_; }
  void Stage(EventPtr event) { staged_.push_back(std::move(event)); }

 private:
  // True when the delivery may be acknowledged.
  bool ReceiveOne(const wire::Delivery& delivery);

  Kernel& kernel_;
  bool receiving_ = false;
  std::vector<EventPtr> staged_;
};

}  // namespace kollega::client
