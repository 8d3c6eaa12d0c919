// FakeRelay's links, pushes and test controls. The answers to requests are
// in fake_relay_handlers.cpp; the state both share in fake_relay_state.h.
//
// A link's Call() runs the request under the relay's mutex, exactly as the
// real relay runs it on the connection's strand, then (mutex released) runs
// the handlers of every link the request pushed to: the recipient's Deliver,
// the caller's own PrekeysLow and QueueEmpty. Pushes to one link are queued
// in the order the relay decided them, so handlers see them in that order
// whichever thread runs them.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fake_relay.h"

#include <utility>

#include "kollega/base/origin.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "support/fake_relay_state.h"

namespace kollega::testing {
namespace {

constexpr size_t kDeliveriesPerPush = 64;  // the relay's drain page

class FakeLink final : public client::RelayLink {
 public:
  FakeLink(std::shared_ptr<FakeRelay::State> state, std::shared_ptr<Session> session)
      : state_(std::move(state)), session_(std::move(session)) {}
  ~FakeLink() override { Close(); }

  Result<wire::Response> Call(wire::Request request,
                              std::chrono::milliseconds /*timeout*/) override {
    PumpList pump;
    std::optional<wire::Response> response;
    {
      std::lock_guard lock(state_->mu);
      if (!session_->open) return Unavailable("link to the relay is closed");
      request.set_id(next_id_++);
      response = state_->HandleLocked(*session_, request, &pump);
      if (response) response->set_id(request.id());
    }
    Pump(pump);
    // The real relay does not answer a successful quiet Ack: a caller that
    // waits for one times out.
    if (!response) return Unavailable("the relay sent no answer");
    return *std::move(response);
  }

  Status SendOnly(wire::Request request) override {
    PumpList pump;
    {
      std::lock_guard lock(state_->mu);
      if (!session_->open) return Unavailable("link to the relay is closed");
      request.set_id(next_id_++);
      state_->HandleLocked(*session_, request, &pump);
    }
    Pump(pump);
    return Status::Ok();
  }

  wire::Challenge TakeChallenge() override {
    std::lock_guard lock(state_->mu);
    std::optional<wire::Challenge> taken = std::exchange(session_->taken, std::nullopt);
    return taken ? *std::move(taken) : wire::Challenge();
  }

  std::string Origin() const override { return session_->origin; }
  std::string TlsExporter() const override { return {}; }

  bool is_open() const override {
    std::lock_guard lock(state_->mu);
    return session_->open;
  }

  void Close() override {
    {
      std::lock_guard lock(state_->mu);
      if (session_->open) state_->ForgetLocked(*session_);
    }
    session_->endpoint->Shut();
  }

