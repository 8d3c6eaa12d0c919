// SPDX-License-Identifier: GPL-3.0-or-later
#include "device_list_manager.h"

#include <algorithm>
#include <map>

#include "device_list.h"
#include "kernel.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"
#include "link_manager.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
// The kernel's own records (ComponentTable), apart from every component's.
constexpr std::string_view kTable = "kernel.devices";
constexpr std::string_view kUnlinkedKey = "unlinked";
// A publish that keeps losing races means devices are being linked faster
// than we can follow; give up and try at the next login.
constexpr int kPublishRetries = 3;

std::string DefaultName(uint32_t device_id) { return "device " + std::to_string(device_id); }

void SortDevices(wire::DeviceListBody* body) {
  auto* devices = body->mutable_devices();
  std::sort(devices->begin(), devices->end(),
            [](const wire::ListedDevice& a, const wire::ListedDevice& b) {
              return a.device_id() < b.device_id();
            });
}

}  // namespace

Result<bool> DeviceLists::Enforced() {
  if (!kernel_.has_account()) return false;
  KOLLEGA_ASSIGN_OR_RETURN(auto own, kernel_.store().LoadDeviceList(kernel_.account().account_id));
  return own.has_value();
}

Result<bool> DeviceLists::EnforcedFor(const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, Enforced());
  if (enforced) return true;
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, kernel_.store().LoadDeviceList(account));
  return stored.has_value();
}

Result<std::optional<wire::DeviceListBody>> DeviceLists::Current(const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, kernel_.store().LoadDeviceList(account));
  if (!stored) return std::optional<wire::DeviceListBody>();
  wire::SignedDeviceList list;
  wire::DeviceListBody body;
  if (!list.ParseFromString(stored->second) || !body.ParseFromString(list.body())) {
    return DataLoss("stored device list is corrupt");
  }
  return std::optional<wire::DeviceListBody>(std::move(body));
}

Status DeviceLists::Reject(const std::string& account, Status why) {
  auto event = std::make_shared<DeviceListRejected>();
  event->peer = ToHex(account);
  event->reason = why.message();
  kernel_.Emit(std::move(event));
  log::Warn(kLog, "a device list was refused: " + why.message());
  return why;
}

Result<wire::DeviceListBody> DeviceLists::Accept(const std::string& account,
                                                 const wire::SignedDeviceList& list,
                                                 std::string_view first_identity) {
  ClientStore& store = kernel_.store();
  KOLLEGA_ASSIGN_OR_RETURN(auto pinned, store.LoadPinnedIdentity(account));
  if (!pinned) {
    if (first_identity.empty()) {
      return Reject(account, FailedPrecondition("no identity key is pinned for this account"));
    }
    KOLLEGA_RETURN_IF_ERROR(store.PinIdentity(account, first_identity));
    pinned = std::string(first_identity);
  }
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, store.LoadDeviceList(account));
  std::optional<AcceptedDeviceList> accepted;
  if (stored) {
    wire::SignedDeviceList old;
    if (!old.ParseFromString(stored->second)) return DataLoss("stored device list is corrupt");
    accepted = AcceptedDeviceList{stored->first, old.body()};
  }
  auto body = VerifyDeviceList(kernel_.signal_context(), list, *pinned, account, accepted);
  if (!body.ok()) return Reject(account, body.status());
  if (!accepted || body->version() > accepted->version) {
    KOLLEGA_ASSIGN_OR_RETURN(auto before, Current(account));
    KOLLEGA_RETURN_IF_ERROR(
        store.SaveDeviceList(account, body->version(), list.SerializeAsString()));
    if (before) ReportChange(account, before, *body);
  }
  return body;
}

void DeviceLists::ReportChange(const std::string& account,
                               const std::optional<wire::DeviceListBody>& before,
                               const wire::DeviceListBody& after) {
  auto event = std::make_shared<DeviceListChanged>();
  event->peer = ToHex(account);
  event->own = kernel_.has_account() && account == kernel_.account().account_id;
  for (const auto& d : after.devices()) {
    if (!before || !ListsDevice(*before, d.device_id())) event->added.push_back(d.device_id());
  }
  if (before) {
    for (const auto& d : before->devices()) {
      if (!ListsDevice(after, d.device_id())) event->removed.push_back(d.device_id());
    }
  }
  if (event->added.empty() && event->removed.empty()) return;
  kernel_.Emit(std::move(event));
}

Result<bool> DeviceLists::IsListed(const std::string& account, uint32_t device) {
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, EnforcedFor(account));
  if (!enforced) return true;
  KOLLEGA_ASSIGN_OR_RETURN(auto body, Current(account));
  return body && ListsDevice(*body, device);
}

Result<wire::ListedDevice> DeviceLists::ThisDevice() {
  const LocalAccount& account = kernel_.account();
  KOLLEGA_ASSIGN_OR_RETURN(auto key, crypto::DeviceKey::FromPrivateSeed(account.device_auth_seed));
  wire::ListedDevice self;
  self.set_device_id(account.device_id);
  self.set_auth_public_key(key.public_key());
  self.set_registration_id(account.registration_id);
  self.set_linked_at_ms(static_cast<uint64_t>(kernel_.NowMs()));
  const std::string& name = kernel_.options().device_name;
  KOLLEGA_ASSIGN_OR_RETURN(
      std::string sealed,
      SealDeviceName(account.account_secret, account.account_id, account.device_id,
                     name.empty() ? DefaultName(account.device_id) : name));
  self.set_sealed_name(std::move(sealed));
  return self;
}

