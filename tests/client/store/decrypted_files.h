// What is really in a client store's files: each file decrypted through
// the store's Env, deleted records included, for tests that check that
// something left the files rather than only the API (docs/storage-encryption.md §6).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/env.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/encrypted_env.h"
#include "store/store_key.h"
#include "test_store_key.h"

namespace kollega::testing {

// Every file of the store as RocksDB wrote it, decrypted through its Env:
// what is still in the WAL and SST files, deleted or not. The MANIFEST
// records the smallest and largest key of each table file (keys only).
inline std::string DecryptedFiles(const std::string& dir, bool with_manifest = true) {
  auto data_key = client::store_internal::UnwrapDataKey(dir + ".key", TestStoreKey()).value();
  auto env = client::store_internal::NewEncryptedStoreEnv(data_key).value();
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!with_manifest && entry.path().filename().string().rfind("MANIFEST", 0) == 0) continue;
    std::unique_ptr<rocksdb::SequentialFile> file;
    if (!env->NewSequentialFile(entry.path().string(), &file, rocksdb::EnvOptions()).ok()) {
      continue;  // empty (LOCK) or not written through the Env
    }
    std::string scratch(1 << 16, '\0');
    rocksdb::Slice chunk;
    while (file->Read(scratch.size(), &chunk, scratch.data()).ok() && !chunk.empty()) {
      all.append(chunk.data(), chunk.size());
    }
  }
  return all;
}

}  // namespace kollega::testing
