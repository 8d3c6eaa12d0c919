// The TLS WebSocket session (ws_session_impl.h): LeanTlsStream over the same
// bare socket as the plain session.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ws_session_impl.h"

namespace kollega::server {

void RunWebSocketSession(ServerContext& ctx, TlsStream stream, UpgradeRequest request,
                         ConnectionSlot slot) {
  ws_detail::Launch(ctx, std::move(stream), std::move(request), std::move(slot));
}

}  // namespace kollega::server
