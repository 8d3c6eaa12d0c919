// RocksClientStore: ClientStore (client_store.h) over ClientDb. The methods
// are split by responsibility:
//   client_store_signal.cpp   — SignalStore and the local identity
//   client_store_history.cpp  — history, conversations, identity changes
//   client_store_outbound.cpp — outbound queue, account, opening
// Record formats live in client_store_format.*, transactions in client_store_db.*.
//
// Ownership: owns its ClientDb; closing (destroying) the store with a
// transaction open discards that transaction.
// Thread-safety: none; one thread at a time (see client_store.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "client_store_db.h"
#include "store/client_store.h"

namespace kollega::client::store_internal {

class RocksClientStore final : public ClientStore {
 public:
  explicit RocksClientStore(std::unique_ptr<ClientDb> db) : db_(std::move(db)) {}

  // --- crypto::SignalStore ---
  Status BeginTransaction() override { return db_->BeginInner(); }
  Status Commit() override { return db_->CommitInner(); }
  void Rollback() override { db_->RollbackInner(); }

  Result<crypto::IdentityKeyPair> LoadLocalIdentity() override;
  Result<uint32_t> LocalRegistrationId() override;

  Result<std::optional<std::string>> LoadSession(const crypto::SignalAddress& address) override;
  Status StoreSession(const crypto::SignalAddress& address, std::string_view record) override;
  Result<bool> ContainsSession(const crypto::SignalAddress& address) override;
  Status DeleteSession(const crypto::SignalAddress& address) override;
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

  Result<std::optional<std::string>> LoadIdentity(const crypto::SignalAddress& address) override;
  Status SaveIdentity(const crypto::SignalAddress& address,
                      std::optional<std::string_view> identity_key) override;

  Result<std::optional<std::string>> LoadSenderKey(const crypto::SenderKeyName& name) override;
  Status StoreSenderKey(const crypto::SenderKeyName& name, std::string_view record) override;

  // --- ClientStore ---
  Status BeginOuter() override { return db_->BeginOuter(); }
  Status CommitOuter() override { return db_->CommitOuter(); }
  void RollbackOuter() override { db_->RollbackOuter(); }

  Result<std::optional<LocalAccount>> LoadAccount() override;
  Status SaveAccount(const LocalAccount& account) override;
  Status SaveLocalIdentity(const crypto::IdentityKeyPair& identity,
                           uint32_t registration_id) override;

  Status AddMessage(const StoredMessage& message) override;
  Result<bool> HasMessage(const std::string& peer_account, const std::string& message_id) override;
  Result<std::optional<StoredMessage>> GetMessage(const std::string& peer_account,
                                                  const std::string& message_id) override;
  Status SetMessageStatus(const std::string& peer_account, const std::string& message_id,
                          MessageStatus status) override;
  Result<std::vector<StoredMessage>> ListMessages(const std::string& peer_account,
                                                  size_t limit) override;
  Result<std::vector<StoredMessage>> ListMessagesFrom(const std::string& peer_account,
                                                      const std::string& anchor_id, bool older,
                                                      size_t limit) override;
  Result<std::vector<ConversationSummary>> ListConversations() override;

  Status FlagIdentityChange(const std::string& peer_account, int32_t device_id,
                            const std::string& new_identity_key) override;
  Result<std::vector<std::pair<std::string, int32_t>>> PendingIdentityChanges() override;
  Status ClearIdentityChange(const std::string& peer_account, int32_t device_id) override;

  Result<uint64_t> EnqueueOutbound(const std::string& recipient_account,
                                   const std::string& content) override;
  Result<std::vector<OutboundItem>> PendingOutbound(size_t limit) override;
  Status MarkOutboundAttempt(uint64_t seq) override;
  Status RemoveOutbound(uint64_t seq) override;

  Result<std::optional<std::string>> GetRecord(std::string_view component,
                                               std::string_view key) override;
  Status PutRecord(std::string_view component, std::string_view key,
                   std::string_view value) override;
  Status DeleteRecord(std::string_view component, std::string_view key, bool erase) override;
  Status ScanRecords(std::string_view component, std::string_view prefix, bool newest_first,
                     const RecordVisitor& visit) override;
  Status Atomically(const std::function<Status()>& body) override { return db_->Mutate(body); }

  // Trust per account (client_store_signal.cpp).
  Result<std::optional<std::string>> LoadPinnedIdentity(std::string_view account) override;
  Status PinIdentity(std::string_view account, std::string_view identity_key) override;
  Result<std::optional<std::string>> FlaggedIdentityKey(std::string_view account,
                                                        int32_t device_id) override;
  Result<std::optional<std::pair<uint64_t, std::string>>> LoadDeviceList(
      std::string_view account) override;
  Status SaveDeviceList(std::string_view account, uint64_t version,
                        std::string_view signed_list) override;
  Status MigrateIdentityPins() override;

 private:
  // Point operations shared by the Signal record kinds.
  Result<std::optional<std::string>> Load(const std::string& key);
  Status Store(const std::string& key, std::string_view record);
  Result<bool> Contains(const std::string& key);
  Status Remove(const std::string& key);
  // Issues the next value of a store-wide sequence ('h' or 'o'); call inside
  // Mutate() so the counter moves with the record that uses it.
  Result<uint64_t> NextSeq(char kind);

  std::unique_ptr<ClientDb> db_;
};

}  // namespace kollega::client::store_internal
