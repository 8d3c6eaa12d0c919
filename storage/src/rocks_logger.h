// RocksDB's own diagnostics, sent to the relay's log instead of the LOG
// file that RocksDB keeps in the data directory by default. That file sits
// on the disk the store fills: once a write to it failed, RocksDB 7.8's
// next line to it aborted the relay (an assertion in WritableFileWriter
// that Debian's build keeps; docs/storage.md, "Disk full"). Warnings and
// errors are forwarded, shortened; informational lines are dropped.
//
// Thread-safety: RocksDB calls it from any of its threads; log::Write is
// thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <rocksdb/env.h>

#include <memory>

namespace kollega::storage {

std::shared_ptr<rocksdb::Logger> MakeRelayRocksLogger();

}  // namespace kollega::storage
