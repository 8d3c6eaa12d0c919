// SPDX-License-Identifier: GPL-3.0-or-later
#include "device_list.h"

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

#include "kollega/crypto/aead.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace {

constexpr std::string_view kListTag = "kollega-devices-v1";
constexpr std::string_view kNameTag = "kollega-device-name-v1";
constexpr size_t kAccountIdBytes = 16;
constexpr size_t kAuthKeyBytes = 32;
constexpr size_t kNameKeyBytes = 32;
constexpr size_t kNonceBytes = crypto::kAeadNonceSize;
constexpr size_t kTagBytes = crypto::kAeadTagSize;

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

Result<std::string> NameKey(std::string_view account_secret) {
  if (account_secret.empty()) return FailedPrecondition("no account secret");
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  std::string key(kNameKeyBytes, '\0');
  size_t len = key.size();
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) != 1 ||
      EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), U(account_secret),
                                 static_cast<int>(account_secret.size())) != 1 ||
      EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), U(kNameTag), static_cast<int>(kNameTag.size())) != 1 ||
      EVP_PKEY_derive(ctx.get(), U(key), &len) != 1 || len != key.size()) {
    crypto::Wipe(key);
    return Internal("device name key derivation failed");
  }
  return key;
}

std::string NameAad(std::string_view account_id, uint32_t device_id) {
  std::string aad(kNameTag);
  aad.append(account_id);
  AppendU32(aad, device_id);
  return aad;
}

}  // namespace

std::string DeviceListSigningInput(std::string_view body) {
  std::string out(kListTag);
  AppendU32(out, static_cast<uint32_t>(body.size()));
  out.append(body);
  return out;
}

Status CheckDeviceListBody(const wire::DeviceListBody& body) {
  if (body.account_id().size() != kAccountIdBytes) {
    return InvalidArgument("device list: the account id is not 16 bytes");
  }
  if (body.version() == 0) return InvalidArgument("device list: version 0");
  if (body.devices().empty()) return InvalidArgument("device list: no devices");
  uint32_t previous = 0;
  bool first = true;
  for (const auto& d : body.devices()) {
    if (d.device_id() == 0) return InvalidArgument("device list: device id 0");
    if (!first && d.device_id() <= previous) {
      return InvalidArgument("device list: device ids not ascending and unique");
    }
    if (d.auth_public_key().size() != kAuthKeyBytes) {
      return InvalidArgument("device list: an auth key is not 32 bytes");
    }
    previous = d.device_id();
    first = false;
  }
  return Status::Ok();
}

Result<wire::SignedDeviceList> SignDeviceList(crypto::SignalContext& context,
                                              const crypto::IdentityKeyPair& identity,
                                              const wire::DeviceListBody& body) {
  KOLLEGA_RETURN_IF_ERROR(CheckDeviceListBody(body));
  wire::SignedDeviceList list;
  if (!body.SerializeToString(list.mutable_body())) return Internal("device list serialize");
  KOLLEGA_ASSIGN_OR_RETURN(
      std::string signature,
      crypto::SignWithIdentity(context, identity, DeviceListSigningInput(list.body())));
  list.set_signature(std::move(signature));
  return list;
}

Result<wire::DeviceListBody> VerifyDeviceList(crypto::SignalContext& context,
                                              const wire::SignedDeviceList& list,
                                              std::string_view pinned_identity,
                                              std::string_view account_id,
                                              const std::optional<AcceptedDeviceList>& accepted) {
  // Rule 1 first: nothing in an unsigned body is worth reading.
  if (!crypto::VerifySignalSignature(context, pinned_identity, DeviceListSigningInput(list.body()),
                                     list.signature())) {
    return Unauthenticated("device list: the signature does not verify with the pinned identity");
  }
  wire::DeviceListBody body;
  if (!body.ParseFromString(list.body())) return InvalidArgument("device list: malformed body");
  // Rule 2.
  if (body.account_id() != account_id) {
    return InvalidArgument("device list: signed for another account");
  }
  // Rule 3.
  KOLLEGA_RETURN_IF_ERROR(CheckDeviceListBody(body));
  // Rule 4.
  if (accepted) {
    if (body.version() < accepted->version) {
      return FailedPrecondition("device list: version rolled back");
    }
    if (body.version() == accepted->version && list.body() != accepted->body) {
      return FailedPrecondition("device list: same version, different devices");
    }
  }
  return body;
}

bool ListsDevice(const wire::DeviceListBody& body, uint32_t device_id) {
  for (const auto& d : body.devices()) {
    if (d.device_id() == device_id) return true;
  }
  return false;
}

Result<std::string> SealDeviceNameWithNonce(std::string_view account_secret,
                                            std::string_view account_id, uint32_t device_id,
                                            std::string_view name, std::string_view nonce) {
  if (nonce.size() != kNonceBytes) return InvalidArgument("device name nonce size");
  KOLLEGA_ASSIGN_OR_RETURN(std::string key, NameKey(account_secret));
  auto sealed = crypto::AeadSeal(key, nonce, NameAad(account_id, device_id), name);
  crypto::Wipe(key);
  if (!sealed.ok()) return sealed.status();
  return std::string(nonce) + *sealed;
}

Result<std::string> SealDeviceName(std::string_view account_secret, std::string_view account_id,
                                   uint32_t device_id, std::string_view name) {
  return SealDeviceNameWithNonce(account_secret, account_id, device_id, name,
                                 crypto::RandomBytes(kNonceBytes));
}

Result<std::string> OpenDeviceName(std::string_view account_secret, std::string_view account_id,
                                   uint32_t device_id, std::string_view sealed) {
  if (sealed.size() < kNonceBytes + kTagBytes) return Unauthenticated("device name: too short");
  KOLLEGA_ASSIGN_OR_RETURN(std::string key, NameKey(account_secret));
  auto plain = crypto::AeadOpen(key, sealed.substr(0, kNonceBytes), NameAad(account_id, device_id),
                                sealed.substr(kNonceBytes));
  crypto::Wipe(key);
  if (!plain.ok()) return Unauthenticated("device name: does not open with this account's secret");
  return plain;
}

}  // namespace kollega::client
