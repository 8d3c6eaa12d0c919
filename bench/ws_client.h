// A minimal asynchronous WebSocket client for the load tool, with Beast and
// Asio kept out of this header so that only ws_client.cpp pays their compile
// cost.
//
// Model: one Loop is one io_context run by exactly one thread. Every
// connection and timer belongs to one Loop, and all their callbacks run on
// that Loop's thread, so load-generation state touched only from callbacks
// needs no locks. Scale out by running several Loops.
//
// Ownership: WsClient is shared_ptr-owned; pending async operations keep it
// alive, so dropping the last user reference to an open connection is safe
// (call Close() to end it). Timer is owned by its user and must be destroyed
// on its Loop's thread or after the Loop stopped.
//
// Thread-safety: Loop::Post and Loop::Stop may be called from any thread;
// everything else only from the Loop's thread (or before Run starts).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace kollega::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

class Loop {
 public:
  Loop();
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Runs handlers until Stop(); keeps running while idle.
  void Run();
  void Stop();
  void Post(std::function<void()> fn);

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// A one-shot timer; re-arm it from its own callback for periodic work.
class Timer {
 public:
  explicit Timer(Loop& loop);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Replaces any pending wait. The callback is not run if cancelled.
  void At(SteadyTime when, std::function<void()> fn);
  void Cancel();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class WsClient : public std::enable_shared_from_this<WsClient> {
 public:
  // Called for each binary message; the view is valid only during the call.
  using MessageFn = std::function<void(std::string_view)>;
  // Called once when the connection ends after having opened (error or
  // close); `why` is a short description.
  using ClosedFn = std::function<void(const std::string& why)>;

  // Plain ws://, or wss:// without certificate checks when `tls`.
  static std::shared_ptr<WsClient> Create(Loop& loop, bool tls = false);
  virtual ~WsClient() = default;

  // Connects over TCP to host:port and does the WebSocket handshake on
  // `target`; then calls `done(ok, error)` and starts reading.
  virtual void Connect(const std::string& host, uint16_t port, const std::string& target,
                       std::function<void(bool ok, const std::string& error)> done) = 0;
  // Queues one binary frame. Frames are written in order, one at a time.
  virtual void Send(std::string frame) = 0;
  // Sends a close frame after queued frames; later Sends are dropped.
  virtual void Close() = 0;
  // Frames queued but not yet fully written.
  virtual size_t QueuedFrames() const = 0;
  // Over TLS, the session's exporter value that a login signs
  // (crypto::kAuthExporterLabel, docs/trust.md §5); empty over cleartext.
  virtual std::string TlsExporter() const = 0;

  void set_on_message(MessageFn fn) { on_message_ = std::move(fn); }
  void set_on_closed(ClosedFn fn) { on_closed_ = std::move(fn); }
  // Binds the next Connect to this local IP address (e.g. 127.0.0.2, so
  // that a relay's per-source limits see several sources on loopback);
  // empty = the system's choice.
  void set_local_address(std::string address) { local_address_ = std::move(address); }

 protected:
  WsClient() = default;
  std::string local_address_;
  MessageFn on_message_;
  ClosedFn on_closed_;
};

}  // namespace kollega::bench
