// The RocksDB Env that encrypts every file of the client store: keys,
// values, WAL, SST, MANIFEST, OPTIONS and the info log all pass through it.
// docs/storage-encryption.md has the file layout and what it protects.
//
// Each file starts with a 4096-byte prefix, written in the clear when the
// file is created:
//   magic "KLGENC01" (8 bytes) || iv (16 random bytes) || zeros
// and every byte after it is AES-256-CTR under the store's data key, the
// counter block being iv + (offset / 16) as a 128-bit big-endian number.
// A fresh random iv per file keeps counter blocks from repeating across files
// (RocksDB only appends, and never reuses a file name, so none repeat
// within one). CTR has no MAC: integrity rests on RocksDB's block checksums,
// which catch accidents, not an attacker who can write the files.
//
// Ownership: the returned Env holds a copy of the data key (wiped when the
// provider goes) and must outlive every DB opened on it.
// Thread-safety: as RocksDB requires of an Env; the cipher streams keep no
// state between calls, so concurrent reads of one file are safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/env.h>

#include <memory>
#include <string>

#include "kollega/base/status.h"

namespace kollega::client::store_internal {

inline constexpr size_t kDataKeySize = 32;

// A default Env whose files are encrypted under `data_key` (32 bytes). The
// caller's copy of the key is its own to wipe.
Result<std::unique_ptr<rocksdb::Env>> NewEncryptedStoreEnv(const std::string& data_key);

// RocksDB's info log does not go through the Env's encrypted files (it is
// opened by the base Env), so the store keeps none: this logger drops it.
std::shared_ptr<rocksdb::Logger> NewSilentLogger();

}  // namespace kollega::client::store_internal
