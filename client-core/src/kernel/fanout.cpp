// SPDX-License-Identifier: GPL-3.0-or-later
#include "fanout.h"

#include <algorithm>

#include "device_list.h"
#include "device_list_manager.h"
#include "kernel.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/signal_keys.h"
#include "link_manager.h"

namespace kollega::client {
namespace {
// A send is retried this often after STALE_DEVICES within one attempt; more
// means devices are being added or removed faster than we can follow.
constexpr int kStaleRetries = 3;

Status IdentityChangedError() {
  return FailedPrecondition("the recipient's identity key changed; confirm it first");
}
}  // namespace

Result<std::vector<uint32_t>> Fanout::OwnOtherDevices() {
  if (own_devices_) return *own_devices_;
  wire::Request request;
  request.mutable_list_devices();
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  std::vector<uint32_t> others;
  for (const auto& d : response.device_list().devices()) {
    if (d.device_id() != kernel_.account().device_id) others.push_back(d.device_id());
  }
  own_devices_ = others;
  return others;
}

Status Fanout::FetchAndProcess(const std::string& recipient, uint32_t device_id,
                               std::vector<int32_t>* devices) {
  wire::Request request;
  request.mutable_fetch_bundle()->set_account_id(recipient);
  request.mutable_fetch_bundle()->set_device_id(device_id);
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  const wire::PrekeyBundle& bundle = response.bundle();
  const bool own = recipient == kernel_.account().account_id;
  DeviceLists& lists = kernel_.device_lists();

  KOLLEGA_ASSIGN_OR_RETURN(auto pinned, kernel_.store().LoadPinnedIdentity(recipient));
  // docs/trust.md §2: only devices in a list that verifies.
  std::optional<wire::DeviceListBody> listed;
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, lists.EnforcedFor(recipient));
  if (enforced || bundle.has_device_list()) {
    if (!bundle.has_device_list()) {
      return lists.Reject(recipient,
                          FailedPrecondition("the relay sent a bundle without the signed list"));
    }
    const std::string first =
        bundle.devices().empty() ? std::string() : bundle.devices(0).identity_key();
    // A list signed by the key the bundle carries, not by the pinned one:
    // the account's identity changed (§1), which the user decides on.
    if (pinned && !first.empty() && first != *pinned &&
        crypto::VerifySignalSignature(kernel_.signal_context(), first,
                                      DeviceListSigningInput(bundle.device_list().body()),
                                      bundle.device_list().signature())) {
      kernel_.FlagIdentity({recipient, static_cast<int32_t>(bundle.devices(0).device_id())}, first);
      return IdentityChangedError();
    }
    KOLLEGA_ASSIGN_OR_RETURN(listed, lists.Accept(recipient, bundle.device_list(), first));
  }
  // docs/trust.md §1: every (listed) device of the account carries the
  // pinned key; a different one is an identity change for the whole account.
  for (const auto& d : bundle.devices()) {
    if (listed && !ListsDevice(*listed, d.device_id())) continue;
    if (pinned && d.identity_key() != *pinned) {
      kernel_.FlagIdentity({recipient, static_cast<int32_t>(d.device_id())}, d.identity_key());
      return IdentityChangedError();
    }
  }
  for (const auto& d : bundle.devices()) {
    if (own && d.device_id() == kernel_.account().device_id) continue;
    if (listed && !ListsDevice(*listed, d.device_id())) {
      // A relay that lies offers it; it gets nothing (reported, not fatal:
      // the send fails only if the relay then demands an envelope for it).
      lists
          .Reject(recipient,
                  FailedPrecondition("the relay offered device " + std::to_string(d.device_id()) +
                                     ", which the account's signed list does not name"))
          .IgnoreError();
      continue;
    }
    crypto::PreKeyBundle keys;
    keys.registration_id = d.registration_id();
    keys.device_id = static_cast<int32_t>(d.device_id());
    keys.identity_key = d.identity_key();
    keys.signed_pre_key_id = d.signed_prekey().id();
    keys.signed_pre_key = d.signed_prekey().public_key();
    keys.signed_pre_key_signature = d.signed_prekey().signature();
    if (d.has_one_time_prekey()) {
      keys.pre_key_id = d.one_time_prekey().id();
      keys.pre_key = d.one_time_prekey().public_key();
    }
    const crypto::SignalAddress address{recipient, keys.device_id};
    Status s = kernel_.sessions().ProcessBundle(address, keys);
    if (crypto::ClassifySessionError(s) == crypto::SessionError::kUntrustedIdentity) {
      kernel_.FlagIdentity(address);
      return IdentityChangedError();
    }
    KOLLEGA_RETURN_IF_ERROR(s);
    devices->push_back(keys.device_id);
  }
  return Status::Ok();
}