 private:
  std::shared_ptr<FakeRelay::State> state_;
  std::shared_ptr<Session> session_;
  uint64_t next_id_ = 1;  // guarded by state_->mu
};

}  // namespace

// --- Endpoint ---

void Endpoint::Queue(Item item) {
  // The relay does not care whether a handler looks at why the link ended
  // (base/status.h, checked mode).
  if (item.close) item.close->IgnoreError();
  std::lock_guard lock(queue_mu);
  queue.push_back(std::move(item));
}

void Endpoint::Pump() {
  std::lock_guard deliver(deliver_mu);
  while (true) {
    Item item;
    {
      std::lock_guard lock(queue_mu);
      if (queue.empty()) return;
      item = std::move(queue.front());
      queue.pop_front();
    }
    if (closed) continue;
    if (item.close) {
      closed = true;
      if (handlers.on_close) handlers.on_close(*item.close);
    } else if (handlers.on_push) {
      handlers.on_push(*item.push);
    }
  }
}

void Endpoint::Shut() {
  std::lock_guard deliver(deliver_mu);
  closed = true;
  std::lock_guard lock(queue_mu);
  queue.clear();
}

void Pump(const PumpList& endpoints) {
  for (const std::shared_ptr<Endpoint>& e : endpoints) e->Pump();
}

// --- State helpers (mu held) ---

int64_t FakeRelay::State::NowMs() const {
  return (options.clock ? *options.clock : SystemClock()).NowMs();
}

DeviceState* FakeRelay::State::FindDevice(const Address& address) {
  auto account = accounts.find(address.first);
  if (account == accounts.end()) return nullptr;
  auto device = account->second.devices.find(address.second);
  return device == account->second.devices.end() ? nullptr : &device->second;
}

wire::Challenge FakeRelay::State::FreshChallengeLocked(Session& s) {
  s.nonce = crypto::RandomBytes(crypto::kChallengeNonceSize);
  wire::Challenge challenge;
  challenge.set_nonce(*s.nonce);
  challenge.set_pow_bits(options.pow_bits);
  // As server/src/relay_features.h announces.
  challenge.set_protocol_version(wire::PROTOCOL_VERSION_1);
  challenge.add_features("ack.quiet");
  challenge.add_features("link.provisioning");
  return challenge;
}

void FakeRelay::State::PushLocked(Session& s, wire::Push push, PumpList* pump) {
  s.endpoint->Queue(Endpoint::Item{std::move(push), std::nullopt});
  pump->push_back(s.endpoint);
}

void FakeRelay::State::DrainLocked(Session& s, PumpList* pump) {
  if (hold || !s.open || !s.address) return;
  DeviceState* device = FindDevice(*s.address);
  if (!device) return;
  wire::Push push;
  for (auto it = device->mailbox.upper_bound(s.last_pushed_seq); it != device->mailbox.end();
       ++it) {
    wire::Delivery* d = push.mutable_deliver()->add_deliveries();
    d->set_seq(it->first);
    d->set_envelope(it->second);
    s.last_pushed_seq = it->first;
    if (push.deliver().deliveries_size() == static_cast<int>(kDeliveriesPerPush)) {
      PushLocked(s, std::move(push), pump);
      push.Clear();
    }
  }
  if (push.has_deliver()) PushLocked(s, std::move(push), pump);
  if (!s.queue_empty_sent) {
    s.queue_empty_sent = true;
    wire::Push empty;
    empty.mutable_queue_empty();
    PushLocked(s, std::move(empty), pump);
  }
}

void FakeRelay::State::ForgetLocked(Session& s) {
  s.open = false;
  if (s.address) {
    auto it = connected.find(*s.address);
    if (it != connected.end() && it->second.get() == &s) connected.erase(it);
  }
  sessions.erase(s.id);
}

void FakeRelay::State::DropLocked(Session& s, const Status& why, PumpList* pump) {
  ForgetLocked(s);
  s.endpoint->Queue(Endpoint::Item{std::nullopt, why});
  pump->push_back(s.endpoint);
}

// --- FakeRelay ---

FakeRelay::FakeRelay() : FakeRelay(Options()) {}

FakeRelay::FakeRelay(Options options) : state_(std::make_shared<State>(options)) {}

FakeRelay::~FakeRelay() {
  // Links and factories share the state and may outlive this object; to
  // them the relay is gone.
  PumpList pump;
  {
    std::lock_guard lock(state_->mu);
    state_->offline = true;
    std::vector<std::shared_ptr<Session>> open;
    for (auto& [id, s] : state_->sessions) open.push_back(s);
    for (auto& s : open) state_->DropLocked(*s, Unavailable("relay went away"), &pump);
  }
  Pump(pump);
}

client::RelayLinkFactory FakeRelay::Factory() {
  return [state = state_](const std::string& relay_url, client::RelayLink::Handlers handlers,
                          const client::RelayLink::Options& /*options*/)
             -> Result<std::unique_ptr<client::RelayLink>> {
    std::lock_guard lock(state->mu);
    if (state->offline) return Unavailable("cannot reach the relay");
    auto session = std::make_shared<Session>();
    session->id = state->next_link_id++;
    Result<std::string> origin = NormaliseOrigin(relay_url);
    session->origin = origin.ok() ? *origin : "ws://fake-relay.invalid:80";
    session->endpoint = std::make_shared<Endpoint>();
    session->endpoint->handlers = std::move(handlers);
    // The WebSocket link keeps the connect-time challenge for TakeChallenge().
    session->taken = state->FreshChallengeLocked(*session);
    state->sessions[session->id] = session;
    return std::unique_ptr<client::RelayLink>(new FakeLink(state, std::move(session)));
  };
}

bool FakeRelay::Disconnect(const std::string& account, uint32_t device) {
  PumpList pump;
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->connected.find(Address{account, device});
    if (it == state_->connected.end()) return false;
    std::shared_ptr<Session> session = it->second;
    state_->DropLocked(*session, Unavailable("connection to the relay lost"), &pump);
  }
  Pump(pump);
  return true;
}

