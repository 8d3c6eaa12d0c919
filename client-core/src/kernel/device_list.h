// Signed device lists (docs/trust.md §2): which devices belong to an
// account, signed with the account identity key so that the relay, which
// only stores and serves the list, can neither add nor hide a device.
//
// Grammar (docs/protocol-recipes.md, "Signed device list"):
//   body      = DeviceListBody (relay.proto), serialized deterministically
//   signed    = "kollega-devices-v1" || u32be(len(body)) || body
//   signature = XEdDSA(identity private key, signed)      (64 bytes)
//
// A device's name travels sealed (ListedDevice.sealed_name):
//   key    = HKDF-SHA256(ikm = account secret, salt = empty,
//                        info = "kollega-device-name-v1", 32 bytes)
//   sealed = nonce (12, random) || AES-256-GCM(key, nonce, name,
//            aad = "kollega-device-name-v1" || account_id || u32be(device_id))
//            || tag (16)
// so only the account's own devices (which hold the secret) read names, and
// a name cannot be moved to another device or account.
//
// Thread-safety: pure functions; the SignalContext rules apply to the
// functions that take one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "relay.pb.h"

namespace kollega::client {

// The list a client accepted last for an account: the rollback reference.
struct AcceptedDeviceList {
  uint64_t version = 0;
  std::string body;  // the serialized DeviceListBody, byte-exact
};

// The bytes the signature covers.
std::string DeviceListSigningInput(std::string_view body);

// Checks the body's own rules: 16-byte account id, version >= 1, at least
// one device, ids ascending and unique, 32-byte auth keys.
Status CheckDeviceListBody(const wire::DeviceListBody& body);

// Serializes `body` (after CheckDeviceListBody) and signs it.
Result<wire::SignedDeviceList> SignDeviceList(crypto::SignalContext& context,
                                              const crypto::IdentityKeyPair& identity,
                                              const wire::DeviceListBody& body);

// Accepts `list` for `account_id` only under docs/trust.md §2 rules 1-4:
// the signature verifies with `pinned_identity`, the body names
// `account_id`, its devices are ascending, unique and at least one, and its
// version is not below `accepted` (equal only when byte-identical). Errors:
// Unauthenticated (signature), InvalidArgument (malformed, wrong account),
// FailedPrecondition (rolled back). Returns the parsed body.
Result<wire::DeviceListBody> VerifyDeviceList(crypto::SignalContext& context,
                                              const wire::SignedDeviceList& list,
                                              std::string_view pinned_identity,
                                              std::string_view account_id,
                                              const std::optional<AcceptedDeviceList>& accepted);

// True when `body` lists `device_id`.
bool ListsDevice(const wire::DeviceListBody& body, uint32_t device_id);

// The sealed-name recipe above. OpenDeviceName fails with Unauthenticated
// on a wrong secret, account, device or a changed byte.
Result<std::string> SealDeviceName(std::string_view account_secret, std::string_view account_id,
                                   uint32_t device_id, std::string_view name);
Result<std::string> OpenDeviceName(std::string_view account_secret, std::string_view account_id,
                                   uint32_t device_id, std::string_view sealed);
// SealDeviceName with a given nonce, for the published test vector only.
Result<std::string> SealDeviceNameWithNonce(std::string_view account_secret,
                                            std::string_view account_id, uint32_t device_id,
                                            std::string_view name, std::string_view nonce);

}  // namespace kollega::client
