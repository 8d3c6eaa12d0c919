// Signal key material for one device: generation, and the bundle a peer
// fetches from the relay to start a session (X3DH).
//
// Every key leaves this module as bytes in the standard v3 encodings, so the
// relay and other Signal-protocol implementations read them unchanged:
// public keys are 33 bytes (0x05 then the X25519 point), private keys 32,
// signed-prekey signatures 64 (XEdDSA over the 33-byte public key).
// "record" fields are the library's own serialized records (they include the
// private half) and are what SignalStore persists; they never leave the device.
//
// Ownership: plain values. Types holding private bytes wipe them when
// destroyed; copies are the caller's to keep short-lived.
// Thread-safety: the functions use the SignalContext and share its rules
// (one thread per context).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/base/status.h"
#include "kollega/crypto/signal_context.h"

namespace kollega::crypto {

inline constexpr size_t kSignalPublicKeySize = 33;
inline constexpr size_t kSignalPrivateKeySize = 32;
inline constexpr size_t kSignalSignatureSize = 64;
// One-time prekey ids live in 1..kMaxPreKeyId; 0 is never issued because
// other implementations read it as "no prekey".
inline constexpr uint32_t kMaxPreKeyId = 0xFFFFFE;

struct IdentityKeyPair {
  std::string public_key;   // 33 bytes
  std::string private_key;  // 32 bytes, secret

  IdentityKeyPair() = default;
  IdentityKeyPair(const IdentityKeyPair&) = default;
  IdentityKeyPair(IdentityKeyPair&&) noexcept = default;
  IdentityKeyPair& operator=(const IdentityKeyPair&) = default;
  IdentityKeyPair& operator=(IdentityKeyPair&&) noexcept = default;
  ~IdentityKeyPair();
};

struct SignedPreKey {
  uint32_t id = 0;
  uint64_t timestamp_ms = 0;
  std::string public_key;  // 33 bytes, for the bundle
  std::string signature;   // 64 bytes, by the identity key over public_key
  std::string record;      // serialized library record incl. the private key

  SignedPreKey() = default;
  SignedPreKey(const SignedPreKey&) = default;
  SignedPreKey(SignedPreKey&&) noexcept = default;
  SignedPreKey& operator=(const SignedPreKey&) = default;
  SignedPreKey& operator=(SignedPreKey&&) noexcept = default;
  ~SignedPreKey();
};

struct PreKey {
  uint32_t id = 0;
  std::string public_key;  // 33 bytes, uploaded to the relay
  std::string record;      // serialized library record incl. the private key

  PreKey() = default;
  PreKey(const PreKey&) = default;
  PreKey(PreKey&&) noexcept = default;
  PreKey& operator=(const PreKey&) = default;
  PreKey& operator=(PreKey&&) noexcept = default;
  ~PreKey();
};

// What a sender fetches for one recipient device. The one-time prekey is
// absent when the relay has run out; X3DH then uses the signed prekey only.
struct PreKeyBundle {
  uint32_t registration_id = 0;
  int32_t device_id = 0;
  std::string identity_key;  // 33 bytes
  uint32_t signed_pre_key_id = 0;
  std::string signed_pre_key;            // 33 bytes
  std::string signed_pre_key_signature;  // 64 bytes
  std::optional<uint32_t> pre_key_id;
  std::string pre_key;  // 33 bytes when pre_key_id is set
};

Result<IdentityKeyPair> GenerateIdentityKeyPair(SignalContext& context);

// A random registration id in 1..16380, chosen once per install.
Result<uint32_t> GenerateRegistrationId(SignalContext& context);

Result<SignedPreKey> GenerateSignedPreKey(SignalContext& context, const IdentityKeyPair& identity,
                                          uint32_t id, uint64_t timestamp_ms);

// When a stored signed prekey record (SignedPreKey::record) was made.
Result<uint64_t> SignedPreKeyTimestamp(SignalContext& context, std::string_view record);

// `count` one-time prekeys with ids start, start+1, ... wrapping from
// kMaxPreKeyId back to 1. `start` must be in 1..kMaxPreKeyId.
Result<std::vector<PreKey>> GeneratePreKeys(SignalContext& context, uint32_t start, uint32_t count);

// The id that follows `id` in the wrapping sequence above: where the next
// batch starts after a batch whose last id was `id`.
uint32_t NextPreKeyId(uint32_t id);

// True if `signature` is a valid XEdDSA signature of `message` by the 33-byte
// `public_key` — how a client checks a signed prekey before using it.
bool VerifySignalSignature(SignalContext& context, std::string_view public_key,
                           std::string_view message, std::string_view signature);

// The XEdDSA signature (64 bytes) of `message` by the identity private key,
// the same scheme as signed prekeys, so VerifySignalSignature with the
// identity public key checks it. Used for signed device lists
// (docs/trust.md §2). Randomised: two calls give different signatures.
Result<std::string> SignWithIdentity(SignalContext& context, const IdentityKeyPair& identity,
                                     std::string_view message);

}  // namespace kollega::crypto
