// The byte budget per account (docs/abuse-limits.md, "Byte budget per
// account"): what one account may keep on the relay besides its
// mailboxes — its devices, their identity and signed prekeys, their
// one-time prekeys, its signed device list (device names ride in it,
// sealed) and its link token — at most --account-byte-budget counted
// bytes.
//
// Counted from the store's own records at the moment of a write, not kept
// in memory: nothing to rebuild after a restart, nothing to keep in step
// with prekeys handed out, devices unlinked or swept, tokens redeemed or
// expired. The reads cost about a millisecond for an account at its
// budget, and run on the StoreWorker, which also makes "count, then
// write" one step (it is the only thread that grows an account).
//
// Thread-safety: free functions; they block on the store, so call them on
// the StoreWorker only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>

#include "kollega/base/status.h"
#include "kollega/storage/relay_store.h"
#include "store_worker.h"

namespace kollega::server {

struct ServerContext;

// Counted bytes: about what each record takes in RocksDB, key and value
// (storage/src/codec.cpp).
inline constexpr uint64_t kAccountRecordBytes = 32;
inline constexpr uint64_t kDeviceBytes = 128;        // device, last-seen, pending records
inline constexpr uint64_t kSignedPrekeyBytes = 168;  // identity key + signed prekey
inline constexpr uint64_t kOneTimePrekeyBytes = 58;
inline constexpr uint64_t kListEntryBytes = 40;  // a parsed entry kept beside the blob
// Room for one link token is always set aside (one per account, its blob
// at most 4 KiB), so a new token needs no count.
inline constexpr uint64_t kLinkTokenBytes = 4096 + 64;

struct AccountBytes {
  uint64_t devices = 0;  // records, identity and signed prekeys
  uint64_t one_time = 0;
  uint64_t list = 0;
  uint64_t Total() const {
    return kAccountRecordBytes + kLinkTokenBytes + devices + one_time + list;
  }
};

// What `list` counts as.
uint64_t ListBytes(const storage::DeviceList& list);

// The account's counted bytes now. NotFound if there is no such account.
Result<AccountBytes> CountAccountBytes(storage::RelayStore& store,
                                       const storage::AccountId& account);

// Nullopt when the account, after a write that frees `freed` counted bytes
// and adds `added`, stays within --account-byte-budget (always, with the
// budget off, or when the account cannot be counted: the write then finds
// its own error). Otherwise the refusal, ACCOUNT_QUOTA_EXCEEDED.
std::optional<StoreAnswer> OverBudget(ServerContext& ctx, const storage::AccountId& account,
                                      uint64_t added, uint64_t freed = 0);

}  // namespace kollega::server
