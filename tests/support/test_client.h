// TestClient: a synchronous WebSocket client of the relay protocol, with a
// timeout on every wait, for integration tests. It can also misbehave on
// purpose (raw bytes, text frames, oversize frames) and reports how the
// relay closed the connection.
//
// A background io thread reads continuously, so waiting for "no push" never
// disturbs the stream. Frames that arrive while the test waits for something
// else are kept: a response wait keeps pushes, a push wait keeps responses.
//
// Ownership: owns its io thread and socket. Thread-safety: one test thread
// at a time (several TestClients may run in different threads).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "relay.pb.h"

namespace kollega::testing {

using std::chrono::milliseconds;
inline constexpr milliseconds kWait{5000};

struct CloseInfo {
  uint16_t code = 0;  // 0 when the TCP connection ended without a close frame
  std::string reason;
};

class TestClient {
 public:
  // Connects to ws://127.0.0.1:port/path; nullptr on failure or timeout.
  static std::unique_ptr<TestClient> Connect(uint16_t port, milliseconds timeout = kWait,
                                             const std::string& path = "/v1/websocket");
  // As Connect, from the local address `source` (any of 127.0.0.0/8 is
  // loopback on Linux): a second source address for per-source limits.
  static std::unique_ptr<TestClient> ConnectFrom(const std::string& source, uint16_t port,
                                                 milliseconds timeout = kWait);
  ~TestClient();

  // "ws://127.0.0.1:port": the origin a login over this client signs
  // (docs/trust.md §5).
  const std::string& origin() const { return origin_; }

  // Raw writes. False if the write failed or timed out.
  bool SendBytes(const std::string& bytes, bool text = false);
  bool SendFrame(const wire::Frame& frame);
  // Wraps `request` in a version-1 Frame with a fresh id (returned).
  uint64_t SendRequest(wire::Request request);

  // The next frame of any kind, or nullopt on timeout/close.
  std::optional<wire::Frame> NextFrame(milliseconds timeout = kWait);
  // The response to `id`; frames that arrive first are kept for later.
  std::optional<wire::Response> WaitResponse(uint64_t id, milliseconds timeout = kWait);
  // SendRequest + WaitResponse.
  std::optional<wire::Response> Call(wire::Request request, milliseconds timeout = kWait);
  // The first push matching `match` (kept or new); others are kept.
  std::optional<wire::Push> WaitPush(const std::function<bool(const wire::Push&)>& match,
                                     milliseconds timeout = kWait);
  // Drops every kept frame (e.g. the challenge pushed on connect).
  void DiscardPending();

  // True once the relay closed the connection (or it broke), within timeout.
  bool WaitClosed(milliseconds timeout = kWait);
  CloseInfo close_info() const;
  bool closed() const;
  // Closes from our side (normal closure), waiting briefly.
  void Close();
  // Stops reading from the socket once the read in progress completes, as
  // a hung client would (its TCP window then closes); ResumeReading()
  // carries on. Frames already read stay available.
  void PauseReading();
  void ResumeReading();

 private:
  struct Impl;
  explicit TestClient(std::unique_ptr<Impl> impl);
  std::optional<wire::Frame> TakeKept(const std::function<bool(const wire::Frame&)>& match);
  // The first frame (kept or newly read) that matches; frames read on the way
  // that don't match are kept for later waits.
  std::optional<wire::Frame> WaitFrame(const std::function<bool(const wire::Frame&)>& match,
                                       milliseconds timeout);
  std::unique_ptr<Impl> impl_;
  uint64_t next_id_ = 1;
  std::string origin_;
};

}  // namespace kollega::testing
