// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/org/card.h"

#include <cctype>

#include "kollega/base/base64.h"
#include "kollega/crypto/device_key.h"

namespace kollega::org {
namespace {

constexpr std::string_view kPrefix = "kollega://org?";

bool Unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (Unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return InvalidArgument("the card has a broken %-escape");
    const int hi = HexValue(in[i + 1]);
    const int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return InvalidArgument("the card has a broken %-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::string EncodeCard(const OrgCard& card) {
  return std::string(kPrefix) + "relay=" + PercentEncode(card.relay_url) +
         "&key=" + Base64UrlEncode(card.org_key);
}

Result<OrgCard> DecodeCard(std::string_view text) {
  text = Trim(text);
  if (text.size() > kMaxCardLength) return InvalidArgument("the card is too long");
  if (text.substr(0, kPrefix.size()) != kPrefix) {
    return InvalidArgument("not an organisation card (it starts with kollega://org?)");
  }
  text.remove_prefix(kPrefix.size());
  OrgCard card;
  bool have_relay = false;
  bool have_key = false;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos)
      return InvalidArgument("the card has a field without a value");
    const std::string_view name = pair.substr(0, eq);
    const std::string_view value = pair.substr(eq + 1);
    if (name == "relay" && !have_relay) {
      KOLLEGA_ASSIGN_OR_RETURN(card.relay_url, PercentDecode(value));
      have_relay = true;
    } else if (name == "key" && !have_key) {
      auto key = Base64UrlDecode(value);
      if (!key.ok() || key->size() != crypto::kEd25519PublicKeySize) {
        return InvalidArgument("the card's key is not a 32-byte key (check for typos)");
      }
      card.org_key = std::move(*key);
      have_key = true;
    } else {
      return InvalidArgument("the card has an unknown or repeated field: " +
                             std::string(name.substr(0, 32)));
    }
  }
  if (!have_relay || !have_key) return InvalidArgument("the card lacks its relay or its key");
  if (card.relay_url.rfind("wss://", 0) != 0 && card.relay_url.rfind("ws://", 0) != 0) {
    return InvalidArgument("the card's relay is not a wss:// address");
  }
  return card;
}

}  // namespace kollega::org
