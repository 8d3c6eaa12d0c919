// ClientStore: everything a Kollega client keeps on its device — its account
// and device secrets, the libsignal stores (it implements crypto::SignalStore),
// conversation history, the ids of messages already seen, identity changes
// waiting for the user, and the outbound queue. The embedded implementation
// is RocksDB (OpenRocksClientStore); it survives restarts and crashes.
//
// Secrets (device auth seed, identity private key, session records, prekey
// records) live only here, never on the relay. Deleted secret values are
// overwritten in memory before release; on disk RocksDB compaction removes
// them (see storage/README.md for the limits of that).
//
// Atomic receive: decrypting advances the ratchet, so "decrypted" and
// "stored in history" must commit together or not at all — otherwise a crash
// between them loses the message for good (the relay's redelivery would only
// decrypt as a duplicate). BeginOuter() opens a transaction that the
// SignalStore Begin/Commit/Rollback calls made by crypto::SignalSessions
// join: their Commit() is then a no-op, their Rollback() marks the outer
// transaction failed. CommitOuter() writes everything in one synced batch.
// ClientStore writes made while it is open (AddMessage, EnqueueOutbound, ...)
// join it too. Outside any transaction every write is synced before the call
// returns, and each call's keys land together.
//
// Thread-safety: one thread at a time (the client's worker thread), like the
// SignalContext it serves.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/base/status.h"
#include "kollega/client-core/client.h"
#include "kollega/client-core/types.h"
#include "kollega/crypto/signal_store.h"

namespace kollega::client {

// This device's identity with the relay. Written at `init` / link time.
struct LocalAccount {
  std::string relay_url;
  std::string account_id;  // 16 bytes
  uint32_t device_id = 0;
  std::string device_auth_seed;  // Ed25519 seed, secret
  uint32_t registration_id = 0;
  uint32_t next_prekey_id = 1;    // where the next one-time prekey batch starts
  uint32_t signed_prekey_id = 0;  // the current signed prekey
  std::string account_secret;     // shared by the account's devices, secret
};

struct StoredMessage {
  std::string message_id;    // 16 bytes, from Content.message_id
  std::string peer_account;  // the other party (for sync copies: the recipient)
  bool outgoing = false;
  uint32_t peer_device = 0;  // sending device for incoming; 0 for outgoing
  int64_t sent_ms = 0;       // sender's clock
  int64_t stored_ms = 0;     // local clock when stored
  std::string text;
  MessageStatus status = MessageStatus::kQueued;
};

struct ConversationSummary {
  std::string peer_account;
  uint64_t message_count = 0;
  int64_t last_ms = 0;
};

// A message waiting to be encrypted and sent: kept as serialized Content so
// that encryption happens against the recipient's current device list when
// it is finally sent.
struct OutboundItem {
  uint64_t seq = 0;  // assigned by the store; send in this order
  std::string recipient_account;
  std::string content;  // serialized kollega.content.Content
  uint32_t attempts = 0;
};

class ClientStore : public crypto::SignalStore {
 public:
  // --- Outer transaction for atomic receive (see above) ---
  // BeginOuter fails (FailedPrecondition) while an outer or a SignalStore
  // transaction is open. CommitOuter ends the transaction whatever it
  // returns; after an inner Rollback() it returns FailedPrecondition and
  // writes nothing. Destroying the store with it open is a rollback.
  virtual Status BeginOuter() = 0;
  virtual Status CommitOuter() = 0;
  virtual void RollbackOuter() = 0;

  // --- This device ---
  virtual Result<std::optional<LocalAccount>> LoadAccount() = 0;
  virtual Status SaveAccount(const LocalAccount& account) = 0;
  // Set once at install (or link) time; SignalStore reads them back.
  // Until then LoadLocalIdentity/LocalRegistrationId return FailedPrecondition.
  virtual Status SaveLocalIdentity(const crypto::IdentityKeyPair& identity,
                                   uint32_t registration_id) = 0;

