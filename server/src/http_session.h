// The stages between an accepted socket and a WebSocket session
// (http_server.cpp): TLS detection, the HTTP session, and the answer to a
// socket refused over a connection cap. Includes Beast: only
// http_server.cpp and listener.cpp may include this.
//
// Ownership: each function takes the socket and runs until the connection
// ends, owning itself. Thread-safety: call from the socket's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/ssl/context.hpp>

#include "connection_limiter.h"
#include "listener.h"
#include "server_context.h"
#include "ws_session.h"

namespace kollega::server {

// What the listener decided about a socket, carried with it to the
// WebSocket session.
struct Admission {
  ListenerRole role = ListenerRole::kPublic;
  // A cleartext WebSocket may be served: the peer is on loopback or is a
  // trusted TLS-terminating proxy (--behind-proxy).
  bool cleartext_ok = false;
  ConnectionSlot slot;  // empty on the metrics listener
};

// Tells TLS from plain (with `tls` set), then serves HTTP on the socket:
// what the admission's role allows, and a WebSocket upgrade on the public
// port.
void ServeHttp(ServerContext& ctx, boost::asio::ssl::context* tls, PlainStream socket,
               Admission admission);

// Answers a socket over a connection cap with 503 and closes it
// (docs/abuse.md, "Connection caps").
void RefuseOverCap(PlainStream socket);

}  // namespace kollega::server
