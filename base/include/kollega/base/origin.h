// Origins: the canonical "scheme://host:port" text of a relay URL that a
// client signs when it logs in and the relay compares with its own
// (docs/protocol-recipes.md, "DeviceAuthMessageV2"). Client and relay both
// format origins here, so the two texts agree byte for byte.
//
// Thread-safety: pure functions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega {

// "ws://host:port" or "wss://host:port": the host in lowercase (an IPv6
// literal in brackets, added if missing), the port always written out.
std::string FormatOrigin(bool tls, std::string_view host, uint16_t port);

// The origin of a ws:// or wss:// URL (scheme in any case; path, query and
// fragment dropped). A URL without a port means 80 (ws) or 443 (wss), as
// for any URL; the relay's --public-url is read this way. InvalidArgument
// for another scheme, user info, an empty host or a bad port.
Result<std::string> NormaliseOrigin(std::string_view url);

// True for the hosts that name this machine: 127.0.0.1, [::1], localhost
// (in any case).
bool IsLoopbackHost(std::string_view host);

}  // namespace kollega
