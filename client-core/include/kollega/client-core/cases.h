// Cases: a seeker's conversation with a helper of an organisation, with the
// organisation's limits (docs/organisations.md §8-11). The types and events
// the Client's case calls (client.h) use.
//
// Thread-safety: plain values; events are immutable once emitted.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kollega/client-core/events.h"

namespace kollega::client {

enum class CaseRole : int { kSeeker = 1, kHelper = 2 };
enum class CaseState : int { kOffered = 1, kOpen = 2, kClosed = 3 };
// The organisation's case limit as both sides count it.
enum class CaseLimitLevel : int { kWithin = 0, kNearing = 1, kReached = 2 };

struct CaseInfo {
  std::string case_id;  // hex
  std::string org_id;   // hex
  std::string peer;     // hex; empty while a seeker's offer waits
  std::string category;
  CaseRole role = CaseRole::kSeeker;
  CaseState state = CaseState::kOpen;
  int64_t opened_ms = 0;
  uint32_t conversations = 0;
  uint32_t support_minutes = 0;
  // The organisation's limit the two counts above are held against; 0 = none.
  uint32_t max_conversations = 0;
  uint32_t max_support_minutes = 0;
  CaseLimitLevel limit = CaseLimitLevel::kWithin;
  std::string limit_reason;
  std::string handover_to;  // hex: a helper the seeker is asked to consent to
};

// One of an organisation's problem categories (its policy's): what a case
// is opened and counted under.
struct CaseCategory {
  std::string id;    // stable: what statistics count
  std::string name;  // in the language asked for; the id where the policy has none
};

struct CaseEntryInfo {
  bool outgoing = false;
  int64_t at_ms = 0;
  std::string text;
  std::string referral;  // a resource card id of the policy
  std::string notice;    // noted by the client itself
  // An outgoing text's mark (queued, sent, delivered, read), as the plain
  // chat's; kReceived for everything else.
  MessageStatus status = MessageStatus::kReceived;
  std::string message_id;  // hex; a text's, which receipts name (else empty)
};

// Something happened to a case: "opened", "offered", "message",
// "accepted", "withdrawn", "closed", "referral", "handover-asked",
// "handover-declined", "support-time" (the helper corrected it). What
// another device of this account did in a case comes as "own-" and the
// same word ("own-message", "own-closed", ...).
struct CaseChanged final : EventKind<CaseChanged> {
  static constexpr std::string_view kName = "case.changed";
  std::string case_id;  // hex
  std::string what;
  std::string text;  // the message, when there is one
};

// The case's limit is nearer than it was: shown to both sides; at
// kReached the helper is prompted to refer on (a resource card).
struct CaseLimitWarning final : EventKind<CaseLimitWarning> {
  static constexpr std::string_view kName = "case.limit";
  std::string case_id;
  CaseLimitLevel level = CaseLimitLevel::kNearing;
  std::string reason;
};

}  // namespace kollega::client
