// Fanout: one plaintext to every device of a recipient account. Each device
// has its own Double Ratchet session (X3DH from a fetched prekey bundle on
// first contact); the envelopes go to the relay as one Send. When the relay
// answers STALE_DEVICES, sessions of the extra devices are deleted, bundles
// of the missing ones fetched, and the send retried.
//
// Trust (docs/trust.md §1, §2): the devices are those of the account's
// accepted signed list (device_list_manager.h), never the relay's say-so; a
// bundle key other than the account's pinned one is an identity change that
// blocks the account; a STALE_DEVICES answer naming a device outside the
// list (a ghost) or hiding one inside it fails the send with an event.
//
// For one's own account the sending device is left out; with no other
// device there is nothing to send and no request is made.
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kollega/base/status.h"
#include "relay.pb.h"

namespace kollega::client {

class Kernel;

class Fanout {
 public:
  explicit Fanout(Kernel& kernel) : kernel_(kernel) {}

  // Encrypts `plaintext` for every device of `recipient` and sends it.
  // FailedPrecondition when the recipient's identity key changed (the user
  // must accept it first); NotFound when the account has no devices.
  Status DeliverTo(const std::string& recipient, const std::string& plaintext);

  // Fetches the prekey bundle of `device_id` of `recipient` (0 = all of its
  // devices) and sets up a session with each device in it; their ids are
  // appended to `devices`.
  Status FetchAndProcess(const std::string& recipient, uint32_t device_id,
                         std::vector<int32_t>* devices);

  // This account's device list may have changed (a login, a link).
  void ForgetOwnDevices() { own_devices_.reset(); }

 private:
  Result<std::vector<int32_t>> TargetDevices(const std::string& recipient);
  Result<std::vector<uint32_t>> OwnOtherDevices();
  // Accepts the list a STALE_DEVICES answer carries and refuses a mismatch
  // that only a lying relay would send.
  Status CheckMismatch(const std::string& recipient, const wire::DeviceMismatch& mismatch);

  Kernel& kernel_;
  // This account's other devices as last learned from the relay; nullopt
  // when unknown or possibly stale.
  std::optional<std::vector<uint32_t>> own_devices_;
};

}  // namespace kollega::client
