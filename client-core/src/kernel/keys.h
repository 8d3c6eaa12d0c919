// Keys: this device's account and keys. Creating an account (proof of work,
// keys generated here), linking a new device to an existing account (the
// provisioning code, provisioning.h), and the upkeep of what the relay hands
// out for X3DH: the signed prekey (rotated when old, the replaced ones kept
// for a grace period and then deleted) and the stock of one-time prekeys
// (topped up when low, the oldest private halves deleted beyond a bound).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "kollega/base/status.h"

namespace kollega::wire {
class Challenge;
}

namespace kollega::client {

class Kernel;

class Keys {
 public:
  explicit Keys(Kernel& kernel) : kernel_(kernel) {}

  // Both leave the device logged in, its keys uploaded.
  Status CreateAccount(const std::string& relay_url);
  Status LinkDevice(const std::string& relay_url, const std::string& code);
  // On a logged-in device: the code a new device joins with.
  Result<std::string> StartLinking();

  // After each login: prekeys counted on the relay and topped up, the
  // signed prekey rotated when due.
  Status AfterLogin();
  // The relay holds `remaining` one-time prekeys of this device.
  Status TopUp(uint32_t remaining);

 private:
  // The relay's proof of work, with SignUpProgress events while it runs;
  // Unavailable if the client closes meanwhile.
  Result<std::string> SolveSignUpPuzzle(const wire::Challenge& challenge);
  Status UploadInitialKeys();
  // A fresh signed prekey, stored, made current and uploaded.
  Status UploadSignedPrekey();
  Status RotateSignedPrekeyIfDue();
  // Deletes signed prekeys older than `replaced` (the one just superseded)
  // once their successors are older than the grace period.
  void ForgetOldSignedPrekeys(uint32_t replaced);
  // Keeps at most Options::max_prekey_stock one-time private prekeys: the
  // newest ones up to `newest`; older ones still stored are deleted
  // (docs/abuse-limits.md, "Prekeys").
  void ForgetOldOneTimePrekeys(uint32_t newest);

  Kernel& kernel_;
  bool topping_up_ = false;
};

}  // namespace kollega::client