  // --- History and de-duplication ---
  // AlreadyExists when a message with this id is already stored for the peer
  // (inside an outer transaction this does not poison it); InvalidArgument
  // for an empty id. Also updates the peer's ConversationSummary.
  virtual Status AddMessage(const StoredMessage& message) = 0;
  virtual Result<bool> HasMessage(const std::string& peer_account,
                                  const std::string& message_id) = 0;
  // A point lookup, however old the message; nullopt when not stored.
  virtual Result<std::optional<StoredMessage>> GetMessage(const std::string& peer_account,
                                                          const std::string& message_id) = 0;
  // NotFound when no such message is stored for the peer.
  virtual Status SetMessageStatus(const std::string& peer_account, const std::string& message_id,
                                  MessageStatus status) = 0;
  // Oldest first; at most `limit` of the newest. Ordered by stored_ms, ties
  // in the order AddMessage was called.
  virtual Result<std::vector<StoredMessage>> ListMessages(const std::string& peer_account,
                                                          size_t limit) = 0;
  // Oldest first; at most `limit` of the messages stored just before
  // (`older`) or just after the message `anchor_id`, without it. A seek to
  // the anchor: the cost is the page, however deep in the history it is.
  // NotFound when the anchor is not stored for the peer.
  virtual Result<std::vector<StoredMessage>> ListMessagesFrom(const std::string& peer_account,
                                                              const std::string& anchor_id,
                                                              bool older, size_t limit) = 0;
  // Most recent first (last_ms = the newest stored_ms in the conversation).
  virtual Result<std::vector<ConversationSummary>> ListConversations() = 0;

  // --- Identity changes the user has not yet seen ---
  // Flagging again replaces the stored key; clearing an unflagged one is OK.
  virtual Status FlagIdentityChange(const std::string& peer_account, int32_t device_id,
                                    const std::string& new_identity_key) = 0;
  virtual Result<std::vector<std::pair<std::string, int32_t>>> PendingIdentityChanges() = 0;
  virtual Status ClearIdentityChange(const std::string& peer_account, int32_t device_id) = 0;

  // --- Outbound queue (survives restarts) ---
  // Seqs start at 1 and are never reused, even after removals and restarts.
  // PendingOutbound lists in seq order. MarkOutboundAttempt and
  // RemoveOutbound return NotFound for an unknown seq.
  virtual Result<uint64_t> EnqueueOutbound(const std::string& recipient_account,
                                           const std::string& content) = 0;
  virtual Result<std::vector<OutboundItem>> PendingOutbound(size_t limit) = 0;
  virtual Status MarkOutboundAttempt(uint64_t seq) = 0;
  virtual Status RemoveOutbound(uint64_t seq) = 0;

  // --- Components' own records (component.h's ComponentTable) ---
  // Stored apart per component name; writes join the open transaction.
  using RecordVisitor = std::function<bool(std::string_view key, std::string_view value)>;
  virtual Result<std::optional<std::string>> GetRecord(std::string_view component,
                                                       std::string_view key) = 0;
  virtual Status PutRecord(std::string_view component, std::string_view key,
                           std::string_view value) = 0;
  // `erase`: compacted out of the files when the write commits, not only
  // hidden (messages past their retention, docs/organisations.md §11).
  virtual Status DeleteRecord(std::string_view component, std::string_view key,
                              bool erase = false) = 0;
  virtual Status ScanRecords(std::string_view component, std::string_view prefix, bool newest_first,
                             const RecordVisitor& visit) = 0;

  // Runs `body` (whose store writes then land together) inside the open
  // transaction if there is one, else as one synced batch of its own.
  virtual Status Atomically(const std::function<Status()>& body) = 0;

  // --- Trust per account (docs/trust.md §1, §2) ---
  // SignalStore's LoadIdentity/SaveIdentity read and write the account's
  // pin whatever the device: one identity key per account. These name the
  // account directly.
  virtual Result<std::optional<std::string>> LoadPinnedIdentity(std::string_view account) = 0;
  virtual Status PinIdentity(std::string_view account, std::string_view identity_key) = 0;
  // The refused key recorded by FlagIdentityChange(account, device), if any.
  virtual Result<std::optional<std::string>> FlaggedIdentityKey(std::string_view account,
                                                                int32_t device_id) = 0;
  // The accepted signed device list of `account` (version, SignedDeviceList
  // bytes), nullopt when none was accepted yet. Saving an empty list
  // forgets it (after the user accepted a new identity for the account).
  virtual Result<std::optional<std::pair<uint64_t, std::string>>> LoadDeviceList(
      std::string_view account) = 0;
  virtual Status SaveDeviceList(std::string_view account, uint64_t version,
                                std::string_view signed_list) = 0;
  // Stores written before identities were pinned per account kept one key
  // per device: pins the first one of each account, flags an identity
  // change when another device's key differs, and drops the per-device
  // records. Idempotent; the kernel runs it at open.
  virtual Status MigrateIdentityPins() = 0;
};

// Opens (creating the directory and store if missing) the store at `path`,
// encrypted at rest under a data key that `key` unwraps; the key file is
// `path` + ".key" (docs/storage-encryption.md). Errors name the path and
// what is wrong with it (no key source, wrong passphrase, cannot create,
// locked by another process, corrupt, written by a newer format), never
// stored data. Corrupt records read later are DataLoss.
Result<std::unique_ptr<ClientStore>> OpenRocksClientStore(const std::string& path,
                                                          const Client::Options::StoreKey& key);

}  // namespace kollega::client
