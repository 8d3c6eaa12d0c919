// FakeRelay's signed device lists, as docs/trust.md §3 and relay.proto
// ("signed device lists") describe the real relay's: it parses the body (it
// cannot check the signature: clients do), stores the newest list, returns
// it with bundles and STALE_DEVICES, and a Send covers the listed devices.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "support/fake_relay_state.h"

namespace kollega::testing {
namespace {

wire::Response Error(wire::ErrorCode code, std::string message) {
  wire::Response response;
  response.set_code(code);
  response.set_message(std::move(message));
  return response;
}

}  // namespace

std::vector<uint32_t> AccountState::Expected() const {
  std::vector<uint32_t> out;
  for (const auto& [id, d] : devices) {
    if (!list || listed.count(id) != 0 || ghosts.count(id) != 0) out.push_back(id);
  }
  return out;
}

void FakeRelay::State::RemoveDeviceLocked(const std::string& account, uint32_t device,
                                          PumpList* pump) {
  auto link = connected.find(Address{account, device});
  if (link != connected.end()) {
    std::shared_ptr<Session> session = link->second;
    DropLocked(*session, Unavailable("device removed"), pump);
  }
  auto it = accounts.find(account);
  if (it == accounts.end()) return;
  it->second.devices.erase(device);
  it->second.listed.erase(device);
  it->second.ghosts.erase(device);
}

wire::Response FakeRelay::State::PublishDeviceList(Session& s, const wire::SignedDeviceList& list,
                                                   std::optional<uint32_t> unlink, PumpList* pump) {
  const std::string& account_id = s.address->first;
  AccountState& account = accounts.at(account_id);
  wire::DeviceListBody body;
  if (!body.ParseFromString(list.body()) || list.signature().size() != 64 ||
      body.account_id() != account_id || body.devices().empty()) {
    return Error(wire::INVALID_ARGUMENT, "device list malformed or for another account");
  }
  if (body.version() <= account.list_version) {
    wire::Response response = Error(wire::STALE_DEVICES, "a newer device list is stored");
    if (account.list) *response.mutable_device_mismatch()->mutable_device_list() = *account.list;
    return response;
  }
  std::set<uint32_t> ids;
  bool caller_listed = false;
  for (const auto& d : body.devices()) {
    auto device = account.devices.find(d.device_id());
    if (device == account.devices.end() || device->second.auth_public_key != d.auth_public_key() ||
        !ids.insert(d.device_id()).second) {
      return Error(wire::INVALID_ARGUMENT, "device list names a device this relay does not have");
    }
    caller_listed |= d.device_id() == s.address->second;
  }
  if (unlink) {
    if (ids.count(*unlink) != 0 || account.devices.count(*unlink) == 0) {
      return Error(wire::INVALID_ARGUMENT, "the list still names the device, or it does not exist");
    }
    // A device may remove itself; then the caller is not listed.
    caller_listed |= *unlink == s.address->second;
  }
  if (!caller_listed) return Error(wire::INVALID_ARGUMENT, "the list must include the caller");
  account.list = list;
  account.list_version = body.version();
  account.listed = ids;
  const Address caller = *s.address;
  wire::Push push;
  *push.mutable_device_list_changed()->mutable_list() = list;
  for (const auto& [id, d] : account.devices) {
    auto target = connected.find(Address{account_id, id});
    if (id != caller.second && target != connected.end()) PushLocked(*target->second, push, pump);
  }
  wire::Response response;
  *response.mutable_signed_device_list() = list;
  if (unlink) RemoveDeviceLocked(account_id, *unlink, pump);
  return response;
}

wire::Response FakeRelay::State::GetDeviceList(const wire::GetDeviceList& r) {
  auto account = accounts.find(r.account_id());
  if (account == accounts.end()) return Error(wire::UNKNOWN_ACCOUNT, "no such account");
  wire::Response response;
  response.mutable_signed_device_list();
  if (const auto* list = account->second.ServedList()) {
    *response.mutable_signed_device_list() = *list;
  }
  return response;
}

}  // namespace kollega::testing
