// Client: the facade every Kollega app links. It owns one device's local
// store, its Signal sessions and its connection to the relay, and does all
// cryptography and protocol work, so an app only shows messages and events.
// client-core/README.md has the life of a message through it.
//
// Identifiers cross this API as lowercase hex: account ids (16 bytes → 32
// hex digits) and message ids (16 bytes → 32 hex digits).
//
// Ownership: Client owns a worker thread, the store (a RocksDB directory,
// locked while open) and at most one relay connection. Destroying it closes
// the connection and the store; queued outbound messages stay queued on disk.
//
// Thread-safety: every method may be called from any thread. Each runs on
// the worker thread (which alone touches libsignal and the store) and the
// caller waits for it; network calls inside are bounded by
// Options::request_timeout. Events are delivered on the worker thread to the
// callback, or queued for NextEvent()/PollEvents() when no callback is set.
// A callback may call Client methods (they run inline) but should be quick:
// it holds up receiving.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kollega/base/status.h"

namespace kollega::client {

enum class MessageStatus { kQueued, kSent, kDelivered, kRead, kReceived };
std::string_view MessageStatusName(MessageStatus status);

enum class ConnectionState { kOffline, kConnecting, kOnline };

struct Message {
  std::string id;    // hex
  std::string peer;  // hex; for one's own sync copies, the recipient
  bool outgoing = false;
  uint32_t peer_device = 0;  // the sending device of an incoming message
  int64_t sent_ms = 0;       // sender's clock
  int64_t stored_ms = 0;     // this device's clock
  std::string text;
  MessageStatus status = MessageStatus::kQueued;
};

struct Conversation {
  std::string peer;  // hex
  uint64_t message_count = 0;
  int64_t last_ms = 0;
};

struct Event {
  enum class Kind {
    kMessageReceived,    // `message` (incoming, or a sync copy of one's own)
    kStatusChanged,      // `peer`, `message_id`, `status`
    kIdentityChanged,    // `peer`, `device`: compare safety numbers, then accept
    kConnectionChanged,  // `connection`
    kDecryptionFailed,   // `peer`, `device`: a message was unreadable and dropped
    kSendFailed,         // `peer`, `message_id`, `detail`: given up for good
  };
  Kind kind = Kind::kMessageReceived;
  std::string peer;
  uint32_t device = 0;
  std::string message_id;
  MessageStatus status = MessageStatus::kQueued;
  ConnectionState connection = ConnectionState::kOffline;
  std::optional<Message> message;
  std::string detail;  // human-readable; never content or keys
};

struct WhoAmIInfo {
  std::string account_id;  // hex
  uint32_t device_id = 0;
  std::string relay_url;
};

struct IdentityChange {
  std::string peer;  // hex
  uint32_t device = 0;
};

class Client {
 public:
  struct Options {
    std::chrono::milliseconds request_timeout{10000};
    // Reconnect backoff in listen mode: doubles from min to max, each delay
    // drawn uniformly from [d/2, d] so that many clients don't reconnect in step.
    std::chrono::milliseconds reconnect_min{250};
    std::chrono::milliseconds reconnect_max{30000};
    uint32_t prekey_batch = 100;      // one-time prekeys per upload
    uint32_t prekey_low_water = 20;   // top up below this many on the relay
    uint32_t max_send_attempts = 20;  // then the message is dropped (kSendFailed)
    // A new signed prekey replaces the current one once it is this old (checked
    // at each connect); the one it replaces is kept for
    // `signed_prekey_grace` after that, so that messages already encrypted
    // to it still open, and then deleted (forward secrecy for first messages).
    std::chrono::milliseconds signed_prekey_max_age{std::chrono::hours(24 * 7)};
    std::chrono::milliseconds signed_prekey_grace{std::chrono::hours(24 * 30)};
    // For wss:// relays: a PEM file of the certificate authorities to trust
    // (e.g. a programme's own CA); empty = the system's trust store.
    std::string tls_ca_file;
    // Tests only: false stores received messages but never acknowledges
    // them, as a device that crashes between the two would.
    bool acknowledge = true;
  };

  static Result<std::unique_ptr<Client>> Open(const std::string& data_dir);
  static Result<std::unique_ptr<Client>> Open(const std::string& data_dir, Options options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // --- Setting up this device (once per data dir) ---
  // A new anonymous account on `relay_url` (ws:// or wss://host:port): proof of work,
  // keys generated here, prekeys uploaded. Leaves the client online.
  Status CreateAccount(const std::string& relay_url);
  // On an existing device: a one-time code (base64url, ~110 characters) to
  // show to the new device. It carries the key that opens the account's
  // secrets; whoever holds it within the token's lifetime can join.
  Result<std::string> StartLinking();
  // On a new device: joins the account the code belongs to. Leaves it online.
  Status LinkDevice(const std::string& relay_url, const std::string& code);
  bool HasAccount();
  Result<WhoAmIInfo> WhoAmI();

  // --- Connection ---
  // Connects, authenticates, tops up prekeys, receives what was queued
  // (waiting up to request_timeout for the relay's "queue empty") and sends
  // the outbound queue. One attempt; no reconnect.
  Status Connect();
  // Like Connect(), then stays connected: reconnects with backoff whenever
  // the connection drops, and sends the outbound queue after each reconnect.
  // Returns the first attempt's status; retries continue either way.
  Status StartListening();
  void Disconnect();
  ConnectionState connection_state();

  // --- Messages ---
  // Stores and queues the message (so it survives a crash or being offline),
  // then sends it if connected. Returns its id (hex). Copies go to this
  // account's other devices.
  Result<std::string> Send(const std::string& peer, const std::string& text);
  // Retries the outbound queue now (no-op when offline).
  Status FlushOutbound();
  // Marks the peer's received messages read and sends read receipts.
  Status MarkRead(const std::string& peer);
  Result<std::vector<Message>> History(const std::string& peer, size_t limit = 100);
  Result<std::vector<Conversation>> Conversations();

  // --- Identity ---
  // The 60-digit number both sides compare out of band.
  Result<std::string> SafetyNumber(const std::string& peer);
  Result<std::vector<IdentityChange>> PendingIdentityChanges();
  // The user's decision to trust the peer's new identity key. Messages held
  // back because of it are received on the next connection.
  Status AcceptIdentityChange(const std::string& peer);

  // --- Events ---
  // Replaces the callback; nullptr switches back to the queue.
  void SetEventCallback(std::function<void(const Event&)> callback);
  // Queue mode: waits up to `timeout` for the next event.
  std::optional<Event> NextEvent(std::chrono::milliseconds timeout);
  std::vector<Event> PollEvents();

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kollega::client
