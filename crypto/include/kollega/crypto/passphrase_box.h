// A secret sealed under a passphrase (scrypt) or a 32-byte key, with
// AES-256-GCM: how the client store keeps its data key
// (docs/storage-encryption.md) and how kollega-admin keeps an
// organisation's signing key (docs/admin.md). The caller picks an 8-byte
// magic naming what the box holds, so one kind of box is never opened as
// another.
//
// Format (integers big-endian):
//   header := magic (8) || version u8 (1) || kdf u8 || log2_n u8
//             || r u32 || p u32 || salt (16)
//   box    := header || nonce (12) || sealed secret || tag (16)
// kdf 1 = scrypt(passphrase, salt, N = 2^log2_n, r = 8, p = 1) gives the
// key-encryption key; kdf 2 = a 32-byte key is the KEK (cost fields zero).
// The whole header is the GCM associated data, so a changed cost or salt
// fails like a wrong passphrase does.
//
// Thread-safety: free functions, no shared state. The caller owns and
// wipes secrets, passphrases and keys; nothing here keeps a copy.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega::crypto {

inline constexpr size_t kBoxMagicSize = 8;
inline constexpr size_t kBoxHeaderSize = 8 + 1 + 1 + 1 + 4 + 4 + 16;
inline constexpr size_t kBoxOverhead = kBoxHeaderSize + 12 + 16;
// 128 MiB of memory with r = 8; about half a second on a laptop.
inline constexpr uint8_t kDefaultScryptLog2N = 17;

enum class BoxKdf : uint8_t { kScrypt = 1, kRawKey = 2 };

// Exactly one of the two; the views must outlive the call.
struct BoxKey {
  std::string_view passphrase;
  std::string_view raw_key;  // 32 bytes

  static BoxKey Passphrase(std::string_view p) { return {p, {}}; }
  static BoxKey RawKey(std::string_view k) { return {{}, k}; }
};

struct BoxHeader {
  BoxKdf kdf = BoxKdf::kScrypt;
  uint8_t log2_n = 0;
  uint32_t r = 0;
  uint32_t p = 0;
};

// Seals `secret`. `magic` must be 8 bytes; `scrypt_log2_n` (1..22) is used
// with a passphrase only. InvalidArgument for a bad key or parameters.
Result<std::string> SealBox(std::string_view secret, const BoxKey& key, std::string_view magic,
                            uint8_t scrypt_log2_n = kDefaultScryptLog2N);

// Parses the header without opening the box. DataLoss when `box` is too
// short, has another magic, names an unknown KDF or unusable scrypt costs
// (a box is outside input: costs over 1 GiB of memory are refused);
// FailedPrecondition for a version this build does not read.
Result<BoxHeader> ReadBoxHeader(std::string_view box, std::string_view magic);

// The secret. The errors of ReadBoxHeader; FailedPrecondition when `key` is
// of the other kind than the box's ("sealed with a passphrase, not a key");
// Unauthenticated "wrong passphrase" / "wrong key" when the tag does not
// verify (which is also what altered bytes look like).
Result<std::string> OpenBox(std::string_view box, const BoxKey& key, std::string_view magic);

}  // namespace kollega::crypto