Status DeviceLists::Update(const std::function<Status(wire::DeviceListBody*)>& change,
                           std::optional<uint32_t> unlink) {
  const std::string& own = kernel_.account().account_id;
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, kernel_.store().LoadLocalIdentity());
  for (int attempt = 0; attempt <= kPublishRetries; ++attempt) {
    KOLLEGA_ASSIGN_OR_RETURN(auto before, Current(own));
    wire::DeviceListBody body;
    if (before) body = *before;
    body.set_account_id(own);
    body.set_version((before ? before->version() : 0) + 1);
    KOLLEGA_RETURN_IF_ERROR(change(&body));
    SortDevices(&body);
    auto signed_list = SignDeviceList(kernel_.signal_context(), identity, body);
    if (!signed_list.ok()) {
      crypto::Wipe(identity.private_key);
      return signed_list.status();
    }
    wire::Request request;
    if (unlink) {
      request.mutable_unlink_device()->set_device_id(*unlink);
      *request.mutable_unlink_device()->mutable_list() = *signed_list;
    } else {
      *request.mutable_publish_device_list()->mutable_list() = *signed_list;
    }
    auto response = kernel_.link().Call(std::move(request));
    if (!response.ok()) {
      crypto::Wipe(identity.private_key);
      return response.status();
    }
    if (response->code() == wire::OK) {
      crypto::Wipe(identity.private_key);
      KOLLEGA_RETURN_IF_ERROR(
          kernel_.store().SaveDeviceList(own, body.version(), signed_list->SerializeAsString()));
      ReportChange(own, before, body);
      return Status::Ok();
    }
    if (response->code() != wire::STALE_DEVICES || !response->device_mismatch().has_device_list()) {
      crypto::Wipe(identity.private_key);
      return ResponseStatus(*response);
    }
    // Another device published first: take its list and apply ours on top.
    auto newer = Accept(own, response->device_mismatch().device_list(), identity.public_key);
    if (!newer.ok()) {
      crypto::Wipe(identity.private_key);
      return newer.status();
    }
  }
  crypto::Wipe(identity.private_key);
  return Unavailable("this account's device list keeps changing; will retry at the next login");
}

Status DeviceLists::AfterLogin() {
  const LocalAccount& account = kernel_.account();
  wire::Request request;
  request.mutable_get_device_list()->set_account_id(account.account_id);
  KOLLEGA_ASSIGN_OR_RETURN(wire::Response response, kernel_.link().Call(std::move(request)));
  if (response.code() == wire::UNSUPPORTED_OPERATION) {
    // Not "a relay from before lists": trusting the relay's device set on
    // its word is exactly what a hostile relay would ask for.
    return Reject(account.account_id,
                  FailedPrecondition("the relay does not serve signed device lists; "
                                     "sends go to listed devices only"));
  }
  KOLLEGA_RETURN_IF_ERROR(ResponseStatus(response));
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, kernel_.store().LoadLocalIdentity());
  crypto::Wipe(identity.private_key);
  const wire::SignedDeviceList& list = response.signed_device_list();
  if (list.body().empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(bool enforced, Enforced());
    if (enforced) {
      // Only a relay that lies forgets a list it served before.
      return Reject(account.account_id,
                    FailedPrecondition("the relay returned no device list for this account"));
    }
    // No list yet (a new account, or one from before lists): the first one
    // lists this device and the others the relay knows with keys. Trusting
    // the relay's auth keys here is first use, once (docs/trust.md §2).
    wire::Request devices_request;
    devices_request.mutable_list_devices();
    wire::Response devices;
    KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(devices_request), &devices));
    KOLLEGA_ASSIGN_OR_RETURN(wire::ListedDevice self, ThisDevice());
    return Update(
        [&](wire::DeviceListBody* body) {
          body->clear_devices();
          *body->add_devices() = self;
          for (const auto& d : devices.device_list().devices()) {
            if (d.device_id() == account.device_id || !d.has_keys() ||
                d.auth_public_key().empty()) {
              continue;
            }
            auto* other = body->add_devices();
            other->set_device_id(d.device_id());
            other->set_auth_public_key(d.auth_public_key());
            other->set_registration_id(d.registration_id());
            other->set_linked_at_ms(d.created_at_ms());
          }
          return Status::Ok();
        },
        std::nullopt);
  }
  KOLLEGA_ASSIGN_OR_RETURN(wire::DeviceListBody body,
                           Accept(account.account_id, list, identity.public_key));
  if (ListsDevice(body, account.device_id)) return UnlinkSilentDevices(body);
  // A newly linked device: it adds itself (docs/trust.md §2).
  KOLLEGA_ASSIGN_OR_RETURN(wire::ListedDevice self, ThisDevice());
  return Update(
      [&](wire::DeviceListBody* next) {
        if (!ListsDevice(*next, self.device_id())) *next->add_devices() = self;
        return Status::Ok();
      },
      std::nullopt);
}

