// The plain WebSocket session (ws_session_impl.h): on a bare socket whose
// executor is the connection's strand as a concrete type.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <unistd.h>

#include "ws_session_impl.h"

namespace kollega::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using ws_detail::BareSocket;
using ws_detail::Launch;
using ws_detail::Strand;

void RunWebSocketSession(ServerContext& ctx, PlainStream stream, UpgradeRequest request) {
  // The listener gives every connection a strand of its own; keep it (a
  // fresh one would do too: nothing else runs on the old one any more).
  const auto executor = stream.get_executor();
  const Strand* given = executor.target<Strand>();
  const Strand strand = given != nullptr ? *given
                                         : asio::make_strand(static_cast<asio::io_context&>(
                                               asio::query(executor, asio::execution::context)));
  asio::ip::tcp::socket socket = stream.release_socket();
  beast::error_code ec;
  const auto protocol = socket.local_endpoint(ec).protocol();
  if (ec) return;  // already gone
  const int fd = socket.release(ec);
  if (ec) return;
  BareSocket bare(strand);
  bare.assign(protocol, fd, ec);
  if (ec) {
    ::close(fd);
    return;
  }
  Launch(ctx, std::move(bare), std::move(request));
}

}  // namespace kollega::server
