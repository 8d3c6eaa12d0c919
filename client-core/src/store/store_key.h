// The key file next to an encrypted client store: the store's random 256-bit
// data key, wrapped (AES-256-GCM) by a key-encryption key that comes from the
// user's passphrase (scrypt) or from a key the app holds. The data key never
// reaches the disk unwrapped. docs/storage-encryption.md explains the choice
// of parameters. The file is a crypto/passphrase_box.h box with the magic
// "KLGSTKEY" and a 32-byte secret:
//
// File format (95 bytes, integers big-endian):
//   header := magic "KLGSTKEY" (8) || version u8 (1) || kdf u8
//             || log2_n u8 || r u32 || p u32 || salt (16)
//   file   := header || nonce (12) || wrapped data key (32) || tag (16)
// kdf 1 = scrypt(passphrase, salt, N = 2^log2_n, r, p) gives the KEK;
// kdf 2 = the app's 32-byte key is the KEK (cost fields zero). The whole
// header is the GCM associated data, so a changed parameter or salt fails
// like a wrong passphrase does.
//
// Thread-safety: free functions, no shared state.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/base/status.h"
#include "kollega/client-core/client.h"
#include "kollega/crypto/passphrase_box.h"

namespace kollega::client::store_internal {

using StoreKeySource = Client::Options::StoreKey;

inline constexpr uint8_t kDefaultScryptLog2N = crypto::kDefaultScryptLog2N;  // 128 MiB, r = 8

// True when `source` holds a passphrase or a key.
bool HasKeySource(const StoreKeySource& source);

// Draws a new data key, wraps it under `source` and writes the key file at
// `key_path` (mode 0600, synced, replaced atomically). Returns the data key;
// the caller wipes it.
Result<std::string> CreateKeyFile(const std::string& key_path, const StoreKeySource& source);

// Reads the key file and unwraps the data key. Unauthenticated "wrong
// passphrase" / "wrong key" when the tag does not verify; FailedPrecondition
// when the source is of the other kind than the file's; DataLoss for a file
// that is not a key file of this version.
Result<std::string> UnwrapDataKey(const std::string& key_path, const StoreKeySource& source);

}  // namespace kollega::client::store_internal
