// Connecting, staying connected (listen mode), and dispatching pushes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "core.h"
#include "kollega/base/log.h"

namespace kollega::client {
namespace {
constexpr std::string_view kLog = "client";
}  // namespace

Result<uint64_t> Core::Connect(bool keep_alive) {
  if (!account_) return FailedPrecondition("no account yet: create one or link this device");
  keep_alive_ = keep_alive;
  if (connection_ && authenticated_ && connection_->is_open()) return generation_;
  Status s = OpenConnection(account_->relay_url);
  if (s.ok()) s = Authenticate();
  if (!s.ok()) {
    DropConnection();
    if (keep_alive_) ScheduleReconnect();
    return s;
  }
  reconnect_attempt_ = 0;
  // The relay pushes PrekeysLow after authentication too, but asking covers
  // a relay that restarted and lost nothing, and a signed prekey never sent.
  Status prekeys = CheckPrekeys();
  if (prekeys.ok()) prekeys = RotateSignedPrekeyIfDue();
  if (!prekeys.ok()) log::Warn(kLog, "prekey check failed: " + prekeys.ToString());
  Status flushed = FlushOutbound();
  if (!flushed.ok()) log::Debug(kLog, "outbound queue not flushed: " + flushed.ToString());
  return generation_;
}

void Core::Disconnect() {
  keep_alive_ = false;
  DropConnection();
}

void Core::DropConnection() {
  // A new generation first: the old connection's close and pushes, already
  // posted to this thread, are then recognised as stale and ignored.
  ++generation_;
  authenticated_ = false;
  connection_.reset();
  SetState(ConnectionState::kOffline);
}

void Core::SetState(ConnectionState state) {
  if (state == state_) return;
  state_ = state;
  Event e;
  e.kind = Event::Kind::kConnectionChanged;
  e.connection = state;
  Emit(std::move(e));
}

void Core::OnPush(uint64_t generation, const wire::Push& push) {
  if (generation != generation_ || !account_) return;
  switch (push.kind_case()) {
    case wire::Push::kDeliver:
      if (authenticated_) HandleDeliver(push.deliver());
      break;
    case wire::Push::kQueueEmpty:
      if (hooks_.drained) hooks_.drained(generation);
      break;
    case wire::Push::kPrekeysLow: {
      Status s = TopUpPrekeys(push.prekeys_low().one_time());
      if (!s.ok()) log::Warn(kLog, "prekey top-up failed: " + s.ToString());
      break;
    }
    case wire::Push::kClosing:
      log::Info(kLog, "relay is closing the connection");
      break;
    default:
      break;
  }
}

void Core::OnClosed(uint64_t generation, const Status& status) {
  if (generation != generation_) return;
  log::Info(kLog, "connection to relay lost: " + status.ToString());
  DropConnection();
  if (keep_alive_) ScheduleReconnect();
}

void Core::ScheduleReconnect() {
  if (reconnect_scheduled_) return;
  reconnect_scheduled_ = true;
  // Exponential backoff with "equal jitter": half fixed, half random, so a
  // relay restart isn't met by every client at the same instant.
  const int shift = std::min(reconnect_attempt_, 16);
  const auto ceiling = std::min<int64_t>(options_.reconnect_max.count(),
                                         options_.reconnect_min.count() * (int64_t{1} << shift));
  std::uniform_int_distribution<int64_t> pick(ceiling / 2, std::max<int64_t>(ceiling, 1));
  const std::chrono::milliseconds delay(pick(jitter_rng_));
  ++reconnect_attempt_;
  runner_.PostDelayed(delay, [this] {
    reconnect_scheduled_ = false;
    if (!keep_alive_ || authenticated_) return;
    auto connected = Connect(true);  // schedules the next attempt on failure
    if (connected.ok()) log::Info(kLog, "reconnected to relay");
  });
}

}  // namespace kollega::client
