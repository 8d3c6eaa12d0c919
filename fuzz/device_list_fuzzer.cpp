// Fuzzes the signed device list checks a client applies to what the relay
// serves (client-core/src/kernel/device_list.h, docs/trust.md §2), and the
// sealed device names inside a list.
//
// The signature is checked first, and no fuzzer forges an XEdDSA signature,
// so the input is read three ways (selector byte):
//   0: a SignedDeviceList as received, verified as is (rule 1 must refuse
//      anything not signed by the pinned key, whatever the bytes);
//   1: a DeviceListBody the harness signs with the pinned identity, so
//      rules 2-4 (account, body shape, rollback) see every body;
//   2: a sealed device name opened with the account secret.
// Whatever passes is checked against the rules again here: an accepted
// body must name the account, have ascending unique devices with 32-byte
// keys, and not roll back the previously accepted list.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "kernel/device_list.h"
#include "quiet_protobuf.h"

namespace {

namespace client = kollega::client;
namespace crypto = kollega::crypto;
namespace wire = kollega::wire;

const std::string kAccount(16, '\x11');
const std::string kSecret(32, '\x22');

struct Fixture {
  std::unique_ptr<crypto::SignalContext> context;
  crypto::IdentityKeyPair identity;
  client::AcceptedDeviceList accepted;  // version 3, devices 1 and 2
};

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    auto context = crypto::SignalContext::Create();
    if (!context.ok()) std::abort();
    f->context = std::move(context).value();
    auto identity = crypto::GenerateIdentityKeyPair(*f->context);
    if (!identity.ok()) std::abort();
    f->identity = std::move(identity).value();
    wire::DeviceListBody body;
    body.set_account_id(kAccount);
    body.set_version(3);
    for (uint32_t id : {1u, 2u}) {
      auto* device = body.add_devices();
      device->set_device_id(id);
      device->set_auth_public_key(std::string(32, static_cast<char>(id)));
    }
    f->accepted.version = 3;
    if (!body.SerializeToString(&f->accepted.body)) std::abort();
    return f;
  }();
  return *fixture;
}

void Require(bool ok) {
  if (!ok) std::abort();
}

void Verify(Fixture& f, const wire::SignedDeviceList& list) {
  auto body =
      client::VerifyDeviceList(*f.context, list, f.identity.public_key, kAccount, f.accepted);
  if (!body.ok()) return;
  Require(body->account_id() == kAccount);
  Require(client::CheckDeviceListBody(*body).ok());
  Require(body->version() > f.accepted.version ||
          (body->version() == f.accepted.version && list.body() == f.accepted.body));
  Require(body->devices_size() >= 1);
  for (int i = 1; i < body->devices_size(); ++i) {
    Require(body->devices(i - 1).device_id() < body->devices(i).device_id());
  }
  for (const auto& d : body->devices()) Require(client::ListsDevice(*body, d.device_id()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& f = Get();
  const std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      wire::SignedDeviceList list;
      if (!list.ParseFromString(in)) return 0;
      // Nobody but the harness holds the key: a pass here is a forgery.
      auto body =
          client::VerifyDeviceList(*f.context, list, f.identity.public_key, kAccount, f.accepted);
      Require(!body.ok());
      break;
    }
    case 1: {
      wire::SignedDeviceList list;
      list.set_body(in);
      auto signature =
          crypto::SignWithIdentity(*f.context, f.identity, client::DeviceListSigningInput(in));
      Require(signature.ok());
      list.set_signature(std::move(signature).value());
      Verify(f, list);
      break;
    }
    default: {
      const uint32_t device_id = size > 1 ? data[1] : 0;
      auto name = client::OpenDeviceName(kSecret, kAccount, device_id, in);
      if (!name.ok()) return 0;
      // Only a name sealed with the secret opens, and no harness input
      // seals one: a pass is a forged name.
      std::abort();
    }
  }
  return 0;
}
