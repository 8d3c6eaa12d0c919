// MemorySignalStore: SignalStore kept in process memory, for tests, benches
// and tools. Transactions are real: writes made after BeginTransaction() are
// undone by Rollback(), so tests observe the same atomicity the RocksDB store
// must provide.
//
// Ownership: owns copies of every record; secrets are wiped when a record is
// overwritten, removed, committed out of the undo log, or destroyed.
// Thread-safety: none; one thread, like the SignalContext that uses it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "kollega/crypto/signal_store.h"

namespace kollega::crypto {

class MemorySignalStore final : public SignalStore {
 public:
  MemorySignalStore(IdentityKeyPair identity, uint32_t registration_id);
  ~MemorySignalStore() override;
  MemorySignalStore(const MemorySignalStore&) = delete;
  MemorySignalStore& operator=(const MemorySignalStore&) = delete;

  Status BeginTransaction() override;
  Status Commit() override;
  void Rollback() override;

  Result<IdentityKeyPair> LoadLocalIdentity() override;
  Result<uint32_t> LocalRegistrationId() override;

  Result<std::optional<std::string>> LoadSession(const SignalAddress& address) override;
  Status StoreSession(const SignalAddress& address, std::string_view record) override;
  Result<bool> ContainsSession(const SignalAddress& address) override;
  Status DeleteSession(const SignalAddress& address) override;
  Result<int> DeleteAllSessions(std::string_view name) override;
  Result<std::vector<int32_t>> SessionDevices(std::string_view name) override;

  Result<std::optional<std::string>> LoadPreKey(uint32_t id) override;
  Status StorePreKey(uint32_t id, std::string_view record) override;
  Result<bool> ContainsPreKey(uint32_t id) override;
  Status RemovePreKey(uint32_t id) override;

  Result<std::optional<std::string>> LoadSignedPreKey(uint32_t id) override;
  Status StoreSignedPreKey(uint32_t id, std::string_view record) override;
  Result<bool> ContainsSignedPreKey(uint32_t id) override;
  Status RemoveSignedPreKey(uint32_t id) override;

  Result<std::optional<std::string>> LoadIdentity(const SignalAddress& address) override;
  Status SaveIdentity(const SignalAddress& address,
                      std::optional<std::string_view> identity_key) override;

  Result<std::optional<std::string>> LoadSenderKey(const SenderKeyName& name) override;
  Status StoreSenderKey(const SenderKeyName& name, std::string_view record) override;

  // For tests: counts of committed transactions and rollbacks.
  int commits() const { return commits_; }
  int rollbacks() const { return rollbacks_; }

 private:
  struct Tables;
  std::unique_ptr<Tables> tables_;
  IdentityKeyPair identity_;
  uint32_t registration_id_;
  bool in_transaction_ = false;
  int commits_ = 0;
  int rollbacks_ = 0;
};

}  // namespace kollega::crypto
