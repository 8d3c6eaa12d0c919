// The kernel's identity queries: safety numbers and identity changes that
// wait for the user.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fanout.h"
#include "kernel.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/safety_number.h"
#include "link_manager.h"

namespace kollega::client {

Result<std::string> Kernel::SafetyNumber(const std::string& peer_hex) {
  if (!account_) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  // The identity is the account's (all its devices share it), so any device
  // we hold a session or key for will do; otherwise set up sessions first.
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<int32_t> devices, store_->SessionDevices(peer));
  if (devices.empty()) {
    if (!online()) return Unavailable("no key for this peer yet; connect first");
    KOLLEGA_RETURN_IF_ERROR(fanout_->FetchAndProcess(peer, 0, &devices));
  }
  std::optional<std::string> remote_key;
  for (int32_t d : devices) {
    KOLLEGA_ASSIGN_OR_RETURN(auto key, store_->LoadIdentity({peer, d}));
    if (key) {
      remote_key = std::move(*key);
      break;
    }
  }
  if (!remote_key) return NotFound("no identity key known for this peer");
  KOLLEGA_ASSIGN_OR_RETURN(auto local, store_->LoadLocalIdentity());
  crypto::Wipe(local.private_key);
  // Both sides must hash the same text: the canonical lowercase id, not
  // the digits as typed.
  return crypto::SafetyNumber(*context_, ToHex(account_->account_id), local.public_key, ToHex(peer),
                              *remote_key);
}

Result<std::vector<IdentityChange>> Kernel::PendingIdentityChanges() {
  KOLLEGA_ASSIGN_OR_RETURN(auto pending, store_->PendingIdentityChanges());
  std::vector<IdentityChange> out;
  for (const auto& [peer, device] : pending) {
    out.push_back({ToHex(peer), static_cast<uint32_t>(device)});
  }
  return out;
}

Status Kernel::AcceptIdentityChange(const std::string& peer_hex) {
  if (!account_) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  KOLLEGA_ASSIGN_OR_RETURN(auto pending, store_->PendingIdentityChanges());
  bool any = false;
  for (const auto& [name, device] : pending) {
    if (name != peer) continue;
    any = true;
    const crypto::SignalAddress address{name, device};
    std::optional<std::string> key = sessions_->PendingIdentity(address);
    if (!key) {
      // The refused key is kept in memory only (signal_sessions.h) and a
      // refused SignalMessage does not record it: ask the relay for the
      // device's current key. Processing the bundle is refused and records it.
      if (!online()) return Unavailable("connect first, then accept the new identity");
      std::vector<int32_t> ignored;
      fanout_->FetchAndProcess(name, static_cast<uint32_t>(device), &ignored).IgnoreError();
      key = sessions_->PendingIdentity(address);
    }
    if (!key) return NotFound("the new identity key is not known yet; try again once online");
    KOLLEGA_RETURN_IF_ERROR(sessions_->AcceptIdentity(address, *key));
    KOLLEGA_RETURN_IF_ERROR(store_->ClearIdentityChange(name, device));
  }
  if (!any) return NotFound("no identity change pending for this peer");
  // Messages refused while the key was untrusted are still in the relay's
  // mailbox (they were not acknowledged); a new login redelivers them.
  link_->Relogin();
  return Status::Ok();
}

}  // namespace kollega::client
