// SignalStore: the persistent state libsignal-protocol-c needs, as a plain
// C++ interface — sessions, one-time prekeys, signed prekeys, remote
// identities and the local identity, and (for later group work) sender keys.
//
// The client's RocksDB store (storage/) implements it; MemorySignalStore
// (memory_signal_store.h) is the in-memory version for tests and benches.
// Records are opaque bytes produced by the library; an implementation stores
// and returns them unchanged. Several hold secrets: wipe them when deleted.
//
// Atomicity: the library has no transactions, and one decrypt touches several
// stores (session, prekey removal, identity). SignalSessions therefore calls
// BeginTransaction() before each top-level call, then Commit() when it
// succeeded or Rollback() when it failed. Reads in between must see the
// writes made since BeginTransaction(); a RocksDB implementation collects
// them in a WriteBatch (with a read-your-writes overlay) and writes it once
// on Commit(). Calls are never nested. Writes outside a transaction (from
// setup code such as storing freshly generated prekeys) apply at once.
//
// Trust policy is NOT the store's business: it only remembers the identity
// key last accepted for an address; SignalSessions decides trust.
//
// Thread-safety: called from the thread that uses the owning SignalContext.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/base/status.h"
#include "kollega/crypto/signal_keys.h"

namespace kollega::crypto {

// One device of one account. `name` is the account id (any bytes).
struct SignalAddress {
  std::string name;
  int32_t device_id = 1;
  auto operator<=>(const SignalAddress&) const = default;
};

// A sender-key chain: one sender device within one group.
struct SenderKeyName {
  std::string group_id;
  SignalAddress sender;
  auto operator<=>(const SenderKeyName&) const = default;
};

class SignalStore {
 public:
  virtual ~SignalStore() = default;

  // --- Transactions (see above) ---
  virtual Status BeginTransaction() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;

  // --- Local identity, fixed at install time ---
  virtual Result<IdentityKeyPair> LoadLocalIdentity() = 0;
  virtual Result<uint32_t> LocalRegistrationId() = 0;

  // --- Sessions, one record per remote device ---
  virtual Result<std::optional<std::string>> LoadSession(const SignalAddress& address) = 0;
  virtual Status StoreSession(const SignalAddress& address, std::string_view record) = 0;
  virtual Result<bool> ContainsSession(const SignalAddress& address) = 0;
  virtual Status DeleteSession(const SignalAddress& address) = 0;
  // Returns how many were deleted.
  virtual Result<int> DeleteAllSessions(std::string_view name) = 0;
  // Device ids of `name` that have a session.
  virtual Result<std::vector<int32_t>> SessionDevices(std::string_view name) = 0;

  // --- One-time prekeys (removed by the library once used) ---
  virtual Result<std::optional<std::string>> LoadPreKey(uint32_t id) = 0;
  virtual Status StorePreKey(uint32_t id, std::string_view record) = 0;
  virtual Result<bool> ContainsPreKey(uint32_t id) = 0;
  virtual Status RemovePreKey(uint32_t id) = 0;

  // --- Signed prekeys ---
  virtual Result<std::optional<std::string>> LoadSignedPreKey(uint32_t id) = 0;
  virtual Status StoreSignedPreKey(uint32_t id, std::string_view record) = 0;
  virtual Result<bool> ContainsSignedPreKey(uint32_t id) = 0;
  virtual Status RemoveSignedPreKey(uint32_t id) = 0;

  // --- Remote identities: the key last accepted for an address ---
  virtual Result<std::optional<std::string>> LoadIdentity(const SignalAddress& address) = 0;
  // nullopt forgets the key (some library versions ask for this after a
  // failed PreKey decrypt).
  virtual Status SaveIdentity(const SignalAddress& address,
                              std::optional<std::string_view> identity_key) = 0;

  // --- Sender keys (group messaging; unused until groups are built) ---
  virtual Result<std::optional<std::string>> LoadSenderKey(const SenderKeyName& name) = 0;
  virtual Status StoreSenderKey(const SenderKeyName& name, std::string_view record) = 0;
};

}  // namespace kollega::crypto
