// SPDX-License-Identifier: GPL-3.0-or-later
#include "link_manager.h"

#include <algorithm>

#include "device_list_manager.h"
#include "fanout.h"
#include "inbox.h"
#include "kernel.h"
#include "keys.h"
#include "kollega/base/log.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"
#include "outbox.h"

namespace kollega::client {
namespace {
constexpr std::string_view kLog = "client";

uint64_t RandomSeed() {
  const std::string seed = crypto::RandomBytes(8);
  uint64_t s = 0;
  for (char c : seed) s = (s << 8) | static_cast<unsigned char>(c);
  return s;
}
}  // namespace

RelayLinkManager::RelayLinkManager(Kernel& kernel) : kernel_(kernel), jitter_rng_(RandomSeed()) {}

RelayLinkManager::~RelayLinkManager() { Disconnect(); }

Status RelayLinkManager::Open(const std::string& relay_url) {
  Drop();
  const uint64_t generation = ++generation_;
  TaskRunner& runner = kernel_.runner();
  RelayLink::Handlers handlers;
  handlers.on_push = [this, &runner, generation](const wire::Push& push) {
    runner.Post([this, generation, push] { OnPush(generation, push); });
  };
  handlers.on_close = [this, &runner, generation](const Status& status) {
    // Code and text travel instead of the Status: a stopped runner drops the
    // task, and a dropped Status would count as an error nobody looked at.
    runner.Post([this, generation, code = status.code(), message = status.message()] {
      OnClosed(generation, Status(code, message));
    });
  };
  RelayLink::Options options;
  options.connect_timeout = kernel_.options().request_timeout;
  options.tls_ca_file = kernel_.options().tls_ca_file;
  SetState(ConnectionState::kConnecting);
  const RelayLinkFactory& factory = kernel_.options().link_factory;
  auto link = factory ? factory(relay_url, std::move(handlers), options)
                      : ConnectWebSocketLink(relay_url, std::move(handlers), options);
  if (!link.ok()) {
    SetState(ConnectionState::kOffline);
    return link.status();
  }
  link_ = std::move(*link);
  authenticated_ = false;
  return Status::Ok();
}

Result<wire::Response> RelayLinkManager::Call(wire::Request request) {
  if (!link_) return Unavailable("not connected to the relay");
  auto response = link_->Call(std::move(request), kernel_.options().request_timeout);
  if (response.ok() && response->has_send_accepted()) {
    last_accepted_ = response->send_accepted().server_time_ms();
  }
  return response;
}

Status RelayLinkManager::CallOk(wire::Request request, wire::Response* out) {
  KOLLEGA_ASSIGN_OR_RETURN(wire::Response response, Call(std::move(request)));
  KOLLEGA_RETURN_IF_ERROR(ResponseStatus(response));
  if (out) *out = std::move(response);
  return Status::Ok();
}

Status RelayLinkManager::SendOnly(wire::Request request) {
  if (!link_) return Unavailable("not connected to the relay");
  return link_->SendOnly(std::move(request));
}

Result<wire::Challenge> RelayLinkManager::FreshChallenge() {
  if (!link_) return Unavailable("not connected to the relay");
  wire::Challenge challenge = link_->TakeChallenge();
  if (!challenge.nonce().empty()) return challenge;
  wire::Request request;
  request.mutable_get_challenge();
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request)));
  challenge = link_->TakeChallenge();
  if (challenge.nonce().empty()) return Internal("relay sent no challenge");
  return challenge;
}

Status RelayLinkManager::Authenticate() {
  KOLLEGA_ASSIGN_OR_RETURN(wire::Challenge challenge, FreshChallenge());
  const LocalAccount& account = kernel_.account();
  KOLLEGA_ASSIGN_OR_RETURN(auto key, crypto::DeviceKey::FromPrivateSeed(account.device_auth_seed));
  // Signed for the origin this link dialled and its TLS session, so a
  // look-alike relay cannot pass the login on (docs/trust.md §5).
  const std::string origin = link_->Origin();
  const std::string exporter = link_->TlsExporter();
  KOLLEGA_ASSIGN_OR_RETURN(std::string signature, key.Sign(crypto::DeviceAuthMessageV2(
                                                      challenge.nonce(), account.account_id,
                                                      account.device_id, origin, exporter)));
  wire::Request request;
  auto* auth = request.mutable_authenticate();
  auth->set_account_id(account.account_id);
  auth->set_device_id(account.device_id);
  auth->set_signature(signature);
  auth->set_origin(origin);
  auth->set_tls_exporter(exporter);
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request)));
  authenticated_ = true;
  kernel_.fanout().ForgetOwnDevices();
  SetState(ConnectionState::kOnline);
  return Status::Ok();
}

