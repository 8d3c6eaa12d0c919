// Hooks for tests only (tests/storage adds storage/src to its include path):
// open the store over a fault-injecting rocksdb::Env, and force the
// compactions that production leaves to RocksDB's schedule.
//
// Thread-safety: as RelayStore.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/env.h>

#include <memory>

#include "kollega/storage/relay_store.h"

namespace kollega::storage::testing {

// OpenRocksRelayStore with `env` (null = the default Env).
Result<std::unique_ptr<RelayStore>> OpenWithEnv(const RocksRelayStoreOptions& options,
                                                rocksdb::Env* env);

// Flushes the memtables and compacts every column family, so the compaction
// filters run. `store` must come from OpenRocksRelayStore / OpenWithEnv.
Status CompactAll(RelayStore* store);

}  // namespace kollega::storage::testing
