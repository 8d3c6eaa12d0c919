// Connection: the protocol state of one WebSocket — its challenge nonce, who
// it authenticated as, its rate limits, and its delivery cursor — and the
// handlers for every request.
//
// The bodies are split by concern:
//   connection.cpp          frame parsing, replies, closing
//   dispatch.cpp            the request table: one row per request type
//   handlers_account.cpp    challenge, ping, accounts, authentication, devices
//   handlers_prekeys.cpp    prekey upload, count, bundle fetch
//   handlers_devices.cpp    signed device lists, unlinking, device caps
//   handlers_messages.cpp   send and ack
//   delivery.cpp            mailbox drain, live pushes, write backpressure
//   handlers_org.cpp        organisations, availability, case claims
//
// Ownership: a member of its WebSocket session; the shared_ptr handed out
// (Bind) aliases the session, so anyone holding it keeps the whole session
// alive. Thread-safety: everything runs on the session's strand except the
// DeliveryTarget methods, which only Post() to it.
//
// Store writes other than Send's and Ack's (accounts, devices, link tokens,
// prekeys, device lists) run on ServerContext::account_writes, never on
// the strand (OffThread). While one is in flight the session reads no
// further request (AwaitingStore), so requests are still handled one after
// another in the order sent: a request never sees the store from before an
// earlier one of the same connection.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rate_limiter.h"
#include "registry.h"
#include "relay.pb.h"
#include "server_context.h"
#include "transport.h"

namespace kollega::server {

// The wire error for a failed store call: disk full, shutting down, or an
// internal failure. Callers map NotFound and the like themselves first.
wire::ErrorCode StoreErrorCode(const Status& status);
wire::ErrorCode StoreErrorCode(StatusCode code);

class Connection final : public DeliveryTarget {
 public:
  Connection(ServerContext& ctx, Transport& transport);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Called once by the session with a pointer that shares its ownership;
  // registers the connection (for shutdown) and counts it.
  void Bind(const std::shared_ptr<Connection>& self);

  // Strand-only entry points, called by the session.
  void OnOpen();  // pushes the first Challenge
  // Time to solve the proof of work announced with the current nonce on a
  // slow phone, added to the authentication deadline (docs/abuse.md,
  // "Authentication deadline").
  std::chrono::milliseconds ProofOfWorkAllowance() const;
  void OnMessage(std::string_view bytes);  // one binary WebSocket message
  void OnWritable();                       // the write queue has drained
  void OnClosed();                         // the session has ended
  // Logged in (Authenticate succeeded): the session then lifts its
  // pre-login frame cap and forgets the authentication deadline.
  bool LoggedIn() const { return Authenticated(); }
  // Logged in, or (not logged in) published an object signed by a hosted
  // organisation key (docs/organisations.md §5): either lifts the pre-login
  // frame cap and the authentication deadline.
  bool FrameCapLifted() const { return Authenticated() || org_proven_; }
  // The authentication deadline passed (docs/abuse.md): closes with 4003
  // unless the connection has logged in meanwhile.
  void OnAuthDeadline();
  // A request's store write is in flight on the account worker: the
  // session reads nothing more until the connection calls
  // Transport::ResumeReading().
  bool AwaitingStore() const { return store_tasks_ > 0; }

  // DeliveryTarget: any thread; each posts to the strand.
  void OnEnvelope(uint64_t seq, std::shared_ptr<const std::string> payload) override;
  void OnPrekeysLow(uint32_t remaining) override;
  void OnReplaced() override;
  void OnShutdown() override;
  void OnUnlinked() override;
  void OnDeviceListChanged(std::shared_ptr<const std::string> signed_list) override;

 private:
  // dispatch.cpp: the request table. A handler gets the whole request and
  // reads its own op out of it, so every row has the same type; a member
  // function pointer, so a lookup allocates nothing.
  using Handler = void (Connection::*)(uint64_t id, const wire::Request& request);
  enum class Access : uint8_t {
    kAnyone,         // may run before authentication (and after it)
    kAuthenticated,  // NOT_AUTHENTICATED until the connection has logged in
  };
  struct Route {
    Handler handler = nullptr;
    Access access = Access::kAuthenticated;
  };
  // The route for `op`, or null for an op this relay does not handle.
  static const Route* FindRoute(wire::Request::OpCase op);
  void Dispatch(const wire::Request& request);

