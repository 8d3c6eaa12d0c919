// RelayLink: the kernel's one way to talk to a relay — requests with
// answers, requests without, and pushes. The real one is a WebSocket
// (RelayConnection, relay_connection.h); tests inject an in-process one
// through Client::Options::link_factory, so the kernel and the components
// run against a fake relay without sockets or sleeps.
//
// Ownership: the kernel owns the link it was given and destroys it to close
// it. Thread-safety: Call/SendOnly/TakeChallenge/is_open/Close may be called
// from any thread. The handlers may run on any thread (the WebSocket's I/O
// thread); they must not block and must not call Call() synchronously: the
// kernel posts them to its worker.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "kollega/base/status.h"
#include "relay.pb.h"

namespace kollega::client {

class RelayLink {
 public:
  struct Handlers {
    std::function<void(const wire::Push&)> on_push;
    // Called once when the link ends for any reason but Close().
    std::function<void(const Status&)> on_close;
  };
  struct Options {
    std::chrono::milliseconds connect_timeout{5000};
    // wss:// only: PEM file of the authorities to trust; empty = the system's.
    std::string tls_ca_file;
  };

  virtual ~RelayLink() = default;

  // Sends `request` (its id is assigned here) and waits for the answer.
  // Transport failures and timeouts are errors; a relay error code is a
  // successful Result whose Response.code() is not OK.
  virtual Result<wire::Response> Call(wire::Request request, std::chrono::milliseconds timeout) = 0;
  // Sends without waiting; an error answer is logged and dropped.
  virtual Status SendOnly(wire::Request request) = 0;
  // The newest challenge (pushed on connect, or answering GetChallenge),
  // consumed by whoever takes it; an empty nonce when none is fresh.
  virtual wire::Challenge TakeChallenge() = 0;
  // What a login is bound to (docs/trust.md §5): the origin this link
  // dialled as FormatOrigin() text (kollega/base/origin.h), and over TLS
  // the session's exporter value (crypto::kAuthExporterLabel, 32 bytes;
  // empty over cleartext). Both are fixed once the link is connected.
  virtual std::string Origin() const = 0;
  virtual std::string TlsExporter() const = 0;
  virtual bool is_open() const = 0;
  virtual void Close() = 0;
};

// Connects to `relay_url` and returns once the relay's first challenge has
// arrived (TakeChallenge() then has it).
using RelayLinkFactory = std::function<Result<std::unique_ptr<RelayLink>>(
    const std::string& relay_url, RelayLink::Handlers handlers, const RelayLink::Options& options)>;

// The WebSocket link (ws:// or wss://).
Result<std::unique_ptr<RelayLink>> ConnectWebSocketLink(const std::string& relay_url,
                                                        RelayLink::Handlers handlers,
                                                        const RelayLink::Options& options);

}  // namespace kollega::client
