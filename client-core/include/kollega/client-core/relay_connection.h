// RelayConnection: one device's WebSocket to a Kollega relay, as seen by a
// client — the RelayLink (relay_link.h) the kernel uses unless told
// otherwise. It frames requests, matches responses to them by id, and hands
// pushes to a callback. It knows nothing of accounts or encryption.
//
// Ownership: the connection owns one background I/O thread. Destroying it
// (or Close()) closes the socket and joins the thread; pending calls then
// fail with Unavailable.
// Thread-safety: Call() may be used from any thread, concurrently. The push
// handler and the close handler run on the I/O thread: they must not call
// Call() synchronously (post the work elsewhere) and must not block.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kollega/base/status.h"
#include "kollega/client-core/relay_link.h"
#include "relay.pb.h"

namespace kollega::client {

// ws://host[:port][/path], or wss://... for TLS (the relay's own --tls-cert
// or a TLS-terminating proxy). The port defaults to 8420 either way.
struct RelayEndpoint {
  std::string host;
  uint16_t port = 8420;
  std::string path = "/v1/websocket";
  bool tls = false;

  static Result<RelayEndpoint> Parse(std::string_view url);
  std::string ToString() const;
  // "ws://host:port" or "wss://host:port" as the relay checks it at login
  // (kollega/base/origin.h), with the port this endpoint connects to.
  std::string Origin() const;
};

class RelayConnection final : public RelayLink {
 public:
  struct Impl;  // defined in relay_connection.cpp

  using PushHandler = std::function<void(const wire::Push&)>;
  // Called once when the connection ends for any reason but Close().
  using CloseHandler = std::function<void(const Status&)>;

  struct Options {
    std::chrono::milliseconds connect_timeout{5000};
    size_t max_frame_bytes = 1 << 20;
    // wss:// only: a PEM file of the certificate authorities to trust;
    // empty = the system's trust store. The certificate must name the host.
    std::string tls_ca_file;
    PushHandler on_push;
    CloseHandler on_close;
  };

  // Connects and waits for the relay's first Challenge push, which is then
  // available through TakeChallenge() rather than the push handler.
  // ws:// only to loopback (localhost, 127.0.0.0/8, ::1): to any other host
  // InvalidArgument, before anything is sent (docs/abuse.md).
  static Result<std::unique_ptr<RelayConnection>> Connect(const RelayEndpoint& endpoint,
                                                          Options options);

  ~RelayConnection() override;
  RelayConnection(const RelayConnection&) = delete;
  RelayConnection& operator=(const RelayConnection&) = delete;

  // Sends `request` (its id is assigned here) and waits for the response.
  // Transport failures and timeouts are errors; a relay error code is a
  // successful Result whose Response.code() is not OK.
  Result<wire::Response> Call(wire::Request request, std::chrono::milliseconds timeout) override;
  // Sends `request` (its id is assigned here) without waiting; a response
  // to it is logged if it is an error and otherwise dropped. For requests
  // whose answer only matters to the relay, such as a quiet Ack.
  Status SendOnly(wire::Request request) override;

  // The nonce of the most recent challenge (from the connect push or a
  // GetChallenge), consumed by whoever takes it. Empty if none is fresh.
  wire::Challenge TakeChallenge() override;
  std::string Origin() const override;
  std::string TlsExporter() const override;

  bool is_open() const override;
  void Close() override;

 private:
  explicit RelayConnection(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// Maps a relay error code to a Status for callers that only need pass/fail.
Status ResponseStatus(const wire::Response& response);

}  // namespace kollega::client
