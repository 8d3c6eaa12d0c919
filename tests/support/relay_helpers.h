// Protocol helpers for relay integration tests: build requests, create an
// account (solving the proof of work the relay asks for), authenticate,
// upload fake prekeys, send and ack. Failures are reported with gtest's
// ADD_FAILURE and an empty result, so a test reads top to bottom.
//
// Thread-safety: the free functions keep no state; a TestDevice may be
// shared read-only across threads.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kollega/crypto/device_key.h"
#include "relay.pb.h"
#include "support/test_client.h"

namespace kollega::testing {

// A device the test created: its account, id and Ed25519 auth key.
struct TestDevice {
  std::string account;
  uint32_t device_id = 0;
  std::shared_ptr<crypto::DeviceKey> key;
  uint32_t registration_id = 1;
};

wire::Request GetChallengeRequest();
wire::Request PingRequest();
// Asks for a fresh challenge; nullopt on failure.
std::optional<wire::Challenge> FreshChallenge(TestClient& client);

// A NewDevice with a valid proof for `nonce`.
wire::NewDevice MakeNewDevice(const crypto::DeviceKey& key, const std::string& nonce,
                              uint32_t registration_id);

// Creates an account on `client` (which stays unauthenticated).
std::optional<TestDevice> CreateAccount(TestClient& client);
// An Authenticate request for `nonce`, signed as DeviceAuthMessageV2 over
// `origin` and `exporter` (docs/protocol-recipes.md).
wire::Request AuthenticateRequest(const TestDevice& device, const std::string& nonce,
                                  const std::string& origin, const std::string& exporter = "");
// Authenticates `client` as `device` (over its own origin, cleartext);
// returns the response (check .code()).
std::optional<wire::Response> Authenticate(TestClient& client, const TestDevice& device);
// Connects, authenticates, and returns the client, or nullptr.
std::unique_ptr<TestClient> ConnectAs(uint16_t port, const TestDevice& device);
// Connects, creates an account, authenticates: the common case.
std::optional<TestDevice> NewAccount(uint16_t port, std::unique_ptr<TestClient>* client);
// Adds a device to `owner`'s account via a link token; returns it.
std::optional<TestDevice> LinkDevice(uint16_t port, TestClient& owner, const TestDevice& owner_dev);

// NewAccount and LinkDevice for a device that is to receive: since a device
// without a signed prekey is no recipient (docs/protocol.md §4.11), each
// also uploads one (LinkRecipient logs the new device in once to do so).
std::optional<TestDevice> NewRecipient(uint16_t port, std::unique_ptr<TestClient>* client);
std::optional<TestDevice> LinkRecipient(uint16_t port, TestClient& owner,
                                        const TestDevice& owner_dev);

// Fake 33-byte keys (the relay checks sizes, not XEdDSA signatures).
std::string FakeKey(uint32_t seed);
// Uploads an identity key, a signed prekey and `count` one-time prekeys
// with ids first_id, first_id+1, ...
std::optional<wire::Response> UploadPrekeys(TestClient& client, uint32_t count,
                                            uint32_t first_id = 1);
// The request UploadPrekeys sends, for tests that pipeline it.
wire::Request UploadPrekeysRequest(uint32_t count, uint32_t first_id);

wire::Request SendRequest(const std::string& recipient, const std::vector<uint32_t>& devices,
                          const std::string& content);
std::optional<wire::Response> Send(TestClient& client, const std::string& recipient,
                                   const std::vector<uint32_t>& devices,
                                   const std::string& content);
std::optional<wire::Response> Ack(TestClient& client, const std::vector<uint64_t>& seqs);

// A delivered envelope, decoded.
struct Received {
  uint64_t seq = 0;
  wire::Envelope envelope;
};
// Collects Deliver pushes until `count` envelopes arrived or timeout.
std::vector<Received> ReceiveEnvelopes(TestClient& client, size_t count,
                                       milliseconds timeout = kWait);
// True if a QueueEmpty push arrives within timeout.
bool WaitQueueEmpty(TestClient& client, milliseconds timeout = kWait);

}  // namespace kollega::testing
