// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/relay_helpers.h"

#include <gtest/gtest.h>

namespace kollega::testing {

wire::Request GetChallengeRequest() {
  wire::Request r;
  r.mutable_get_challenge();
  return r;
}

wire::Request PingRequest() {
  wire::Request r;
  r.mutable_ping();
  return r;
}

std::optional<wire::Challenge> FreshChallenge(TestClient& client) {
  auto response = client.Call(GetChallengeRequest());
  if (!response || response->code() != wire::OK || !response->has_challenge()) {
    ADD_FAILURE() << "GetChallenge failed";
    return std::nullopt;
  }
  return response->challenge();
}

wire::NewDevice MakeNewDevice(const crypto::DeviceKey& key, const std::string& nonce,
                              uint32_t registration_id) {
  wire::NewDevice d;
  d.set_auth_public_key(key.public_key());
  d.set_registration_id(registration_id);
  d.set_proof(key.Sign(crypto::DeviceAuthMessage(nonce, "", 0)).value());
  return d;
}

std::optional<TestDevice> CreateAccount(TestClient& client) {
  auto challenge = FreshChallenge(client);
  if (!challenge) return std::nullopt;
  auto key = crypto::DeviceKey::Generate();
  if (!key.ok()) return std::nullopt;
  TestDevice device;
  device.key = std::make_shared<crypto::DeviceKey>(std::move(key).value());
  device.registration_id = 1234;
  wire::Request r;
  r.mutable_create_account()->set_pow_solution(
      crypto::SolveProofOfWork(challenge->nonce(), challenge->pow_bits()));
  *r.mutable_create_account()->mutable_device() =
      MakeNewDevice(*device.key, challenge->nonce(), device.registration_id);
  auto response = client.Call(r);
  if (!response || response->code() != wire::OK || !response->has_account_created()) {
    ADD_FAILURE() << "CreateAccount failed: "
                  << (response ? response->ShortDebugString() : std::string("no response"));
    return std::nullopt;
  }
  device.account = response->account_created().account_id();
  device.device_id = response->account_created().device_id();
  return device;
}

wire::Request AuthenticateRequest(const TestDevice& device, const std::string& nonce,
                                  const std::string& origin, const std::string& exporter) {
  wire::Request r;
  r.mutable_authenticate()->set_account_id(device.account);
  r.mutable_authenticate()->set_device_id(device.device_id);
  r.mutable_authenticate()->set_origin(origin);
  r.mutable_authenticate()->set_tls_exporter(exporter);
  r.mutable_authenticate()->set_signature(
      device.key
          ->Sign(crypto::DeviceAuthMessageV2(nonce, device.account, device.device_id, origin,
                                             exporter))
          .value());
  return r;
}

std::optional<wire::Response> Authenticate(TestClient& client, const TestDevice& device) {
  auto challenge = FreshChallenge(client);
  if (!challenge) return std::nullopt;
  return client.Call(AuthenticateRequest(device, challenge->nonce(), client.origin()));
}

std::unique_ptr<TestClient> ConnectAs(uint16_t port, const TestDevice& device) {
  auto client = TestClient::Connect(port);
  if (!client) {
    ADD_FAILURE() << "connect failed";
    return nullptr;
  }
  auto response = Authenticate(*client, device);
  if (!response || response->code() != wire::OK) {
    ADD_FAILURE() << "Authenticate failed: "
                  << (response ? response->ShortDebugString() : std::string("no response"));
    return nullptr;
  }
  return client;
}

std::optional<TestDevice> NewAccount(uint16_t port, std::unique_ptr<TestClient>* client) {
  auto c = TestClient::Connect(port);
  if (!c) {
    ADD_FAILURE() << "connect failed";
    return std::nullopt;
  }
  auto device = CreateAccount(*c);
  if (!device) return std::nullopt;
  auto response = Authenticate(*c, *device);
  if (!response || response->code() != wire::OK) {
    ADD_FAILURE() << "Authenticate failed";
    return std::nullopt;
  }
  *client = std::move(c);
  return device;
}

std::optional<TestDevice> LinkDevice(uint16_t port, TestClient& owner,
                                     const TestDevice& owner_dev) {
  wire::Request token_request;
  token_request.mutable_create_link_token();
  auto token = owner.Call(token_request);
  if (!token || token->code() != wire::OK) {
    ADD_FAILURE() << "CreateLinkToken failed";
    return std::nullopt;
  }
  auto client = TestClient::Connect(port);
  if (!client) return std::nullopt;
  auto challenge = FreshChallenge(*client);
  if (!challenge) return std::nullopt;
  TestDevice device;
  device.account = owner_dev.account;
  device.key = std::make_shared<crypto::DeviceKey>(crypto::DeviceKey::Generate().value());
  device.registration_id = 4321;
  wire::Request r;
  r.mutable_register_device()->set_account_id(device.account);
  r.mutable_register_device()->set_link_token(token->link_token().token());
  *r.mutable_register_device()->mutable_device() =
      MakeNewDevice(*device.key, challenge->nonce(), device.registration_id);
  auto response = client->Call(r);
  if (!response || response->code() != wire::OK) {
    ADD_FAILURE() << "RegisterDevice failed";
    return std::nullopt;
  }
  device.device_id = response->device_registered().device_id();
  return device;
}

std::optional<TestDevice> NewRecipient(uint16_t port, std::unique_ptr<TestClient>* client) {
  auto device = NewAccount(port, client);
  if (!device) return std::nullopt;
  auto up = UploadPrekeys(**client, 0);
  if (!up || up->code() != wire::OK) {
    ADD_FAILURE() << "UploadPrekeys failed";
    return std::nullopt;
  }
  return device;
}

std::optional<TestDevice> LinkRecipient(uint16_t port, TestClient& owner,
                                        const TestDevice& owner_dev) {
  auto device = LinkDevice(port, owner, owner_dev);
  if (!device) return std::nullopt;
  auto client = ConnectAs(port, *device);
  if (!client) return std::nullopt;
  auto up = UploadPrekeys(*client, 0);
  if (!up || up->code() != wire::OK) {
    ADD_FAILURE() << "UploadPrekeys failed";
    return std::nullopt;
  }
  return device;
}

std::string FakeKey(uint32_t seed) {
  std::string key(33, '\0');
  key[0] = 0x05;
  for (size_t i = 1; i < key.size(); ++i) key[i] = static_cast<char>((seed * 131 + i * 7) & 0xff);
  return key;
}

wire::Request UploadPrekeysRequest(uint32_t count, uint32_t first_id) {
  wire::Request r;
  wire::UploadPrekeys* up = r.mutable_upload_prekeys();
  up->set_identity_key(FakeKey(0));
  up->mutable_signed_prekey()->set_id(1);
  up->mutable_signed_prekey()->set_public_key(FakeKey(1));
  up->mutable_signed_prekey()->set_signature(std::string(64, 's'));
  for (uint32_t i = 0; i < count; ++i) {
    wire::OneTimePrekey* k = up->add_one_time_prekeys();
    k->set_id(first_id + i);
    k->set_public_key(FakeKey(1000 + first_id + i));
  }
  return r;
}

std::optional<wire::Response> UploadPrekeys(TestClient& client, uint32_t count, uint32_t first_id) {
  return client.Call(UploadPrekeysRequest(count, first_id));
}

wire::Request SendRequest(const std::string& recipient, const std::vector<uint32_t>& devices,
                          const std::string& content) {
  wire::Request r;
  r.mutable_send()->set_recipient_account(recipient);
  for (uint32_t d : devices) {
    wire::OutgoingEnvelope* e = r.mutable_send()->add_envelopes();
    e->set_device_id(d);
    e->set_type(wire::ENVELOPE_TYPE_SIGNAL_MESSAGE);
    e->set_content(content);
  }
  return r;
}

std::optional<wire::Response> Send(TestClient& client, const std::string& recipient,
                                   const std::vector<uint32_t>& devices,
                                   const std::string& content) {
  return client.Call(SendRequest(recipient, devices, content));
}

std::optional<wire::Response> Ack(TestClient& client, const std::vector<uint64_t>& seqs) {
  wire::Request r;
  for (uint64_t s : seqs) r.mutable_ack()->add_seqs(s);
  return client.Call(r);
}

std::vector<Received> ReceiveEnvelopes(TestClient& client, size_t count, milliseconds timeout) {
  std::vector<Received> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < count) {
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    auto push = client.WaitPush([](const wire::Push& p) { return p.has_deliver(); }, left);
    if (!push) break;
    for (const wire::Delivery& d : push->deliver().deliveries()) {
      Received r;
      r.seq = d.seq();
      EXPECT_TRUE(r.envelope.ParseFromString(d.envelope()));
      out.push_back(std::move(r));
    }
  }
  return out;
}

bool WaitQueueEmpty(TestClient& client, milliseconds timeout) {
  return client.WaitPush([](const wire::Push& p) { return p.has_queue_empty(); }, timeout)
      .has_value();
}

}  // namespace kollega::testing
