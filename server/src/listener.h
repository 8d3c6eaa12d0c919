// Listener: accepts TCP connections, tells TLS from plain (when TLS is
// configured), and runs an HTTP session on each. On the public port that
// session serves /healthz or hands a WebSocket upgrade to a WebSocket
// session, after the admission checks of docs/abuse.md (connection caps,
// cleartext only from loopback or a trusted proxy); on the metrics port it
// serves /metrics and /healthz only.
//
// Ownership: shared_ptr, kept alive by its pending accept. Each accepted
// socket gets its own strand. Thread-safety: Stop() from any thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "kollega/base/status.h"
#include "server_context.h"

namespace kollega::server {

enum class ListenerRole {
  kPublic,   // WebSocket and /healthz; connection caps; cleartext rule
  kMetrics,  // /metrics and /healthz; plain HTTP only, no WebSocket
};

class Listener {
 public:
  virtual ~Listener() = default;
  // Binds and listens (SO_REUSEADDR). InvalidArgument for a bad address,
  // Unavailable when the port cannot be bound.
  static Result<std::shared_ptr<Listener>> Open(boost::asio::io_context& ioc,
                                                boost::asio::ssl::context* tls, ServerContext& ctx,
                                                const std::string& address, uint16_t port,
                                                ListenerRole role);
  virtual uint16_t port() const = 0;
  virtual void Start() = 0;
  virtual void Stop() = 0;
};

}  // namespace kollega::server
