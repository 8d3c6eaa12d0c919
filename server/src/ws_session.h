// Entry point from the HTTP session into a WebSocket session, for the plain
// and the TLS stream. Includes Beast: only http_server.cpp may include this.
//
// Ownership: the session owns itself (shared_from_this in its handlers) and
// its Connection. Thread-safety: call from the stream's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server_context.h"

namespace kollega::server {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Accepts the WebSocket upgrade in `request` and runs the session until the
// connection closes.
void RunWebSocketSession(ServerContext& ctx, PlainStream stream, UpgradeRequest request);
void RunWebSocketSession(ServerContext& ctx, TlsStream stream, UpgradeRequest request);

}  // namespace kollega::server
