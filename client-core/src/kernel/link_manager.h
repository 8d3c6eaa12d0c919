// RelayLinkManager: the kernel's connection to its relay — open a RelayLink
// (relay_link.h), authenticate this device, keep it up (reconnect with
// backoff while listening), and route pushes: deliveries to the inbox,
// "queue empty" to the app, "prekeys low" to Keys.
//
// Links are numbered (a generation): a push or a close that a replaced link
// posted to the worker before it was replaced is recognised and ignored.
//
// Ownership: owned by the Kernel; owns the current link.
// Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>

#include "kollega/client-core/relay_link.h"
#include "kollega/client-core/types.h"
#include "relay.pb.h"

namespace kollega::client {

class Kernel;

class RelayLinkManager {
 public:
  explicit RelayLinkManager(Kernel& kernel);
  ~RelayLinkManager();

  // Opens a link to `relay_url` without logging in (account creation and
  // linking start here). Replaces any current link.
  Status Open(const std::string& relay_url);
  // Proves this device's key over the link's fresh challenge; then online.
  Status Authenticate();
  // Open + Authenticate to the account's relay, then the upkeep after a
  // login: prekeys checked, the outbox flushed. With `keep_alive` a failure
  // (now or later) schedules a reconnect.
  Status Connect(bool keep_alive);
  // Drops the link and stops reconnecting.
  void Disconnect();
  // Logs in again on a fresh link, so the relay redelivers what this device
  // did not acknowledge (after the user accepted a new identity key).
  void Relogin();

  bool authenticated() const { return authenticated_; }
  ConnectionState state() const { return state_; }

  // A request and its answer (bounded by Options::request_timeout).
  Result<wire::Response> Call(wire::Request request);
  // As Call, with a relay error code turned into a Status.
  Status CallOk(wire::Request request, wire::Response* out = nullptr);
  // The relay's time in the last SendAccepted since the previous call, which
  // names that message for repair (components/repair.h); nullopt if none.
  std::optional<uint64_t> TakeLastAcceptedTime() { return std::exchange(last_accepted_, {}); }
  // A request whose answer nobody waits for (a quiet Ack).
  Status SendOnly(wire::Request request);
  // The link's current challenge, asking for one if it was used.
  Result<wire::Challenge> FreshChallenge();

 private:
  void OnPush(uint64_t generation, const wire::Push& push);
  void OnClosed(uint64_t generation, const Status& status);
  void ScheduleReconnect();
  void SetState(ConnectionState state);
  void Drop();

  Kernel& kernel_;
  std::mt19937_64 jitter_rng_;
  std::unique_ptr<RelayLink> link_;
  uint64_t generation_ = 0;  // bumps with each link; stale events are ignored
  bool authenticated_ = false;
  bool keep_alive_ = false;
  int reconnect_attempt_ = 0;
  bool reconnect_scheduled_ = false;
  ConnectionState state_ = ConnectionState::kOffline;
  std::optional<uint64_t> last_accepted_;
};

}  // namespace kollega::client
