// Core: the Client's state and logic, living entirely on the worker thread
// (see task_runner.h). The public Client only forwards calls here.
//
// Split by responsibility: core.cpp (open, queries, identity),
// core_account.cpp (account creation, linking, prekeys, authentication),
// core_connection.cpp (connect, reconnect, pushes), core_send.cpp (outbound
// queue and fan-out to devices), core_receive.cpp (decrypt, store, ack).
//
// Thread-safety: none; every method runs on the worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "content.pb.h"
#include "kollega/client-core/client.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_sessions.h"
#include "kollega/storage/client_store.h"
#include "relay.pb.h"
#include "task_runner.h"

namespace kollega::client {

class Core {
 public:
  struct Hooks {
    std::function<void(Event)> emit;
    // The relay said "queue empty" on connection `generation`.
    std::function<void(uint64_t generation)> drained;
  };

  Core(Client::Options options, TaskRunner& runner, Hooks hooks);
  ~Core();

  Status Open(const std::string& data_dir);
  void Shutdown();

  // core_account.cpp
  Status CreateAccount(const std::string& relay_url);
  Result<std::string> StartLinking();
  Status LinkDevice(const std::string& relay_url, const std::string& code);
  bool HasAccount() const { return account_.has_value(); }

  // core_connection.cpp. Connect returns the connection generation, whose
  // "queue empty" the caller may wait for.
  Result<uint64_t> Connect(bool keep_alive);
  void Disconnect();
  ConnectionState state() const { return state_; }

  // core_send.cpp
  Result<std::string> Send(const std::string& peer_hex, const std::string& text);
  Status FlushOutbound();
  Status MarkRead(const std::string& peer_hex);

  // core.cpp
  Result<WhoAmIInfo> WhoAmI();
  Result<std::vector<Message>> History(const std::string& peer_hex, size_t limit);
  Result<std::vector<Conversation>> Conversations();
  Result<std::string> SafetyNumber(const std::string& peer_hex);
  Result<std::vector<IdentityChange>> PendingIdentityChanges();
  Status AcceptIdentityChange(const std::string& peer_hex);

 private:
  // --- core.cpp ---
  Status StartSessions();
  void Emit(Event event);
  void EmitStatus(const std::string& peer, const std::string& message_id, MessageStatus status);
  Message ToMessage(const storage::StoredMessage& m) const;
  // Remembers the refused key (if the library reported one) and tells the app.
  void FlagIdentity(const crypto::SignalAddress& address);
  int64_t NowMs() const;

  // --- core_account.cpp ---
  Status OpenConnection(const std::string& relay_url);
  Result<wire::Challenge> FreshChallenge();
  Result<wire::Response> Call(wire::Request request);
  Status CallOk(wire::Request request, wire::Response* out = nullptr);
  Status Authenticate();
  Status UploadInitialKeys();
  // A fresh signed prekey, stored, made current and uploaded.
  Status UploadSignedPrekey();
  Status RotateSignedPrekeyIfDue();
  // Deletes signed prekeys older than `replaced` (the one just superseded)
  // once their successors are older than the grace period.
  void ForgetOldSignedPrekeys(uint32_t replaced);
  Status TopUpPrekeys(uint32_t remaining);
  Status CheckPrekeys();

  // --- core_connection.cpp ---
  void OnPush(uint64_t generation, const wire::Push& push);
  void OnClosed(uint64_t generation, const Status& status);
  void ScheduleReconnect();
  void SetState(ConnectionState state);
  void DropConnection();

  // --- core_send.cpp ---
  Status Enqueue(const std::string& recipient, const content::Content& content);
  // Encrypts `plaintext` for every device of `recipient` (other than this
  // one) and sends it, fixing the device list on STALE_DEVICES.
  Status DeliverTo(const std::string& recipient, const std::string& plaintext);
  Status FetchAndProcess(const std::string& recipient, uint32_t device_id,
                         std::vector<int32_t>* devices);
  Result<std::vector<int32_t>> TargetDevices(const std::string& recipient);
  Result<std::vector<uint32_t>> OwnOtherDevices();
  void AfterSent(const storage::OutboundItem& item);
  Status QueueReceipt(const std::string& peer, content::Receipt::Type type,
                      const std::vector<std::string>& message_ids);

  // --- core_receive.cpp ---
  void HandleDeliver(const wire::Deliver& deliver);
  // True when the delivery may be acknowledged.
  // `receipts` collects, per sender, the message ids to confirm delivery of.
  bool ReceiveOne(const wire::Delivery& delivery,
                  std::map<std::string, std::vector<std::string>>* receipts);
  Status ApplyContent(const wire::Envelope& envelope, const content::Content& content,
                      std::map<std::string, std::vector<std::string>>* receipts);
  Status ApplyReceipt(const std::string& peer, const content::Receipt& receipt);

  Client::Options options_;
  TaskRunner& runner_;
  Hooks hooks_;
  std::mt19937_64 jitter_rng_;

  std::unique_ptr<storage::ClientStore> store_;
  std::unique_ptr<crypto::SignalContext> context_;  // outlives sessions_
  std::unique_ptr<crypto::SignalSessions> sessions_;
  std::optional<storage::LocalAccount> account_;

  std::unique_ptr<RelayConnection> connection_;
  uint64_t generation_ = 0;  // bumps with each connection; stale events are ignored
  bool authenticated_ = false;
  bool keep_alive_ = false;
  int reconnect_attempt_ = 0;
  bool reconnect_scheduled_ = false;
  ConnectionState state_ = ConnectionState::kOffline;
  bool topping_up_ = false;

  // This account's other devices as last learned from the relay; nullopt when
  // unknown or possibly stale (after linking, a reconnect, a mismatch).
  std::optional<std::vector<uint32_t>> own_devices_;
  // Events of the delivery being received, emitted only once it is committed.
  std::vector<Event> staged_events_;
};

// Hex helpers for the public API's identifiers.
Result<std::string> AccountFromHex(const std::string& hex);

}  // namespace kollega::client