Result<std::vector<int32_t>> Fanout::TargetDevices(const std::string& recipient) {
  const LocalAccount& account = kernel_.account();
  const bool own = recipient == account.account_id;
  const int32_t self = static_cast<int32_t>(account.device_id);
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<int32_t> sessions,
                           kernel_.store().SessionDevices(recipient));
  DeviceLists& lists = kernel_.device_lists();
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, lists.EnforcedFor(recipient));
  if (enforced) {
    KOLLEGA_ASSIGN_OR_RETURN(auto listed, lists.Current(recipient));
    if (!listed) {
      std::vector<int32_t> ignored;
      KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, 0, &ignored));
      KOLLEGA_ASSIGN_OR_RETURN(listed, lists.Current(recipient));
      if (!listed) return NotFound("the recipient has no signed device list");
    }
    // Exactly the listed devices (for one's own account: the others).
    std::vector<int32_t> devices;
    for (const auto& d : listed->devices()) {
      const int32_t id = static_cast<int32_t>(d.device_id());
      if (own && id == self) continue;
      if (std::find(sessions.begin(), sessions.end(), id) == sessions.end()) {
        std::vector<int32_t> fetched;
        KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, d.device_id(), &fetched));
        if (std::find(fetched.begin(), fetched.end(), id) == fetched.end()) continue;
      }
      devices.push_back(id);
    }
    if (devices.empty() && !own) return NotFound("the recipient has no devices with keys");
    return devices;
  }
  // A relay from before signed lists: its device set, as it says.
  std::vector<int32_t> devices;
  for (int32_t d : sessions) {
    if (!(own && d == self)) devices.push_back(d);
  }
  if (!devices.empty()) return devices;
  if (!own) {
    KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, 0, &devices));
    if (devices.empty()) return NotFound("the recipient has no devices");
    return devices;
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<uint32_t> others, OwnOtherDevices());
  for (uint32_t d : others) KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, d, &devices));
  return devices;
}

Status Fanout::CheckMismatch(const std::string& recipient, const wire::DeviceMismatch& mismatch) {
  DeviceLists& lists = kernel_.device_lists();
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, lists.EnforcedFor(recipient));
  if (!enforced && !mismatch.has_device_list()) return Status::Ok();
  if (!mismatch.has_device_list()) {
    return lists.Reject(recipient,
                        FailedPrecondition("the relay answered STALE_DEVICES without the list"));
  }
  KOLLEGA_ASSIGN_OR_RETURN(wire::DeviceListBody listed,
                           lists.Accept(recipient, mismatch.device_list(), std::string()));
  const bool own = recipient == kernel_.account().account_id;
  for (uint32_t missing : mismatch.missing_devices()) {
    if (!ListsDevice(listed, missing)) {
      return lists.Reject(
          recipient, FailedPrecondition("the relay asks for device " + std::to_string(missing) +
                                        ", which the account's signed list does "
                                        "not name; nothing was sent"));
    }
  }
  for (uint32_t extra : mismatch.extra_devices()) {
    if (ListsDevice(listed, extra) && !(own && extra == kernel_.account().device_id)) {
      return lists.Reject(recipient,
                          FailedPrecondition("the relay refuses device " + std::to_string(extra) +
                                             ", which the account's signed list "
                                             "names; nothing was sent"));
    }
  }
  return Status::Ok();
}

Status Fanout::DeliverTo(const std::string& recipient, const std::string& plaintext) {
  // docs/trust.md §1: a change on any device blocks the whole account.
  KOLLEGA_ASSIGN_OR_RETURN(bool changed, kernel_.IdentityChangePending(recipient));
  if (changed) return IdentityChangedError();
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<int32_t> devices, TargetDevices(recipient));
  for (int attempt = 0; attempt <= kStaleRetries; ++attempt) {
    if (devices.empty()) return Status::Ok();  // own account, no other device
    wire::Request request;
    auto* send = request.mutable_send();
    send->set_recipient_account(recipient);
    for (int32_t d : devices) {
      const crypto::SignalAddress address{recipient, d};
      auto encrypted = kernel_.sessions().Encrypt(address, plaintext);
      if (!encrypted.ok()) {
        if (crypto::ClassifySessionError(encrypted.status()) ==
            crypto::SessionError::kUntrustedIdentity) {
          kernel_.FlagIdentity(address);
          return IdentityChangedError();
        }
        return encrypted.status();
      }
      auto* envelope = send->add_envelopes();
      envelope->set_device_id(static_cast<uint32_t>(d));
      envelope->set_type(static_cast<uint32_t>(encrypted->type));
      envelope->set_content(std::move(encrypted->bytes));
    }
    KOLLEGA_ASSIGN_OR_RETURN(wire::Response response, kernel_.link().Call(std::move(request)));
    if (response.code() == wire::OK) return Status::Ok();
    if (response.code() != wire::STALE_DEVICES) return ResponseStatus(response);
    const auto& mismatch = response.device_mismatch();
    KOLLEGA_RETURN_IF_ERROR(CheckMismatch(recipient, mismatch));
    for (uint32_t extra : mismatch.extra_devices()) {
      KOLLEGA_RETURN_IF_ERROR(
          kernel_.sessions().DeleteSession({recipient, static_cast<int32_t>(extra)}));
    }
    std::vector<int32_t> ignored;
    for (uint32_t missing : mismatch.missing_devices()) {
      KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(recipient, missing, &ignored));
    }
    if (recipient == kernel_.account().account_id) own_devices_.reset();
    KOLLEGA_ASSIGN_OR_RETURN(devices, TargetDevices(recipient));
  }
  return Unavailable("the recipient's device list keeps changing; will retry");
}

}  // namespace kollega::client
