// The organisation card (docs/organisations.md, "The card"): how a client
// first learns an organisation — the relay it lives on and the key that
// signs everything it publishes. A programme prints it as a link or a QR
// code:
//   kollega://org?relay=<percent-encoded URL>&key=<base64url of the key>
// The card carries the 32-byte Ed25519 key itself rather than a hash of
// it: no longer than a SHA-256 fingerprint, and the client can verify the
// first policy it fetches without asking the relay for the key.
//
// Thread-safety: free functions, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega::org {

struct OrgCard {
  std::string relay_url;  // wss://... (ws:// only to loopback, docs/abuse.md)
  std::string org_key;    // 32 bytes
};

inline constexpr size_t kMaxCardLength = 2048;

std::string EncodeCard(const OrgCard& card);
// Tolerates surrounding whitespace; refuses anything else it does not
// know, with a message a person can act on.
Result<OrgCard> DecodeCard(std::string_view text);

}  // namespace kollega::org
