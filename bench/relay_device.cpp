// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay_device.h"

#include <algorithm>

#include "kollega/base/origin.h"

namespace kollega::bench {

namespace {

constexpr char kWebSocketPath[] = "/v1/websocket";

std::string Describe(const wire::Response& r) {
  return wire::ErrorCode_Name(r.code()) + (r.message().empty() ? "" : ": " + r.message());
}

}  // namespace

RelayDevice::RelayDevice(Loop& loop, std::string host, uint16_t port, bool tls, std::string source)
    : ws_(WsClient::Create(loop, tls)), host_(std::move(host)), port_(port), tls_(tls) {
  ws_->set_local_address(std::move(source));
}

RelayDevice::~RelayDevice() {
  // The client may outlive us in pending handlers; make sure it can no
  // longer call back into a destroyed object.
  ws_->set_on_message(nullptr);
  ws_->set_on_closed(nullptr);
}

void RelayDevice::Connect(DoneFn done) {
  ws_->set_on_message([this](std::string_view bytes) { OnFrame(bytes); });
  ws_->set_on_closed([this](const std::string& why) {
    if (on_closed) on_closed(why);
  });
  ws_->Connect(host_, port_, kWebSocketPath,
               [this, done = std::move(done)](bool ok, const std::string& error) {
                 if (!ok) return done(false, error);
                 // The relay pushes a challenge on connect; setup starts
                 // once it is here.
                 WithChallenge([done](const std::string&) { done(true, ""); });
               });
}

void RelayDevice::WithChallenge(std::function<void(const std::string&)> fn) {
  if (!nonce_.empty()) return fn(nonce_);
  waiting_for_challenge_ = std::move(fn);
}

void RelayDevice::CreateAccount(DoneFn done) {
  auto key = crypto::DeviceKey::Generate();
  if (!key.ok()) return done(false, key.status().ToString());
  key_ = std::make_shared<const crypto::DeviceKey>(std::move(key).value());
  WithChallenge([this, done = std::move(done)](const std::string& nonce) {
    wire::Request request;
    auto* create = request.mutable_create_account();
    // pow_bits comes with the challenge; 0 makes any solution valid.
    create->set_pow_solution(pow_solver ? pow_solver(nonce, pow_bits_)
                                        : crypto::SolveProofOfWork(nonce, pow_bits_));
    auto* device = create->mutable_device();
    device->set_auth_public_key(key_->public_key());
    device->set_registration_id(1 + static_cast<uint32_t>(next_id_ % 16000));
    auto proof = key_->Sign(crypto::DeviceAuthMessage(nonce, "", 0));
    if (!proof.ok()) return done(false, proof.status().ToString());
    device->set_proof(*proof);
    nonce_.clear();
    Request(request, [this, done](const wire::Response& r) {
      last_create_code_ = r.code();
      if (r.code() != wire::OK || !r.has_account_created()) {
        return done(false, "CreateAccount: " + Describe(r));
      }
      account_id_ = r.account_created().account_id();
      device_id_ = r.account_created().device_id();
      done(true, "");
    });
  });
}

void RelayDevice::Authenticate(const std::string& account_id, uint32_t device_id,
                               std::shared_ptr<const crypto::DeviceKey> key, DoneFn done) {
  account_id_ = account_id;
  device_id_ = device_id;
  key_ = std::move(key);
  if (nonce_.empty()) {
    wire::Request get;
    get.mutable_get_challenge();
    Request(get, [this, done](const wire::Response& r) {
      if (r.code() != wire::OK || !r.has_challenge()) {
        return done(false, "GetChallenge: " + Describe(r));
      }
      nonce_ = r.challenge().nonce();
      Authenticate(account_id_, device_id_, key_, done);
    });
    return;
  }
  wire::Request request;
  auto* auth = request.mutable_authenticate();
  auth->set_account_id(account_id_);
  auth->set_device_id(device_id_);
  // Channel-bound like every login (docs/trust.md §5): the relay must accept
  // this origin (loopback on its port, or one of its --public-url).
  const std::string origin = FormatOrigin(tls_, host_, port_);
  const std::string exporter = ws_->TlsExporter();
  auto signature =
      key_->Sign(crypto::DeviceAuthMessageV2(nonce_, account_id_, device_id_, origin, exporter));
  if (!signature.ok()) return done(false, signature.status().ToString());
  auth->set_signature(*signature);
  auth->set_origin(origin);
  auth->set_tls_exporter(exporter);
  nonce_.clear();
  Request(request, [done](const wire::Response& r) {
    if (r.code() != wire::OK) return done(false, "Authenticate: " + Describe(r));
    done(true, "");
  });
}

void RelayDevice::SetUpFreshAccount(DoneFn done) {
  Connect([this, done](bool ok, const std::string& error) {
    if (!ok) return done(false, error);
    CreateAccount([this, done](bool ok, const std::string& error) {
      if (!ok) return done(false, error);
      Authenticate(account_id_, device_id_, key_, [this, done](bool ok, const std::string& error) {
        if (!ok) return done(false, error);
        UploadSignedPrekey([this, done](bool ok, const std::string& error) {
          if (!ok) return done(false, error);
          PublishDeviceList(done);
        });
      });
    });
  });
}

// A device without a signed prekey is no recipient (docs/protocol.md
// §4.11), so every benchmark account uploads one (shapes only: the relay
// checks no signature).
void RelayDevice::UploadSignedPrekey(DoneFn done) {
  wire::Request request;
  auto* upload = request.mutable_upload_prekeys();
  std::string key(33, '\x11');
  key[0] = 0x05;
  upload->set_identity_key(key);
  upload->mutable_signed_prekey()->set_id(1);
  upload->mutable_signed_prekey()->set_public_key(key);
  upload->mutable_signed_prekey()->set_signature(std::string(64, 's'));
  Request(request, [done](const wire::Response& r) {
    if (r.code() != wire::OK) return done(false, "UploadPrekeys: " + Describe(r));
    done(true, "");
  });
}

// Every real account has a signed device list, and the relay checks each
// Send against it (docs/protocol.md §4.11), so benchmark accounts publish
// one. Shapes only: the relay verifies no list signature (clients do).
void RelayDevice::PublishDeviceList(DoneFn done) {
  wire::DeviceListBody body;
  body.set_account_id(account_id_);
  body.set_version(1);
  wire::ListedDevice* self = body.add_devices();
  self->set_device_id(device_id_);
  self->set_auth_public_key(key_->public_key());
  wire::Request request;
  wire::SignedDeviceList* list = request.mutable_publish_device_list()->mutable_list();
  list->set_body(body.SerializeAsString());
  list->set_signature(std::string(64, 's'));
  Request(request, [done](const wire::Response& r) {
    // A relay from before device lists, for A/B runs against an old build.
    if (r.code() == wire::UNSUPPORTED_OPERATION) return done(true, "");
    if (r.code() != wire::OK) return done(false, "PublishDeviceList: " + Describe(r));
    done(true, "");
  });
}

void RelayDevice::SendTo(const std::string& recipient, const std::string& content) {
  wire::Request request;
  auto* send = request.mutable_send();
  send->set_recipient_account(recipient);
  auto* envelope = send->add_envelopes();
  envelope->set_device_id(1);
  envelope->set_type(wire::ENVELOPE_TYPE_SIGNAL_MESSAGE);
  envelope->set_content(content);
  Request(request, nullptr);
}

void RelayDevice::Ack(const std::vector<uint64_t>& seqs) {
  wire::Request request;
  auto* ack = request.mutable_ack();
  ack->mutable_seqs()->Add(seqs.begin(), seqs.end());
  ack->set_quiet(true);  // as client-core acks: an answer only on failure
  Request(request, nullptr);
}

void RelayDevice::Close() { ws_->Close(); }

void RelayDevice::RequestChallenge(DoneFn done) {
  wire::Request get;
  get.mutable_get_challenge();
  Request(get, [this, done = std::move(done)](const wire::Response& r) {
    if (r.code() != wire::OK || !r.has_challenge()) {
      return done(false, "GetChallenge: " + Describe(r));
    }
    nonce_ = r.challenge().nonce();
    pow_bits_ = r.challenge().pow_bits();
    done(true, "");
  });
}

void RelayDevice::Request(wire::Request& request,
                          std::function<void(const wire::Response&)> handler) {
  request.set_id(next_id_++);
  if (handler) pending_.emplace_back(request.id(), std::move(handler));
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  frame.unsafe_arena_set_allocated_request(&request);
  std::string bytes = frame.SerializeAsString();
  frame.unsafe_arena_release_request();  // `request` stays the caller's
  ws_->Send(std::move(bytes));
}

void RelayDevice::OnFrame(std::string_view bytes) {
  if (!scratch_.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    if (on_closed) on_closed("unparseable frame from relay");
    return;
  }
  if (scratch_.has_response()) {
    const wire::Response& r = scratch_.response();
    auto it = std::find_if(pending_.begin(), pending_.end(),
                           [&](const auto& p) { return p.first == r.id(); });
    if (it != pending_.end()) {
      auto handler = std::move(it->second);
      pending_.erase(it);
      handler(r);
    } else if (on_response) {
      on_response(r);
    }
    return;
  }
  if (!scratch_.has_push()) return;
  const wire::Push& push = scratch_.push();
  if (push.has_challenge()) {
    nonce_ = push.challenge().nonce();
    pow_bits_ = push.challenge().pow_bits();
    if (waiting_for_challenge_) {
      auto fn = std::move(waiting_for_challenge_);
      waiting_for_challenge_ = nullptr;
      fn(nonce_);
    }
  } else if (push.has_deliver() && on_deliver) {
    on_deliver(push.deliver());
  }
}

}  // namespace kollega::bench
