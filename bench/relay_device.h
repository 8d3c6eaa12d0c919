// One device's connection to kollega-relay, speaking just enough of the wire
// protocol (proto/relay.proto) for load generation: create an anonymous
// account, authenticate by challenge-response, send, receive Deliver pushes,
// acknowledge.
//
// Lives on one Loop; every method and callback runs on that Loop's thread.
// Ownership: the owner holds the RelayDevice; the underlying WsClient is
// shared and may outlive it only while the Loop is stopped.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kollega/crypto/device_key.h"
#include "relay.pb.h"
#include "ws_client.h"

namespace kollega::bench {

// What logs a device in again later (e.g. on a relay restarted over the
// same data directory): its account, device id and key.
struct DeviceCredentials {
  std::string account_id;
  uint32_t device_id = 0;
  std::shared_ptr<const crypto::DeviceKey> key;
};

class RelayDevice {
 public:
  using DoneFn = std::function<void(bool ok, const std::string& error)>;

  // `source`: the local address to connect from (WsClient::set_local_address).
  RelayDevice(Loop& loop, std::string host, uint16_t port, bool tls = false,
              std::string source = "");
  ~RelayDevice();

  // Connects and waits for the relay's first Challenge push.
  void Connect(DoneFn done);
  // Creates a fresh account whose device 1 is this device (new key), using
  // the current challenge. Needs Connect first.
  void CreateAccount(DoneFn done);
  // Authenticates as account/device with `key` (a fresh challenge is asked
  // for when the current one was used up).
  void Authenticate(const std::string& account_id, uint32_t device_id,
                    std::shared_ptr<const crypto::DeviceKey> key, DoneFn done);
  // Connect, CreateAccount, Authenticate, UploadSignedPrekey, then
  // PublishDeviceList.
  void SetUpFreshAccount(DoneFn done);
  // Uploads a well-formed identity key and signed prekey.
  void UploadSignedPrekey(DoneFn done);
  // Publishes version 1 of the account's device list: this device alone.
  void PublishDeviceList(DoneFn done);

  // Sends one envelope of `content` to device 1 of `recipient`.
  void SendTo(const std::string& recipient, const std::string& content);
  void Ack(const std::vector<uint64_t>& seqs);
  void Close();
  // Asks for a fresh challenge (GetChallenge), for another CreateAccount
  // or Authenticate on the same connection.
  void RequestChallenge(DoneFn done);
  // Any request, answered to `handler` (ids are assigned here).
  void Call(wire::Request& request, std::function<void(const wire::Response&)> handler) {
    Request(request, std::move(handler));
  }
  // The difficulty of the current (or last) challenge, and the code of the
  // last CreateAccount answer.
  uint32_t pow_bits() const { return pow_bits_; }
  wire::ErrorCode last_create_code() const { return last_create_code_; }
  DeviceCredentials credentials() const { return {account_id_, device_id_, key_}; }

  const std::string& account_id() const { return account_id_; }
  uint32_t device_id() const { return device_id_; }
  std::shared_ptr<const crypto::DeviceKey> key() const { return key_; }

  // Solves CreateAccount's proof of work; unset = crypto::SolveProofOfWork.
  // An attacker that must stop mid-solve gives its own (attack_accounts.cpp).
  std::function<std::string(const std::string& nonce, uint32_t bits)> pow_solver;

  // After authentication: responses to SendTo/Ack and Deliver pushes.
  std::function<void(const wire::Response&)> on_response;
  std::function<void(const wire::Deliver&)> on_deliver;
  std::function<void(const std::string& why)> on_closed;

 private:
  void OnFrame(std::string_view bytes);
  void Request(wire::Request& request, std::function<void(const wire::Response&)> handler);
  void WithChallenge(std::function<void(const std::string& nonce)> fn);

  std::shared_ptr<WsClient> ws_;
  std::string host_;
  uint16_t port_;
  bool tls_;
  uint64_t next_id_ = 1;
  // Handlers for setup requests; once authenticated, responses go to
  // on_response instead (no per-message bookkeeping on the hot path).
  std::vector<std::pair<uint64_t, std::function<void(const wire::Response&)>>> pending_;
  std::string nonce_;  // current unused challenge, empty once consumed
  uint32_t pow_bits_ = 0;
  wire::ErrorCode last_create_code_ = wire::OK;
  std::function<void(const std::string&)> waiting_for_challenge_;
  std::string account_id_;
  uint32_t device_id_ = 0;
  std::shared_ptr<const crypto::DeviceKey> key_;
  wire::Frame scratch_;  // reused for parsing, to avoid an allocation per frame
};

}  // namespace kollega::bench
