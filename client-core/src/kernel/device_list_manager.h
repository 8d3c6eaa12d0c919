// DeviceLists: which devices this client believes belong to an account
// (docs/trust.md §2). It accepts signed device lists only when they verify
// with the account's pinned identity and do not go back in version, keeps
// the accepted one per account in the store, publishes this account's own
// list (first list, a linked device adding itself, unlinking), and reports
// every refusal and change as an event (DeviceListRejected,
// DeviceListChanged). Fanout encrypts only to the devices it returns.
//
// Enforcement: once this device has accepted its own account's list (at
// its first login, which publishes one if the account has none), lists are
// required for good, for every account; a relay that does not serve them
// (UNSUPPORTED_OPERATION, or an empty list it served before) is refused, not
// trusted. Only between account creation and that first list do sends
// follow the relay's device set.
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/base/status.h"
#include "kollega/client-core/types.h"
#include "relay.pb.h"

namespace kollega::client {

class Kernel;

class DeviceLists {
 public:
  explicit DeviceLists(Kernel& kernel) : kernel_(kernel) {}

  // True once this device accepted its own account's list.
  Result<bool> Enforced();
  // True when lists are enforced for `account` (Enforced(), or a list was
  // accepted for it before).
  Result<bool> EnforcedFor(const std::string& account);
  // The accepted list of `account`, nullopt when none.
  Result<std::optional<wire::DeviceListBody>> Current(const std::string& account);

  // Verifies `list` for `account` (docs/trust.md §2 rules 1-4). With no key
  // pinned for the account yet, `first_identity` (the bundle's) is pinned
  // first (trust on first use, §1). A newer list is stored and reported;
  // a refused one is reported (DeviceListRejected) and returned as error.
  Result<wire::DeviceListBody> Accept(const std::string& account,
                                      const wire::SignedDeviceList& list,
                                      std::string_view first_identity);
  // Emits DeviceListRejected for `account` and returns `why`.
  Status Reject(const std::string& account, Status why);

  // After each login (and account creation or linking): fetches this
  // account's list; publishes the first one, or adds this device to it.
  Status AfterLogin();
  // A DeviceListChanged push for this account.
  void OnPush(const wire::DeviceListChanged& push);

  // This account's listed devices, with names unsealed and last-seen times.
  Result<std::vector<DeviceInfo>> Devices();
  // Publishes this account's list without `device_id` through UnlinkDevice.
  // Unlinking this device marks the local account unlinked.
  Status Unlink(uint32_t device_id);
  // True once this device was unlinked (by itself, or by another device's
  // accepted list): it may not connect again.
  Result<bool> Unlinked();

  // For sender authenticity (docs/trust.md §6): false when lists are
  // enforced for `account` and `device` is not in its accepted list.
  Result<bool> IsListed(const std::string& account, uint32_t device);

 private:
  // Publishes version + 1 of this account's list after `change`, retrying
  // on STALE_DEVICES with the list the relay then returns.
  Status Update(const std::function<Status(wire::DeviceListBody*)>& change,
                std::optional<uint32_t> unlink);
  Result<wire::ListedDevice> ThisDevice();
  // Unlinks this account's other devices that the relay has not seen for
  // Options::silent_device_after (docs/trust.md §3).
  Status UnlinkSilentDevices(const wire::DeviceListBody& body);
  Status MarkUnlinked();
  void ReportChange(const std::string& account, const std::optional<wire::DeviceListBody>& before,
                    const wire::DeviceListBody& after);

  Kernel& kernel_;
};

}  // namespace kollega::client
