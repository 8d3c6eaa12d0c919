// SPDX-License-Identifier: GPL-3.0-or-later
#include "fanout.h"

#include "kernel.h"
#include "kollega/client-core/relay_connection.h"
#include "link_manager.h"

namespace kollega::client {
namespace {
// A send is retried this often after STALE_DEVICES within one attempt; more
// means devices are being added or removed faster than we can follow.
constexpr int kStaleRetries = 3;
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
  const bool own = recipient == kernel_.account().account_id;
  for (const auto& d : response.bundle().devices()) {
    if (own && d.device_id() == kernel_.account().device_id) continue;
    crypto::PreKeyBundle bundle;
    bundle.registration_id = d.registration_id();
    bundle.device_id = static_cast<int32_t>(d.device_id());
    bundle.identity_key = d.identity_key();
    bundle.signed_pre_key_id = d.signed_prekey().id();
    bundle.signed_pre_key = d.signed_prekey().public_key();
    bundle.signed_pre_key_signature = d.signed_prekey().signature();
    if (d.has_one_time_prekey()) {
      bundle.pre_key_id = d.one_time_prekey().id();
      bundle.pre_key = d.one_time_prekey().public_key();
    }
    const crypto::SignalAddress address{recipient, bundle.device_id};
    Status s = kernel_.sessions().ProcessBundle(address, bundle);
    if (crypto::ClassifySessionError(s) == crypto::SessionError::kUntrustedIdentity) {
      kernel_.FlagIdentity(address);
      return FailedPrecondition("the recipient's identity key changed; confirm it first");
    }
    KOLLEGA_RETURN_IF_ERROR(s);
    devices->push_back(bundle.device_id);
  }
  return Status::Ok();
}

Result<std::vector<int32_t>> Fanout::TargetDevices(const std::string& recipient) {
  const LocalAccount& account = kernel_.account();
  const bool own = recipient == account.account_id;
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<int32_t> sessions,
                           kernel_.store().SessionDevices(recipient));
  std::vector<int32_t> devices;
  for (int32_t d : sessions) {
    if (!(own && d == static_cast<int32_t>(account.device_id))) devices.push_back(d);
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

Status Fanout::DeliverTo(const std::string& recipient, const std::string& plaintext) {
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
          return FailedPrecondition("the recipient's identity key changed; confirm it first");
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