void FakeRelay::SetOffline(bool offline) {
  std::lock_guard lock(state_->mu);
  state_->offline = offline;
}

void FakeRelay::HoldDeliveries(bool hold) {
  PumpList pump;
  {
    std::lock_guard lock(state_->mu);
    state_->hold = hold;
    if (!hold) {
      for (auto& [address, session] : state_->connected) state_->DrainLocked(*session, &pump);
    }
  }
  Pump(pump);
}

Result<uint32_t> FakeRelay::AddDevice(const std::string& account, uint32_t one_time_prekeys) {
  // Keys are made outside the lock: a device of its own, as a linked phone
  // that has not come online yet would have uploaded.
  KOLLEGA_ASSIGN_OR_RETURN(std::unique_ptr<crypto::SignalContext> context,
                           crypto::SignalContext::Create());
  KOLLEGA_ASSIGN_OR_RETURN(crypto::IdentityKeyPair identity,
                           crypto::GenerateIdentityKeyPair(*context));
  KOLLEGA_ASSIGN_OR_RETURN(uint32_t registration_id, crypto::GenerateRegistrationId(*context));
  KOLLEGA_ASSIGN_OR_RETURN(crypto::SignedPreKey signed_prekey,
                           crypto::GenerateSignedPreKey(*context, identity, 1, 0));
  std::vector<crypto::PreKey> prekeys;
  if (one_time_prekeys > 0) {
    KOLLEGA_ASSIGN_OR_RETURN(prekeys, crypto::GeneratePreKeys(*context, 1, one_time_prekeys));
  }
  KOLLEGA_ASSIGN_OR_RETURN(crypto::DeviceKey auth, crypto::DeviceKey::Generate());

  std::lock_guard lock(state_->mu);
  auto it = state_->accounts.find(account);
  if (it == state_->accounts.end()) return NotFound("no such account");
  DeviceState device;
  device.auth_public_key = auth.public_key();
  device.registration_id = registration_id;
  device.created_ms = state_->NowMs();
  device.identity_key = identity.public_key;
  wire::SignedPrekey spk;
  spk.set_id(signed_prekey.id);
  spk.set_public_key(signed_prekey.public_key);
  spk.set_signature(signed_prekey.signature);
  device.signed_prekey = std::move(spk);
  for (const crypto::PreKey& k : prekeys) device.one_time[k.id] = k.public_key;
  const uint32_t id = it->second.next_device_id++;
  it->second.devices.emplace(id, std::move(device));
  return id;
}

Status FakeRelay::RemoveDevice(const std::string& account, uint32_t device) {
  PumpList pump;
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->accounts.find(account);
    if (it == state_->accounts.end() || it->second.devices.count(device) == 0) {
      return NotFound("no such device");
    }
    state_->RemoveDeviceLocked(account, device, &pump);
  }
  Pump(pump);
  return Status::Ok();
}

Result<uint32_t> FakeRelay::AddGhostDevice(const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(uint32_t id, AddDevice(account));
  std::lock_guard lock(state_->mu);
  state_->accounts.at(account).ghosts.insert(id);
  return id;
}

Status FakeRelay::ServeDeviceList(const std::string& account, const wire::SignedDeviceList& list) {
  std::lock_guard lock(state_->mu);
  auto it = state_->accounts.find(account);
  if (it == state_->accounts.end()) return NotFound("no such account");
  it->second.served_list = list;
  return Status::Ok();
}

