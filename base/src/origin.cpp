// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/origin.h"

#include <cctype>

namespace kollega {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Lower(text.substr(0, prefix.size())) == prefix;
}

}  // namespace

std::string FormatOrigin(bool tls, std::string_view host, uint16_t port) {
  std::string h = Lower(host);
  if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";
  return std::string(tls ? "wss://" : "ws://") + h + ":" + std::to_string(port);
}

Result<std::string> NormaliseOrigin(std::string_view url) {
  bool tls = false;
  if (StartsWithNoCase(url, "wss://")) {
    tls = true;
    url.remove_prefix(6);
  } else if (StartsWithNoCase(url, "ws://")) {
    url.remove_prefix(5);
  } else {
    return InvalidArgument("must start with ws:// or wss://");
  }
  const std::string_view authority = url.substr(0, url.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("must not hold user info");
  }
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return InvalidArgument("has an unclosed '['");
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return InvalidArgument("has junk after the host");
      port_text = rest.substr(1);
      if (port_text.empty()) return InvalidArgument("has an empty port");
    }
  } else if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
    if (port_text.empty()) return InvalidArgument("has an empty port");
  }
  if (host.empty() || host == "[]") return InvalidArgument("has no host");
  uint32_t port = tls ? 443 : 80;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return InvalidArgument("has a bad port");
    port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') return InvalidArgument("has a bad port");
      port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) return InvalidArgument("has a bad port");
  }
  return FormatOrigin(tls, host, static_cast<uint16_t>(port));
}

bool IsLoopbackHost(std::string_view host) {
  const std::string h = Lower(host);
  return h == "127.0.0.1" || h == "[::1]" || h == "::1" || h == "localhost";
}

}  // namespace kollega