void DeviceLists::OnPush(const wire::DeviceListChanged& push) {
  const LocalAccount& account = kernel_.account();
  auto before = Current(account.account_id);
  auto identity = kernel_.store().LoadLocalIdentity();
  if (!before.ok() || !identity.ok()) return;
  crypto::Wipe(identity->private_key);
  auto body = Accept(account.account_id, push.list(), identity->public_key);
  if (!body.ok()) return;  // reported by Accept
  if (*before && ListsDevice(**before, account.device_id) &&
      !ListsDevice(*body, account.device_id)) {
    Status s = MarkUnlinked();
    if (!s.ok()) log::Warn(kLog, "cannot record that this device was unlinked: " + s.ToString());
  }
}

Result<std::vector<DeviceInfo>> DeviceLists::Devices() {
  const LocalAccount& account = kernel_.account();
  KOLLEGA_ASSIGN_OR_RETURN(auto body, Current(account.account_id));
  if (!body) return FailedPrecondition("this account has no signed device list yet; connect first");
  std::map<uint32_t, int64_t> last_seen;
  if (kernel_.online()) {
    wire::Request request;
    request.mutable_list_devices();
    wire::Response response;
    if (kernel_.link().CallOk(std::move(request), &response).ok()) {
      for (const auto& d : response.device_list().devices()) {
        last_seen[d.device_id()] = static_cast<int64_t>(d.last_seen_ms());
      }
    }
  }
  std::vector<DeviceInfo> out;
  for (const auto& d : body->devices()) {
    DeviceInfo info;
    info.device_id = d.device_id();
    auto name =
        OpenDeviceName(account.account_secret, account.account_id, d.device_id(), d.sealed_name());
    info.name = name.ok() ? *name : DefaultName(d.device_id());
    info.linked_at_ms = static_cast<int64_t>(d.linked_at_ms());
    info.last_seen_ms = last_seen.count(d.device_id()) ? last_seen[d.device_id()] : 0;
    info.this_device = d.device_id() == account.device_id;
    out.push_back(std::move(info));
  }
  return out;
}

Status DeviceLists::UnlinkSilentDevices(const wire::DeviceListBody& body) {
  const int64_t after = kernel_.options().silent_device_after.count();
  if (after <= 0 || body.devices_size() < 2) return Status::Ok();
  wire::Request request;
  request.mutable_list_devices();
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  std::map<uint32_t, int64_t> seen;
  for (const auto& d : response.device_list().devices()) {
    seen[d.device_id()] = static_cast<int64_t>(d.last_seen_ms());
  }
  const uint32_t self = kernel_.account().device_id;
  // "Now" is the relay's: this device is online, so the relay reports its
  // own time for it. A wrong clock here must not make every other device
  // look abandoned.
  if (!seen.count(self) || seen[self] <= 0) return Status::Ok();
  const int64_t now = seen[self];
  for (const auto& d : body.devices()) {
    if (d.device_id() == self) continue;
    const int64_t last_seen = seen.count(d.device_id()) ? seen[d.device_id()] : 0;
    // A device linked recently and not yet logged in is not silent.
    if (now - std::max(last_seen, static_cast<int64_t>(d.linked_at_ms())) <= after) continue;
    Status unlinked = Unlink(d.device_id());
    if (unlinked.code() == StatusCode::kNotFound) continue;  // another device was first
    KOLLEGA_RETURN_IF_ERROR(unlinked);
    auto event = std::make_shared<SilentDeviceUnlinked>();
    event->device = d.device_id();
    event->last_seen_ms = last_seen;
    kernel_.Emit(std::move(event));
  }
  return Status::Ok();
}

Status DeviceLists::Unlink(uint32_t device_id) {
  KOLLEGA_ASSIGN_OR_RETURN(bool enforced, Enforced());
  if (!enforced) return FailedPrecondition("this account has no signed device list yet");
  KOLLEGA_RETURN_IF_ERROR(Update(
      [&](wire::DeviceListBody* body) -> Status {
        auto* devices = body->mutable_devices();
        auto it = std::find_if(devices->begin(), devices->end(),
                               [&](const auto& d) { return d.device_id() == device_id; });
        if (it == devices->end()) return NotFound("no such device in this account's list");
        if (devices->size() == 1) return FailedPrecondition("an account keeps at least one device");
        devices->erase(it);
        return Status::Ok();
      },
      device_id));
  if (device_id == kernel_.account().device_id) {
    KOLLEGA_RETURN_IF_ERROR(MarkUnlinked());
    kernel_.link().Disconnect();
  }
  return Status::Ok();
}

Status DeviceLists::MarkUnlinked() { return kernel_.Table(kTable).Put(kUnlinkedKey, "1"); }

Result<bool> DeviceLists::Unlinked() {
  KOLLEGA_ASSIGN_OR_RETURN(auto flag, kernel_.Table(kTable).Get(kUnlinkedKey));
  return flag.has_value();
}

}  // namespace kollega::client
