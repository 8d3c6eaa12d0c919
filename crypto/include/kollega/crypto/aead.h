// AES-256-GCM, the one authenticated cipher Kollega's own formats use
// (linking blobs, sealed device names, the client store's key file;
// docs/protocol-recipes.md and docs/storage-encryption.md give each
// format's nonce and associated data). libsignal does its own encryption.
//
// Stateless functions. Thread-safety: safe from any thread. The caller
// owns and wipes keys and plaintexts; nothing here keeps a copy.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega::crypto {

inline constexpr size_t kAeadKeySize = 32;
inline constexpr size_t kAeadNonceSize = 12;
inline constexpr size_t kAeadTagSize = 16;

// ciphertext || 16-byte tag. `nonce` must never repeat under one key.
// InvalidArgument on a wrong key or nonce size.
Result<std::string> AeadSeal(std::string_view key, std::string_view nonce, std::string_view aad,
                             std::string_view plaintext);

// The plaintext of `sealed` (ciphertext || tag). Unauthenticated when the
// tag does not match: a wrong key, another `aad`, or altered bytes.
Result<std::string> AeadOpen(std::string_view key, std::string_view nonce, std::string_view aad,
                             std::string_view sealed);

}  // namespace kollega::crypto