Result<std::string> FakeRelay::ReplaceIdentityKey(const std::string& account, uint32_t device,
                                                  std::string key) {
  if (key.empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(std::unique_ptr<crypto::SignalContext> context,
                             crypto::SignalContext::Create());
    KOLLEGA_ASSIGN_OR_RETURN(crypto::IdentityKeyPair identity,
                             crypto::GenerateIdentityKeyPair(*context));
    key = identity.public_key;
  }
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  if (!d || !d->identity_key) return NotFound("no such device with keys");
  return std::exchange(*d->identity_key, key);
}

void FakeRelay::RelabelNextEnvelope(const std::string& account, uint32_t device,
                                    const std::string& as_account, uint32_t as_device) {
  std::lock_guard lock(state_->mu);
  state_->relabel[Address{account, device}] = Address{as_account, as_device};
}

std::optional<wire::SignedDeviceList> FakeRelay::StoredDeviceList(
    const std::string& account) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->accounts.find(account);
  if (it == state_->accounts.end()) return std::nullopt;
  return it->second.list;
}

std::vector<uint32_t> FakeRelay::ListedDevices(const std::string& account) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->accounts.find(account);
  if (it == state_->accounts.end()) return {};
  return {it->second.listed.begin(), it->second.listed.end()};
}

void FakeRelay::ReverseMailbox(const std::string& account, uint32_t device) {
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  if (!d) return;
  std::vector<std::string> payloads;
  for (auto& [seq, payload] : d->mailbox) payloads.push_back(std::move(payload));
  for (auto& [seq, payload] : d->mailbox) {
    payload = std::move(payloads.back());
    payloads.pop_back();
  }
}

// --- Hostile-relay controls for repair tests ---

bool FakeRelay::CorruptMailboxEnvelope(const std::string& account, uint32_t device, size_t index) {
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  if (!d || index >= d->mailbox.size()) return false;
  std::string& payload = std::next(d->mailbox.begin(), static_cast<long>(index))->second;
  wire::Envelope envelope;
  if (!envelope.ParseFromString(payload) || envelope.content().empty()) return false;
  std::string* content = envelope.mutable_content();
  (*content)[content->size() / 2] ^= 0x5a;
  payload = envelope.SerializeAsString();
  return true;
}

size_t FakeRelay::MailboxSize(const std::string& account, uint32_t device) const {
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  return d ? d->mailbox.size() : 0;
}

std::vector<wire::Envelope> FakeRelay::Mailbox(const std::string& account, uint32_t device) const {
  std::lock_guard lock(state_->mu);
  std::vector<wire::Envelope> out;
  DeviceState* d = state_->FindDevice(Address{account, device});
  if (!d) return out;
  for (const auto& [seq, payload] : d->mailbox) {
    out.emplace_back();
    out.back().ParseFromString(payload);
  }
  return out;
}

bool FakeRelay::IsConnected(const std::string& account, uint32_t device) const {
  std::lock_guard lock(state_->mu);
  return state_->connected.count(Address{account, device}) != 0;
}

std::vector<uint32_t> FakeRelay::Devices(const std::string& account) const {
  std::lock_guard lock(state_->mu);
  std::vector<uint32_t> out;
  auto it = state_->accounts.find(account);
  if (it == state_->accounts.end()) return out;
  for (const auto& [id, d] : it->second.devices) out.push_back(id);
  return out;
}

size_t FakeRelay::OneTimePrekeyCount(const std::string& account, uint32_t device) const {
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  return d ? d->one_time.size() : 0;
}

std::optional<uint32_t> FakeRelay::SignedPrekeyId(const std::string& account,
                                                  uint32_t device) const {
  std::lock_guard lock(state_->mu);
  DeviceState* d = state_->FindDevice(Address{account, device});
  if (!d || !d->signed_prekey) return std::nullopt;
  return d->signed_prekey->id();
}

uint64_t FakeRelay::RequestCount(wire::Request::OpCase kind) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->request_counts.find(kind);
  return it == state_->request_counts.end() ? 0 : it->second;
}

uint64_t FakeRelay::LinksOpened() const {
  std::lock_guard lock(state_->mu);
  return state_->next_link_id - 1;
}

}  // namespace kollega::testing
