// StorageStatus: how an embedded store's own status (RocksDB's) becomes a
// Kollega Status. The relay's stores and the client store both map through
// this one function, so a full disk is StorageFull and a torn file DataLoss
// wherever they happen.
//
// It is a template over the store's status type (anything with RocksDB's
// IsNoSpace()/IsCorruption()/... predicates) so that base/ itself does not
// depend on RocksDB. Messages name the store and what it was doing, never a
// key or a value.
//
// Thread-safety: a pure function.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega {

// `store` names the store ("storage", "client store"); `what` is the
// operation ("reading", "writing"; may be empty).
template <typename StoreStatus>
Status StorageStatus(const StoreStatus& s, std::string_view store, std::string_view what = {}) {
  if (s.ok()) return Status::Ok();
  std::string context(store);
  if (!what.empty()) context.append(" while ").append(what);
  if (s.IsNoSpace()) return StorageFull(context + ": disk full");
  if (s.IsNotFound()) return NotFound(context + ": not found");
  if (s.IsCorruption()) return DataLoss(context + ": corrupt data");
  if (s.IsIOError() || s.IsBusy() || s.IsTryAgain() || s.IsTimedOut() || s.IsAborted()) {
    return Unavailable(context + ": I/O error");
  }
  return Internal(context + ": unexpected error");
}

}  // namespace kollega