  // connection.cpp
  bool Authenticated() const { return address_.has_value(); }
  void Reply(uint64_t id, wire::ErrorCode code, std::string_view message);
  void Reply(uint64_t id, wire::ErrorCode code, std::string_view message, wire::Response& response);
  void ReplyOk(uint64_t id, wire::Response& response);
  // Sends `push` and leaves it empty (its contents move into the frame).
  void SendPush(wire::Push& push);
  // Pushes Closing{reason} (when `tell` is set), then closes.
  void CloseWith(uint16_t code, const std::string& reason, bool tell);
  // Consumes the current nonce: nullopt if there is none (used or never
  // issued), which callers answer with AUTH_FAILED.
  std::optional<std::string> TakeNonce();
  wire::Challenge FreshChallenge();
  void MaybeFinishShutdown();
  void Cleanup();
  // Runs `work` on the account worker (it must not touch this connection:
  // it captures what it needs) and sends its answer to request `id` from
  // the strand. Counts as a pending write for shutdown; UNAVAILABLE when the
  // worker has stopped.
  void OffThread(uint64_t id, std::function<StoreAnswer()> work);

  // Handlers, one per row of the request table (all of type Handler).
  // handlers_account.cpp
  void HandleGetChallenge(uint64_t id, const wire::Request& request);
  void HandlePing(uint64_t id, const wire::Request& request);
  void HandleCreateAccount(uint64_t id, const wire::Request& request);
  void HandleAuthenticate(uint64_t id, const wire::Request& request);
  void HandleRegisterDevice(uint64_t id, const wire::Request& request);
  void HandleCreateLinkToken(uint64_t id, const wire::Request& request);

  // handlers_devices.cpp
  void HandleListDevices(uint64_t id, const wire::Request& request);
  void HandlePublishDeviceList(uint64_t id, const wire::Request& request);
  void HandleUnlinkDevice(uint64_t id, const wire::Request& request);
  void HandleGetDeviceList(uint64_t id, const wire::Request& request);
  // Records this device's authentication (DeviceInfo.last_seen_ms), on
  // the account worker; nothing waits for it.
  void RecordSeen();
  // False (and answers TOO_MANY) when `account` is at --max-devices.
  bool CheckDeviceCap(uint64_t id, const std::string& account);

  // handlers_prekeys.cpp
  void HandleUploadPrekeys(uint64_t id, const wire::Request& request);
  void HandleGetPrekeyCount(uint64_t id, const wire::Request& request);
  void HandleFetchBundle(uint64_t id, const wire::Request& request);
  // Pushes PrekeysLow to this device when its stock is below the threshold.
  void CheckOwnPrekeys();

  // handlers_messages.cpp
  void HandleSend(uint64_t id, const wire::Request& request);
  void HandleAck(uint64_t id, const wire::Request& request);
  // Store completions, back on the strand.
  // `full`: devices whose mailbox was full (nothing stored for them).
  void OnAppendDone(uint64_t id, const Status& status, int64_t server_time_ms,
                    const std::vector<uint32_t>& full);
  // `quiet`: the Ack asked for an answer only on failure.
  void OnRemoveDone(uint64_t id, size_t asked, bool quiet, const Status& status,
                    std::vector<uint64_t> unknown);

  // handlers_org.cpp
  void HandlePublishOrgObject(uint64_t id, const wire::Request& request);
  void HandleGetOrganisation(uint64_t id, const wire::Request& request);
  void HandlePublishAvailability(uint64_t id, const wire::Request& request);
  void HandleClaimCase(uint64_t id, const wire::Request& request);

  // delivery.cpp
  void StartDelivery();
  void ScheduleDrain();
  void DrainStep();
  void OnEnvelopeOnStrand(uint64_t seq, std::shared_ptr<const std::string> payload);
  void FlushLive();
  // Sends `deliveries` as Deliver pushes of bounded size.
  void PushDeliveries(std::vector<wire::Delivery>& deliveries);

  ServerContext& ctx_;
  Transport& transport_;
  std::weak_ptr<Connection> weak_self_;
  bool bound_ = false;
  bool cleaned_up_ = false;

  // Authentication.
  std::optional<std::string> nonce_;
  uint32_t nonce_pow_bits_ = 0;  // the difficulty announced with nonce_
  std::optional<DeviceAddress> address_;
  uint32_t accounts_created_ = 0;
  bool org_proven_ = false;  // see FrameCapLifted()

  // Flood control.
  TokenBucket request_bucket_;
  int64_t refusals_since_ms_ = 0;  // start of the second refusals_ counts
  uint32_t refusals_ = 0;
  uint32_t malformed_frames_ = 0;

  // Lifecycle.
  bool closing_ = false;         // a close was started; ignore further input
  bool shutting_down_ = false;   // relay shutdown: answer UNAVAILABLE, then close
  uint32_t pending_writes_ = 0;  // store writes not yet answered (all kinds)
  uint32_t store_tasks_ = 0;     // of them, on the account worker

  // Delivery (see delivery.cpp for the invariants).
  bool delivering_ = false;
  bool behind_ = true;  // the store may hold envelopes not yet pushed
  bool drain_scheduled_ = false;
  bool queue_empty_sent_ = false;
  bool flush_scheduled_ = false;
  uint64_t last_pushed_seq_ = 0;
  std::vector<wire::Delivery> pending_live_;
};

}  // namespace kollega::server
