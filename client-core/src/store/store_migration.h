// The client store's directory on disk: private permissions, and the one-time
// move from an unencrypted store (made by a version before encryption at
// rest) to an encrypted one. docs/storage-encryption.md, "Migration".
//
// Layout next to each other in the data directory:
//   store/            the RocksDB directory (encrypted, encrypted_env.h)
//   store.key         the wrapped data key (store_key.h)
//   store.encrypted/  only during a migration: the encrypted copy
//   store.key.new     only during a migration: its key file, until committed
// Renaming store.key.new to store.key is the commit point: before it, an
// interrupted migration is thrown away and redone; after it, the swap of
// directories is finished on the next open.
//
// Thread-safety: free functions; the caller holds the data directory (one
// process opens it, RocksDB's LOCK makes sure of that once open).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/base/status.h"
#include "store_key.h"

namespace kollega::client::store_internal {

// Creates `dir` with mode 0700 if missing; an existing one that group or
// others can reach is tightened to 0700 (its contents are no one else's).
Status MakePrivateDir(const std::string& dir);

// Finishes or discards a migration a crash interrupted (see above).
Status RecoverInterruptedMigration(const std::string& store_dir);

// True when `store_dir` holds a RocksDB store and there is no key file: a
// store from before encryption.
bool IsUnencryptedStore(const std::string& store_dir);

// Copies every key and value of the unencrypted store into a new encrypted
// one under a new data key wrapped by `source`, syncs it, swaps it in and
// removes the old files. Returns the data key (the caller wipes it).
Result<std::string> MigrateToEncrypted(const std::string& store_dir, const StoreKeySource& source);

}  // namespace kollega::client::store_internal
