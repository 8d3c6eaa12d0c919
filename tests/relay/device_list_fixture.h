// Helpers for the signed-device-list tests (relay_device_list_test.cpp,
// relay_device_policy_test.cpp): lists with arbitrary signatures (the relay does not check them),
// the requests of docs/protocol.md §4.13-4.15, and a direct look into a stopped relay's store.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kollega/storage/relay_store.h"
#include "relay_fixture.h"

namespace kollega::testing {

// A list of `devices` for `account`; `salt` makes another body of the same
// version. The signature is 64 arbitrary bytes.
inline wire::SignedDeviceList MakeList(const std::string& account, uint64_t version,
                                       const std::vector<TestDevice>& devices,
                                       const std::string& salt = "") {
  wire::DeviceListBody body;
  body.set_account_id(account);
  body.set_version(version);
  for (const TestDevice& d : devices) {
    wire::ListedDevice* listed = body.add_devices();
    listed->set_device_id(d.device_id);
    listed->set_auth_public_key(d.key->public_key());
    listed->set_registration_id(d.registration_id);
    listed->set_sealed_name("name" + salt);
  }
  wire::SignedDeviceList list;
  list.set_body(body.SerializeAsString());
  list.set_signature(std::string(64, 's'));
  return list;
}

inline wire::Request Publish(const wire::SignedDeviceList& list) {
  wire::Request r;
  *r.mutable_publish_device_list()->mutable_list() = list;
  return r;
}

inline wire::Request Unlink(uint32_t device, const wire::SignedDeviceList& list) {
  wire::Request r;
  r.mutable_unlink_device()->set_device_id(device);
  *r.mutable_unlink_device()->mutable_list() = list;
  return r;
}

inline wire::Request GetList(const std::string& account) {
  wire::Request r;
  r.mutable_get_device_list()->set_account_id(account);
  return r;
}

inline wire::Request Fetch(const std::string& account, uint32_t device = 0) {
  wire::Request r;
  r.mutable_fetch_bundle()->set_account_id(account);
  r.mutable_fetch_bundle()->set_device_id(device);
  return r;
}

inline wire::Request ListDevicesRequest() {
  wire::Request r;
  r.mutable_list_devices();
  return r;
}

// The relay's store, opened directly once the relay has stopped.
inline Result<std::unique_ptr<storage::RelayStore>> OpenStore(const std::string& data_dir) {
  storage::RocksRelayStoreOptions options;
  options.path = data_dir;
  return storage::OpenRocksRelayStore(options);
}

}  // namespace kollega::testing
