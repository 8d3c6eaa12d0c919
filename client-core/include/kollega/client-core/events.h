// Events: what the client tells the app without being asked. Each kind is
// its own type; a component adds kinds of its own without touching this
// file. An app tests for the kinds it knows with As<T>() and ignores the
// rest, so an app built against an older client-core keeps working when
// new kinds appear.
//
//   client->SetEventCallback([](const Event& e) {
//     if (auto* m = As<MessageReceived>(e)) Show(m->message);
//   });
//
// Events of a received message are emitted only after it is committed to
// the store: an app never shows what a crash would lose.
//
// Thread-safety: events are immutable once emitted and may be read from any
// thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/client-core/types.h"

namespace kollega::client {

class Event {
 public:
  virtual ~Event() = default;
  // A stable dotted name ("message.received"), for logs and bindings.
  virtual std::string_view name() const = 0;
};
using EventPtr = std::shared_ptr<const Event>;

// The event as a T, or nullptr when it is another kind.
template <typename T>
const T* As(const Event& event) {
  return dynamic_cast<const T*>(&event);
}

// Defines `name()` from the type's kName.
template <typename Self>
class EventKind : public Event {
 public:
  std::string_view name() const override { return Self::kName; }
};

// --- Kernel ---
struct ConnectionChanged final : EventKind<ConnectionChanged> {
  static constexpr std::string_view kName = "connection.changed";
  ConnectionState state = ConnectionState::kOffline;
};
// The relay has pushed everything that was queued for this device when it
// connected, and all of it has been processed.
struct QueueDrained final : EventKind<QueueDrained> {
  static constexpr std::string_view kName = "queue.drained";
};
// A peer's identity key changed: compare safety numbers, then accept it.
// Nothing is sent to or received from that device until then.
struct IdentityChanged final : EventKind<IdentityChanged> {
  static constexpr std::string_view kName = "identity.changed";
  std::string peer;  // hex
  uint32_t device = 0;
};
// A signed device list (docs/trust.md §2) was refused: it did not verify
// with the account's pinned identity, went back in version, or the relay
// named a device the list does not contain (a ghost) or hid one it does.
// The send that met it failed; nothing was encrypted to the unlisted device.
struct DeviceListRejected final : EventKind<DeviceListRejected> {
  static constexpr std::string_view kName = "devices.rejected";
  std::string peer;  // hex; this account's own id for one's own list
  std::string reason;
};
// An account's accepted device list changed (for one's own account: a
// device was linked or removed).
struct DeviceListChanged final : EventKind<DeviceListChanged> {
  static constexpr std::string_view kName = "devices.changed";
  std::string peer;  // hex
  std::vector<uint32_t> added;
  std::vector<uint32_t> removed;
  bool own = false;
};
// Another device of this account had not been seen by the relay for longer
// than Options::silent_device_after, so this device took it off the
// account's list (docs/trust.md §3). It can be linked again.
struct SilentDeviceUnlinked final : EventKind<SilentDeviceUnlinked> {
  static constexpr std::string_view kName = "devices.silent_unlinked";
  uint32_t device = 0;
  int64_t last_seen_ms = 0;  // when the relay last saw it; 0 = never
};
// A message claimed to come from a device that the account's signed list
// does not contain (a sync copy "sent by you" from a device not in this
// account's list): acknowledged and dropped, not stored.
struct UnlistedSender final : EventKind<UnlistedSender> {
  static constexpr std::string_view kName = "devices.unlisted_sender";
  std::string peer;  // hex
  uint32_t device = 0;
};
// A message could not be decrypted and was dropped.
struct DecryptionFailed final : EventKind<DecryptionFailed> {
  static constexpr std::string_view kName = "decryption.failed";
  std::string peer;  // hex
  uint32_t device = 0;
  std::string detail;  // human-readable; never content or keys
};
// A message was given up for good (unknown recipient, too many attempts).
struct SendFailed final : EventKind<SendFailed> {
  static constexpr std::string_view kName = "send.failed";
  std::string peer;        // hex
  std::string message_id;  // hex
  std::string detail;      // human-readable; never content or keys
};

// Creating an account: the relay's proof of work (docs/abuse.md "Sign-up")
// is being solved, which takes longer when the relay has raised its
// difficulty. About four a second while it runs; an app shows `tried` as a
// share of `expected` (a search may take longer than expected: cap the bar
// short of full until the account exists).
struct SignUpProgress final : EventKind<SignUpProgress> {
  static constexpr std::string_view kName = "signup.progress";
  uint32_t bits = 0;      // the difficulty the relay asked for
  uint64_t tried = 0;     // candidates hashed so far
  uint64_t expected = 0;  // 2^bits, the average a search takes
};

// --- Conversations component ---
// A new message (incoming, or a sync copy of one this account sent from
// another device).
struct MessageReceived final : EventKind<MessageReceived> {
  static constexpr std::string_view kName = "message.received";
  Message message;
};

// --- Conversations and receipts components ---
// An outgoing message's status moved forward (sent, delivered, read).
struct StatusChanged final : EventKind<StatusChanged> {
  static constexpr std::string_view kName = "message.status";
  std::string peer;        // hex
  std::string message_id;  // hex
  MessageStatus status = MessageStatus::kQueued;
};

// --- Repair component ---
// A message could not be repaired (docs/protocol-content.md, "Repair"). On
// the device that could not decrypt it: the sender no longer has it, did
// not answer in time, or too many messages failed at once to ask for all.
// On the sender: a device of the peer asked again for a message that is no
// longer kept. The receiver's DecryptionFailed came first.
struct RepairFailed final : EventKind<RepairFailed> {
  static constexpr std::string_view kName = "repair.failed";
  std::string peer;  // hex
  uint32_t device = 0;
  uint64_t server_time_ms = 0;  // names the message (Envelope.server_time_ms)
  std::string detail;           // human-readable; never content or keys
};

}  // namespace kollega::client
