// Entry point from the HTTP session into a WebSocket session, for the plain
// and the TLS stream. Includes Beast: only http_server.cpp may include this.
//
// Both streams sit on a bare socket (TLS: lean_tls_stream.h) whose executor is the connection's
// strand as a concrete type, not on beast::tcp_stream: every Beast operation
// on a tcp_stream copies and destroys a type-erased executor, and without
// that the relay's closed-loop peak is about a quarter higher
// (docs/performance-history-3.md, "A bare socket under the WebSocket"). Deadlines before the
// upgrade are the HTTP session's own timer; after it, Beast's websocket timeouts and the session's
// own (a stalled write, an unfinished close: ws_session_impl.h).
//
// Ownership: the session owns itself (shared_from_this in its handlers) and
// its Connection. Thread-safety: call from the stream's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "connection_limiter.h"
#include "lean_tls_stream.h"
#include "server_context.h"

namespace kollega::server {

using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
using PlainStream = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Strand>;
using TlsStream = LeanTlsStream<PlainStream>;
using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Accepts the WebSocket upgrade in `request` and runs the session until the
// connection closes; `slot` (its place under the connection caps) is given
// back then.
void RunWebSocketSession(ServerContext& ctx, PlainStream stream, UpgradeRequest request,
                         ConnectionSlot slot);
void RunWebSocketSession(ServerContext& ctx, TlsStream stream, UpgradeRequest request,
                         ConnectionSlot slot);

}  // namespace kollega::server