Status RelayLinkManager::Connect(bool keep_alive) {
  if (!kernel_.has_account()) {
    return FailedPrecondition("no account yet: create one or link this device");
  }
  KOLLEGA_ASSIGN_OR_RETURN(bool unlinked, kernel_.device_lists().Unlinked());
  if (unlinked) {
    return FailedPrecondition(
        "this device was unlinked from its account; link it again or create a new account");
  }
  keep_alive_ = keep_alive;
  if (link_ && authenticated_ && link_->is_open()) return Status::Ok();
  Status s = Open(kernel_.account().relay_url);
  if (s.ok()) s = Authenticate();
  if (!s.ok()) {
    Drop();
    if (keep_alive_) ScheduleReconnect();
    return s;
  }
  reconnect_attempt_ = 0;
  // The relay pushes PrekeysLow after a login too, but asking covers a relay
  // that lost nothing and a signed prekey that was never sent.
  Status prekeys = kernel_.keys().AfterLogin();
  if (!prekeys.ok()) log::Warn(kLog, "prekey upkeep failed: " + prekeys.ToString());
  Status flushed = kernel_.outbox().Flush();
  if (!flushed.ok()) log::Debug(kLog, "outbound queue not flushed: " + flushed.ToString());
  return Status::Ok();
}

void RelayLinkManager::Disconnect() {
  keep_alive_ = false;
  Drop();
}

void RelayLinkManager::Relogin() {
  if (!link_) return;
  Drop();
  Status s = Connect(keep_alive_);
  if (!s.ok()) log::Info(kLog, "reconnect after an identity change failed: " + s.ToString());
}

void RelayLinkManager::Drop() {
  // A new generation first: the old link's close and pushes, already posted
  // to this thread, are then recognised as stale and ignored.
  ++generation_;
  authenticated_ = false;
  link_.reset();
  SetState(ConnectionState::kOffline);
}

void RelayLinkManager::SetState(ConnectionState state) {
  if (state == state_) return;
  state_ = state;
  auto event = std::make_shared<ConnectionChanged>();
  event->state = state;
  kernel_.Emit(std::move(event));
}

void RelayLinkManager::OnPush(uint64_t generation, const wire::Push& push) {
  if (generation != generation_ || !kernel_.has_account()) return;
  switch (push.kind_case()) {
    case wire::Push::kDeliver:
      if (authenticated_) kernel_.inbox().HandleDeliver(push.deliver());
      break;
    case wire::Push::kQueueEmpty:
      kernel_.Emit(std::make_shared<QueueDrained>());
      break;
    case wire::Push::kPrekeysLow: {
      Status s = kernel_.keys().TopUp(push.prekeys_low().one_time());
      if (!s.ok()) log::Warn(kLog, "prekey top-up failed: " + s.ToString());
      break;
    }
    case wire::Push::kDeviceListChanged:
      kernel_.device_lists().OnPush(push.device_list_changed());
      break;
    case wire::Push::kClosing:
      log::Info(kLog, "relay is closing the connection");
      break;
    default:
      break;  // a push kind this client does not know (a newer relay)
  }
}

void RelayLinkManager::OnClosed(uint64_t generation, const Status& status) {
  status.IgnoreError();  // a lost link is only logged; reconnecting is the answer
  if (generation != generation_) return;
  log::Info(kLog, "connection to relay lost: " + status.ToString());
  Drop();
  if (keep_alive_) ScheduleReconnect();
}

void RelayLinkManager::ScheduleReconnect() {
  if (reconnect_scheduled_) return;
  reconnect_scheduled_ = true;
  // Exponential backoff with "equal jitter": half fixed, half random, so a
  // relay restart isn't met by every client at the same instant.
  const auto& options = kernel_.options();
  const int shift = std::min(reconnect_attempt_, 16);
  const auto ceiling = std::min<int64_t>(options.reconnect_max.count(),
                                         options.reconnect_min.count() * (int64_t{1} << shift));
  std::uniform_int_distribution<int64_t> pick(ceiling / 2, std::max<int64_t>(ceiling, 1));
  const std::chrono::milliseconds delay(pick(jitter_rng_));
  ++reconnect_attempt_;
  kernel_.runner().PostDelayed(delay, [this] {
    reconnect_scheduled_ = false;
    if (!keep_alive_ || authenticated_) return;
    Status connected = Connect(true);  // schedules the next attempt on failure
    if (connected.ok()) log::Info(kLog, "reconnected to relay");
  });
}

}  // namespace kollega::client
