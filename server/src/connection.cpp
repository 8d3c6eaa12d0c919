// Frame parsing, replies and the connection's lifecycle. Requests that pass
// the frame checks go to Dispatch (dispatch.cpp, the request table).
//
// Every input from the socket is untrusted: it is parsed, checked and either
// answered with a specific ErrorCode or closes the connection with a reason.
// Nothing here throws or asserts on client input.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "relay_features.h"

namespace kollega::server {
namespace {

constexpr char kLog[] = "conn";
constexpr uint32_t kMaxMalformedFrames = 3;
// WebSocket close codes (RFC 6455 and the private 4000 range).
constexpr uint16_t kCloseGoingAway = 1001;
constexpr uint16_t kCloseProtocolError = 1002;
constexpr uint16_t kClosePolicyViolation = 1008;
constexpr uint16_t kCloseAuthTimeout = 4003;

}  // namespace

wire::ErrorCode StoreErrorCode(const Status& status) { return StoreErrorCode(status.code()); }

wire::ErrorCode StoreErrorCode(StatusCode code) {
  switch (code) {
    case StatusCode::kResourceExhausted:
      return wire::MAILBOX_FULL;
    case StatusCode::kStorageFull:
      return wire::STORAGE_FULL;
    case StatusCode::kUnavailable:
      return wire::UNAVAILABLE;
    default:
      return wire::INTERNAL;
  }
}

Connection::Connection(ServerContext& ctx, Transport& transport)
    : ctx_(ctx),
      transport_(transport),
      request_bucket_(ctx.config.request_rate, 1000, ctx.config.request_rate, ctx.clock->NowMs()) {}

Connection::~Connection() { Cleanup(); }

void Connection::Bind(const std::shared_ptr<Connection>& self) {
  weak_self_ = self;
  bound_ = true;
  ctx_.registry.AddConnection(this, std::weak_ptr<DeliveryTarget>(self));
  ctx_.metrics.connections.fetch_add(1, std::memory_order_relaxed);
}

void Connection::Cleanup() {
  if (cleaned_up_ || !bound_) return;
  cleaned_up_ = true;
  if (address_) {
    ctx_.registry.Unregister(*address_, this);
    ctx_.metrics.authenticated_connections.fetch_sub(1, std::memory_order_relaxed);
  }
  ctx_.registry.RemoveConnection(this);
  ctx_.metrics.connections.fetch_sub(1, std::memory_order_relaxed);
}

void Connection::OnOpen() {
  wire::Push push;
  *push.mutable_challenge() = FreshChallenge();
  SendPush(push);
}

std::chrono::milliseconds Connection::ProofOfWorkAllowance() const {
  // A slow phone's solver; this repository's solver does about 7.6 M/s on
  // one core of the development VM (crypto_bench, BM_ProofOfWorkSolver).
  constexpr uint64_t kSlowSolverHashesPerMs = 1000;
  // Bounded, so that no --pow-bits setting overflows the deadline.
  constexpr uint64_t kMostMs = 5 * 60 * 1000;
  const uint64_t ms = crypto::ExpectedProofOfWorkHashes(nonce_pow_bits_) / kSlowSolverHashesPerMs;
  return std::chrono::milliseconds(std::min(ms, kMostMs));
}

void Connection::OnClosed() {
  closing_ = true;
  Cleanup();
}

wire::Challenge Connection::FreshChallenge() {
  nonce_ = crypto::RandomBytes(crypto::kChallengeNonceSize);
  wire::Challenge challenge;
  challenge.set_nonce(*nonce_);
  // Rises under a sign-up storm (signup_guard.h); a CreateAccount on this
  // nonce is held to what was announced with it.
  nonce_pow_bits_ = ctx_.signup.PowBits();
  challenge.set_pow_bits(nonce_pow_bits_);
  challenge.set_protocol_version(kProtocolVersion);
  for (std::string_view feature : kFeatures) challenge.add_features(std::string(feature));
  return challenge;
}

std::optional<std::string> Connection::TakeNonce() {
  std::optional<std::string> nonce = std::move(nonce_);
  nonce_.reset();
  return nonce;
}

void Connection::OnMessage(std::string_view bytes) {
  if (closing_) return;
  wire::Frame frame;
  if (!frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    Reply(0, wire::MALFORMED, "frame does not parse");
    if (++malformed_frames_ >= kMaxMalformedFrames) {
      CloseWith(kClosePolicyViolation, "too many malformed frames", true);
    }
    return;
  }
  if (frame.version() != wire::PROTOCOL_VERSION_1) {
    Reply(frame.has_request() ? frame.request().id() : 0, wire::UNSUPPORTED_VERSION,
          "unsupported protocol version");
    CloseWith(kCloseProtocolError, "unsupported protocol version", false);
    return;
  }
  if (!frame.has_request()) {
    Reply(0, wire::MALFORMED, "expected a request frame");
    if (++malformed_frames_ >= kMaxMalformedFrames) {
      CloseWith(kClosePolicyViolation, "too many malformed frames", true);
    }
    return;
  }
  const wire::Request& request = frame.request();
  const int64_t now_ms = ctx_.clock->NowMs();
  if (!request_bucket_.TryTake(now_ms)) {
    Reply(request.id(), wire::RATE_LIMITED, "too many requests");
    // A client refused more than a second's worth of requests within one
    // second is not backing off; closing it protects the threads it shares
    // with others. Counted per second, not in a row: a flooder whose every
    // hundredth request finds a fresh token must not escape it.
    if (now_ms - refusals_since_ms_ >= 1000) {
      refusals_since_ms_ = now_ms;
      refusals_ = 0;
    }
    if (++refusals_ > std::max<uint32_t>(50, ctx_.config.request_rate)) {
      CloseWith(kClosePolicyViolation, "request rate exceeded", true);
    }
    return;
  }
  if (shutting_down_) {
    Reply(request.id(), wire::UNAVAILABLE, "relay is shutting down");
    return;
  }
  Dispatch(request);
}

void Connection::Reply(uint64_t id, wire::ErrorCode code, std::string_view message) {
  wire::Response response;
  Reply(id, code, message, response);
}

void Connection::Reply(uint64_t id, wire::ErrorCode code, std::string_view message,
                       wire::Response& response) {
  if (code != wire::OK) ctx_.metrics.CountError(code);
  response.set_id(id);
  response.set_code(code);
  response.set_message(std::string(message));
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  frame.mutable_response()->Swap(&response);
  transport_.SendFrame(frame.SerializeAsString());
}

void Connection::ReplyOk(uint64_t id, wire::Response& response) {
  Reply(id, wire::OK, "", response);
}

void Connection::SendPush(wire::Push& push) {
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  frame.mutable_push()->Swap(&push);
  transport_.SendFrame(frame.SerializeAsString());
}

void Connection::CloseWith(uint16_t code, const std::string& reason, bool tell) {
  if (closing_) return;
  closing_ = true;
  if (tell) {
    wire::Push push;
    push.mutable_closing()->set_reason(reason);
    SendPush(push);
  }
  log::Debug(kLog, "closing: " + reason);
  transport_.Close(code, reason);
}

void Connection::OnAuthDeadline() {
  if (FrameCapLifted() || closing_) return;
  ctx_.metrics.Add(ctx_.metrics.auth_timeouts, 1);
  CloseWith(kCloseAuthTimeout, "authentication timeout", true);
}

void Connection::OnReplaced() {
  transport_.Post([this] { CloseWith(4001, "replaced by a new connection", true); });
}

void Connection::OnShutdown() {
  transport_.Post([this] {
    shutting_down_ = true;
    MaybeFinishShutdown();
  });
}

void Connection::OffThread(uint64_t id, std::function<StoreAnswer()> work) {
  std::weak_ptr<Connection> weak = weak_self_;
  const uint32_t slow_ms = ctx_.config.test_slow_account_writes_ms;
  const bool queued = ctx_.account_writes.Submit([weak, id, slow_ms, work = std::move(work)] {
    // A test hook (--test-slow-account-writes-ms): holds the write in
    // flight long enough for a test to watch. 0 outside tests.
    if (slow_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
    StoreAnswer answer = work();
    std::function<void()> then = std::move(answer.then);
    answer.then = nullptr;
    if (std::shared_ptr<Connection> self = weak.lock()) {
      Connection* c = self.get();
      c->transport_.Post([c, id, answer = std::move(answer)]() mutable {
        --c->pending_writes_;
        --c->store_tasks_;
        c->Reply(id, answer.code, answer.message, answer.response);
        if (c->store_tasks_ == 0) c->transport_.ResumeReading();
        c->MaybeFinishShutdown();
      });
    }
    if (then) then();
  });
  if (!queued) return Reply(id, wire::UNAVAILABLE, "relay is shutting down");
  ++pending_writes_;
  ++store_tasks_;
}

void Connection::MaybeFinishShutdown() {
  // In-flight sends are answered first: their senders must learn the
  // outcome of a write that may already be durable.
  if (shutting_down_ && pending_writes_ == 0) {
    CloseWith(kCloseGoingAway, "relay shutting down", true);
  }
}

}  // namespace kollega::server
