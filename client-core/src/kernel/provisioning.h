// Device linking secrets: the provisioning code shown on the first device,
// and the sealed blob the relay parks with a link token.
//
// Code (version 2), base64url without padding, of:
//   0x02 || account_id (16) || token_len (1) || link_token || K (32) || check (4)
// where check is the first 4 bytes of SHA-256 over everything before it.
// The relay needs the account id and the token to register the new device;
// K never reaches it. The check catches a mistyped code before the token is
// spent: the relay adds the device when the token is redeemed, so a code
// with a good token and a bad K would otherwise leave a device that cannot
// open its blob. K opens the blob the first device parked with
// CreateLinkToken, which holds the account's identity key pair and secret.
//
// Sealed blob (version 1):
//   0x01 || nonce (12) || AES-256-GCM ciphertext || tag (16)
// with associated data "kollega-provisioning-v1" || account_id, so a blob
// cannot be replayed for another account. AES-256-GCM comes from OpenSSL
// EVP, linked privately by client-core for this one use (libsignal's
// provider offers only CBC/CTR and this is not a Signal-protocol message).
//
// Thread-safety: pure functions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/base64.h"
#include "kollega/base/status.h"

namespace kollega::client {

inline constexpr size_t kProvisioningKeySize = 32;
inline constexpr size_t kAccountIdSize = 16;

struct ProvisioningCode {
  std::string account_id;  // 16 bytes
  std::string link_token;  // 1..255 bytes, opaque
  std::string key;         // K, 32 bytes, secret

  ~ProvisioningCode();
};

std::string EncodeProvisioningCode(const ProvisioningCode& code);
// Tolerates surrounding whitespace (codes get pasted).
Result<ProvisioningCode> DecodeProvisioningCode(std::string_view text);

using kollega::Base64UrlDecode;
using kollega::Base64UrlEncode;

Result<std::string> SealProvisioning(std::string_view key, std::string_view account_id,
                                     std::string_view plaintext);
// Fails with Unauthenticated if the blob was tampered with or K is wrong.
Result<std::string> OpenProvisioning(std::string_view key, std::string_view account_id,
                                     std::string_view sealed);

}  // namespace kollega::client
