// Device authentication keys and the small primitives the relay shares with
// clients: Ed25519 device keys (challenge-response), secure random bytes,
// SHA-256, constant-time comparison; the account-creation proof of work is
// in proof_of_work.h, included here for the callers that use both.
//
// These use OpenSSL only, so the relay links no libsignal code paths for
// authentication. A device's auth key is separate from its Signal identity
// key: the relay verifies the former and only stores the latter.
//
// Ownership: DeviceKey owns its private key and wipes it on destruction.
// Thread-safety: all free functions are thread-safe; a DeviceKey may be used
// from several threads for Sign() concurrently (it is never mutated).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "kollega/crypto/proof_of_work.h"

namespace kollega::crypto {

inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
inline constexpr size_t kChallengeNonceSize = 32;

class DeviceKey {
 public:
  static Result<DeviceKey> Generate();
  // From the 32-byte private seed returned by PrivateSeed().
  static Result<DeviceKey> FromPrivateSeed(std::string_view seed);

  DeviceKey(DeviceKey&&) noexcept;
  DeviceKey& operator=(DeviceKey&&) noexcept;
  ~DeviceKey();

  const std::string& public_key() const { return public_key_; }
  // The 32-byte private seed, for the client's local store only.
  std::string PrivateSeed() const;
  // 64-byte Ed25519 signature.
  Result<std::string> Sign(std::string_view message) const;

 private:
  struct Impl;
  explicit DeviceKey(std::unique_ptr<Impl> impl, std::string public_key);
  std::unique_ptr<Impl> impl_;
  std::string public_key_;
};

// True only for a valid Ed25519 signature of `message` by `public_key`.
bool VerifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature);

// What a device signs to authenticate: a domain tag, the nonce, the account id
// and the device id, length-prefixed so no two inputs share an encoding:
//   "kollega-auth-v1" (15 bytes, no terminator) || u32be(len(nonce)) || nonce
//   || u32be(len(account_id)) || account_id || u32be(device_id)
// where u32be is 4 bytes, big-endian. For proofs of key possession at
// creation, account_id is empty and device 0. Test vector in
// docs/protocol-recipes.md, "DeviceAuthMessage".
std::string DeviceAuthMessage(std::string_view nonce, std::string_view account_id,
                              uint32_t device_id);

// What a device signs to log in (Authenticate): DeviceAuthMessage's fields,
// then the origin the client dialled and the TLS exporter value of its
// session, so a signature is good only on that channel (docs/trust.md §5):
//   "kollega-auth-v2" (15 bytes) || u32be(len(nonce)) || nonce
//   || u32be(len(account_id)) || account_id || u32be(device_id)
//   || u32be(len(origin)) || origin || u32be(len(exporter)) || exporter
// `origin` is FormatOrigin() text (kollega/base/origin.h); `exporter` is
// kAuthExporterSize bytes over TLS and empty over cleartext. Test vector in
// docs/protocol-recipes.md, "DeviceAuthMessageV2".
std::string DeviceAuthMessageV2(std::string_view nonce, std::string_view account_id,
                                uint32_t device_id, std::string_view origin,
                                std::string_view exporter);

// The TLS exporter (RFC 8446 §7.5) both ends compute for DeviceAuthMessageV2:
// SSL_export_keying_material with this label, no context, this many bytes.
inline constexpr std::string_view kAuthExporterLabel = "EXPORTER-kollega-auth";
inline constexpr size_t kAuthExporterSize = 32;

// Cryptographically secure random bytes (OpenSSL RAND_bytes). Aborts if the
// generator fails: continuing without randomness is never safe.
std::string RandomBytes(size_t n);

std::string Sha256(std::string_view data);

// Compares in time that depends only on the lengths.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Overwrites memory in a way the compiler may not elide.
void Wipe(void* data, size_t size);
void Wipe(std::string& s);

}  // namespace kollega::crypto
