// The relay's device rules (docs/trust.md §3, docs/protocol.md §4.11,
// docs/limits.md): which devices a Send must and may cover, what counts against
// --max-devices, and the sweep that deletes devices no signed list named.
// The handlers in handlers_devices.cpp and handlers_messages.cpp and the
// relay's periodic timer use them.
//
// Thread-safety: pure functions over a snapshot, except
// SweepUnlistedDevices, which may run on any thread (it blocks on the
// store).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kollega/storage/relay_store.h"
#include "relay.pb.h"

namespace kollega::server {

struct ServerContext;

// Both ascending.
struct ExpectedDevices {
  std::vector<uint32_t> required;  // a Send without one of these is STALE (missing)
  std::vector<uint32_t> allowed;   // a Send with one outside these is STALE (extra)
};

// With a signed list: allowed = the listed devices that exist, required =
// those of them seen (authenticated, or else created) within `ttl_ms`.
// Without one: the devices with a signed prekey, both. `except` (the
// sending device, when it writes to its own account; 0 for none) is in
// neither.
ExpectedDevices ExpectedDevicesOf(const storage::AccountDevices& account, int64_t now_ms,
                                  int64_t ttl_ms, uint32_t except);

// The devices that count against --max-devices: the listed ones, plus the
// registered ones younger than `unlisted_ttl_ms`; an account without a list
// counts each device with keys, plus the keyless ones younger than it.
size_t CountedDevices(const storage::AccountDevices& account, int64_t now_ms,
                      int64_t unlisted_ttl_ms);

// The stored list (DeviceList::blob) as the wire message it came from.
void SignedListToWire(const std::string& blob, wire::SignedDeviceList* out);

// Deletes every device that was registered longer than
// --unlisted-device-ttl ago into an account whose signed list does not name
// it, and closes its connection. Returns how many it deleted.
size_t SweepUnlistedDevices(ServerContext& ctx);

}  // namespace kollega::server
