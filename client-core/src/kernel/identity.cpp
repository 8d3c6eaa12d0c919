// The kernel's identity queries: safety numbers and identity changes that
// wait for the user. Identities are pinned per account (docs/trust.md §1):
// every device of an account shares its identity key, so one pin, one
// pending change and one safety number cover the whole account.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include "fanout.h"
#include "kernel.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/safety_number.h"
#include "link_manager.h"

namespace kollega::client {

Result<std::string> Kernel::SafetyNumber(const std::string& peer_hex) {
  if (!account_) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  KOLLEGA_ASSIGN_OR_RETURN(auto remote_key, store_->LoadPinnedIdentity(peer));
  if (!remote_key) {
    // Not contacted yet: fetching its bundle pins its key (first use).
    if (!online()) return Unavailable("no key for this peer yet; connect first");
    std::vector<int32_t> devices;
    KOLLEGA_RETURN_IF_ERROR(fanout_->FetchAndProcess(peer, 0, &devices));
    KOLLEGA_ASSIGN_OR_RETURN(remote_key, store_->LoadPinnedIdentity(peer));
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
  std::set<std::string> seen;
  for (const auto& [peer, device] : pending) {
    if (seen.insert(peer).second) out.push_back({ToHex(peer), static_cast<uint32_t>(device)});
  }
  return out;
}

Result<bool> Kernel::IdentityChangePending(const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto pending, store_->PendingIdentityChanges());
  for (const auto& [peer, device] : pending) {
    if (peer == account) return true;
  }
  return false;
}

Status Kernel::AcceptIdentityChange(const std::string& peer_hex) {
  if (!account_) return FailedPrecondition("no account yet");
  KOLLEGA_ASSIGN_OR_RETURN(std::string peer, AccountFromHex(peer_hex));
  if (peer == account_->account_id) {
    // docs/trust.md §1: one's own account is pinned to the local key; a
    // device claiming another key for it is not one of ours.
    return PermissionDenied("a different identity for this account cannot be accepted");
  }
  KOLLEGA_ASSIGN_OR_RETURN(auto pending, store_->PendingIdentityChanges());
  std::optional<std::string> key;
  bool any = false;
  for (const auto& [name, device] : pending) {
    if (name != peer) continue;
    any = true;
    if (!key) {
      KOLLEGA_ASSIGN_OR_RETURN(key, store_->FlaggedIdentityKey(name, device));
    }
    if (!key || key->empty()) key = sessions_->PendingIdentity({name, device});
  }
  if (!any) return NotFound("no identity change pending for this peer");
  if (!key || key->empty()) {
    // A refused SignalMessage carries no key: ask the relay for the
    // account's current one. Processing the bundle is refused and records it.
    if (!online()) return Unavailable("connect first, then accept the new identity");
    std::vector<int32_t> ignored;
    fanout_->FetchAndProcess(peer, 0, &ignored).IgnoreError();
    KOLLEGA_ASSIGN_OR_RETURN(key, store_->FlaggedIdentityKey(peer, 0));
  }
  if (!key || key->empty()) {
    return NotFound("the new identity key is not known yet; try again once online");
  }
  // Sessions and the device list were made under the old key: they go, and
  // the next send starts over from bundles that carry the new one.
  KOLLEGA_RETURN_IF_ERROR(sessions_->AcceptIdentity({peer, 0}, *key));
  KOLLEGA_RETURN_IF_ERROR(store_->Atomically([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(store_->DeleteAllSessions(peer).status());
    KOLLEGA_RETURN_IF_ERROR(store_->SaveDeviceList(peer, 0, ""));
    for (const auto& [name, device] : pending) {
      if (name == peer) KOLLEGA_RETURN_IF_ERROR(store_->ClearIdentityChange(name, device));
    }
    return Status::Ok();
  }));
  // Messages refused while the key was untrusted are still in the relay's
  // mailbox (they were not acknowledged); a new login redelivers them.
  link_->Relogin();
  return Status::Ok();
}

void Kernel::FlagIdentity(const crypto::SignalAddress& address, std::optional<std::string> given) {
  std::string key = given ? *given : sessions_->PendingIdentity(address).value_or(std::string());
  if (key.empty()) {
    // A refused SignalMessage carries no key; keep one recorded earlier.
    auto earlier = store_->FlaggedIdentityKey(address.name, 0);
    if (earlier.ok() && *earlier) key = **earlier;
  }
  // One change per account: the device no longer matters.
  Status s = store_->FlagIdentityChange(address.name, 0, key);
  if (!s.ok()) log::Warn("client", "cannot record an identity change: " + s.ToString());
  auto event = std::make_shared<IdentityChanged>();
  event->peer = ToHex(address.name);
  event->device = static_cast<uint32_t>(address.device_id);
  Emit(std::move(event));
}

}  // namespace kollega::client
