// SPDX-License-Identifier: GPL-3.0-or-later
#include "core.h"

#include <filesystem>

#include "kollega/base/clock.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/safety_number.h"
#include "provisioning.h"

namespace kollega::client {

constexpr std::string_view kLog = "client";

Result<std::string> AccountFromHex(const std::string& hex) {
  auto raw = FromHex(hex);
  if (!raw || raw->size() != kAccountIdSize) {
    return InvalidArgument("an account id is 32 hex digits");
  }
  return *raw;
}

Core::Core(Client::Options options, TaskRunner& runner, Hooks hooks)
    : options_(options), runner_(runner), hooks_(std::move(hooks)) {
  const std::string seed = crypto::RandomBytes(8);
  uint64_t s = 0;
  for (char c : seed) s = (s << 8) | static_cast<unsigned char>(c);
  jitter_rng_.seed(s);
}

Core::~Core() { Shutdown(); }

void Core::Shutdown() {
  keep_alive_ = false;
  DropConnection();
  sessions_.reset();
  context_.reset();
  store_.reset();
}

int64_t Core::NowMs() const { return SystemClock().NowMs(); }

Status Core::Open(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return InvalidArgument("cannot create the data directory");
  std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  auto store = storage::OpenRocksClientStore((std::filesystem::path(data_dir) / "store").string());
  if (!store.ok()) return store.status();
  store_ = std::move(*store);
  auto context = crypto::SignalContext::Create();
  if (!context.ok()) return context.status();
  context_ = std::move(*context);
  auto account = store_->LoadAccount();
  if (!account.ok()) return account.status();
  account_ = std::move(*account);
  if (account_) KOLLEGA_RETURN_IF_ERROR(StartSessions());
  return Status::Ok();
}

Status Core::StartSessions() {
  sessions_ = std::make_unique<crypto::SignalSessions>(*context_, *store_);
  return Status::Ok();
}

void Core::Emit(Event event) {
  if (hooks_.emit) hooks_.emit(std::move(event));
}

void Core::EmitStatus(const std::string& peer, const std::string& message_id,
                      MessageStatus status) {
  Event e;
  e.kind = Event::Kind::kStatusChanged;
  e.peer = ToHex(peer);
  e.message_id = ToHex(message_id);
  e.status = status;
  Emit(std::move(e));
}

Message Core::ToMessage(const storage::StoredMessage& m) const {
  Message out;
  out.id = ToHex(m.message_id);
  out.peer = ToHex(m.peer_account);
  out.outgoing = m.outgoing;
  out.peer_device = m.peer_device;
  out.sent_ms = m.sent_ms;
  out.stored_ms = m.stored_ms;
  out.text = m.text;
  out.status = static_cast<MessageStatus>(m.status);
  return out;
}

void Core::FlagIdentity(const crypto::SignalAddress& address) {
  const std::string key = sessions_->PendingIdentity(address).value_or(std::string());
  Status s = store_->FlagIdentityChange(address.name, address.device_id, key);
  if (!s.ok()) log::Warn(kLog, "cannot record an identity change: " + s.ToString());
  Event e;
  e.kind = Event::Kind::kIdentityChanged;
  e.peer = ToHex(address.name);
  e.device = static_cast<uint32_t>(address.device_id);
  e.detail = "the peer's safety number changed";
  Emit(std::move(e));
}

Result<WhoAmIInfo> Core::WhoAmI() {
  if (!account_) return FailedPrecondition("no account yet: create one or link this device");
  return WhoAmIInfo{ToHex(account_->account_id), account_->device_id, account_->relay_url};
}

Result<std::vector<Message>> Core::History(const std::string& peer_hex, size_t limit) {
  auto peer = AccountFromHex(peer_hex);
  if (!peer.ok()) return peer.status();
  auto stored = store_->ListMessages(*peer, limit);
  if (!stored.ok()) return stored.status();
  std::vector<Message> out;
  out.reserve(stored->size());
  for (const auto& m : *stored) out.push_back(ToMessage(m));
  return out;
}

Result<std::vector<Conversation>> Core::Conversations() {
  auto list = store_->ListConversations();
  if (!list.ok()) return list.status();
  std::vector<Conversation> out;
  for (const auto& c : *list) out.push_back({ToHex(c.peer_account), c.message_count, c.last_ms});
  return out;
}

Result<std::string> Core::SafetyNumber(const std::string& peer_hex) {
  if (!account_) return FailedPrecondition("no account yet");
  auto peer = AccountFromHex(peer_hex);
  if (!peer.ok()) return peer.status();
  // The identity is the account's (all its devices share it), so any device
  // we hold a session or key for will do; otherwise set up sessions first.
  auto devices = store_->SessionDevices(*peer);
  if (!devices.ok()) return devices.status();
  if (devices->empty()) {
    if (!authenticated_) return Unavailable("no key for this peer yet; connect first");
    std::vector<int32_t> fetched;
    KOLLEGA_RETURN_IF_ERROR(FetchAndProcess(*peer, 0, &fetched));
    devices = std::move(fetched);
  }
  std::optional<std::string> remote_key;
  for (int32_t d : *devices) {
    auto key = store_->LoadIdentity({*peer, d});
    if (!key.ok()) return key.status();
    if (key->has_value()) {
      remote_key = **key;
      break;
    }
  }
  if (!remote_key) return NotFound("no identity key known for this peer");
  auto local = store_->LoadLocalIdentity();
  if (!local.ok()) return local.status();
  return crypto::SafetyNumber(*context_, ToHex(account_->account_id), local->public_key, peer_hex,
                              *remote_key);
}

Result<std::vector<IdentityChange>> Core::PendingIdentityChanges() {
  auto pending = store_->PendingIdentityChanges();
  if (!pending.ok()) return pending.status();
  std::vector<IdentityChange> out;
  for (const auto& [peer, device] : *pending) {
    out.push_back({ToHex(peer), static_cast<uint32_t>(device)});
  }
  return out;
}

Status Core::AcceptIdentityChange(const std::string& peer_hex) {
  auto peer = AccountFromHex(peer_hex);
  if (!peer.ok()) return peer.status();
  auto pending = store_->PendingIdentityChanges();
  if (!pending.ok()) return pending.status();
  bool any = false;
  for (const auto& [name, device] : *pending) {
    if (name != *peer) continue;
    any = true;
    const crypto::SignalAddress address{name, device};
    std::optional<std::string> key = sessions_->PendingIdentity(address);
    if (!key) {
      // The refused key is kept in memory only (see signal_sessions.h) and a
      // refused SignalMessage does not record it: ask the relay for the
      // device's current key. Processing the bundle is refused and records it.
      if (!authenticated_) return Unavailable("connect first, then accept the new identity");
      std::vector<int32_t> ignored;
      FetchAndProcess(name, static_cast<uint32_t>(device), &ignored).IgnoreError();
      key = sessions_->PendingIdentity(address);
    }
    if (!key) return NotFound("the new identity key is not known yet; try again once online");
    KOLLEGA_RETURN_IF_ERROR(sessions_->AcceptIdentity(address, *key));
    KOLLEGA_RETURN_IF_ERROR(store_->ClearIdentityChange(name, device));
  }
  if (!any) return NotFound("no identity change pending for this peer");
  // Messages refused while the key was untrusted are still in the relay's
  // mailbox (they were not acknowledged); a new connection redelivers them.
  if (connection_) {
    DropConnection();
    auto reconnected = Connect(keep_alive_);
    if (!reconnected.ok() && keep_alive_) ScheduleReconnect();
  }
  return Status::Ok();
}

}  // namespace kollega::client
