// The values the client API hands to apps: messages, conversations, statuses.
// One MessageStatus serves the store, this C++ API and the C API (kollega.h
// uses the same numbers), so nothing converts between them.
//
// Identifiers are lowercase hex: account ids (16 bytes → 32 hex digits) and
// message ids (16 bytes → 32 hex digits).
//
// Thread-safety: plain values.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kollega::client {

// The numbers are stored on disk and exported through the C API: never
// renumber. An outgoing message moves forward only: queued → sent →
// delivered → read; an incoming one is received, then read.
enum class MessageStatus : int {
  kQueued = 0,
  kSent = 1,
  kDelivered = 2,
  kRead = 3,
  kReceived = 4,
};
inline constexpr int kMaxMessageStatus = 4;
std::string_view MessageStatusName(MessageStatus status);

enum class ConnectionState : int { kOffline = 0, kConnecting = 1, kOnline = 2 };

struct Message {
  std::string id;    // hex
  std::string peer;  // hex; for one's own sync copies, the recipient
  bool outgoing = false;
  uint32_t peer_device = 0;  // the sending device of an incoming message
  int64_t sent_ms = 0;       // sender's clock
  int64_t stored_ms = 0;     // this device's clock
  std::string text;
  MessageStatus status = MessageStatus::kQueued;
};

struct Conversation {
  std::string peer;  // hex
  uint64_t message_count = 0;
  int64_t last_ms = 0;
  // Messages received from the peer since MarkRead on this device (kept in
  // the store). One's own messages, from any device, never count; a read
  // on another device of the account does not clear it (read state is not
  // synced between devices).
  uint64_t unread = 0;
};

struct WhoAmIInfo {
  std::string account_id;  // hex
  uint32_t device_id = 0;
  std::string relay_url;
  // The account's public identity key (hex, 33 bytes): what an
  // organisation's helper certificate binds (docs/admin.md §3).
  std::string identity_key;
};

// One identity change per account (docs/trust.md §1); `device` is the one
// that showed it first and no longer matters.
struct IdentityChange {
  std::string peer;  // hex
  uint32_t device = 0;
};

// A device of this account, as its signed list (names, linking time) and the
// relay (last seen) describe it.
struct DeviceInfo {
  uint32_t device_id = 0;
  std::string name;  // unsealed; "device N" when it has none
  int64_t linked_at_ms = 0;
  int64_t last_seen_ms = 0;  // 0 when the relay never saw it log in
  bool this_device = false;
};

// An organisation this device pinned from its card (docs/organisations.md),
// as its verified policy describes it.
// A problem category of an organisation's policy: its stable id (what a
// case carries) and its display names, language (BCP 47) -> name.
struct CategoryInfo {
  std::string id;
  std::map<std::string, std::string> names;
};

struct OrganisationInfo {
  std::string org_id;  // hex of the organisation key now pinned
  std::string name;
  std::string relay_url;
  uint64_t policy_version = 0;
  size_t helpers = 0;               // certificates that verified, unexpired, unrevoked
  uint32_t rejected = 0;            // objects the last fetch refused (docs/organisations.md §4)
  bool open_now = true;             // by its opening hours, at the client's clock
  int64_t changes_at_ms = 0;        // when it next opens or closes; 0 = never
  std::string out_of_hours_notice;  // in the organisation's first language
  int64_t refreshed_ms = 0;
  // From the verified policy, for an app's screens (docs/organisations.md §3):
  std::string time_zone;  // of its opening hours (IANA); empty: none set
  // The notice in every language it was written in (language -> text).
  std::map<std::string, std::string> out_of_hours_notices;
  std::vector<CategoryInfo> categories;  // in the policy's order
  // What its helpers' profiles are chosen from (may be empty).
  std::vector<std::string> regions, professions, languages;
  // The countries (ISO 3166 alpha-2) it lists emergency numbers for, in
  // the policy's order: a seeker's choice in the safety action.
  std::vector<std::string> emergency_countries;
};

enum class Availability : int { kUnknown = 0, kAvailable = 1, kAway = 2, kFull = 3 };

// A helper in an organisation's directory: a certificate that verified
// against the pinned key, with the helper's signed availability if fresh.
struct HelperInfo {
  std::string org_id;   // hex
  std::string account;  // hex
  uint64_t serial = 0;
  std::string name, profession, region, gender, sector, introduction;
  std::vector<std::string> languages;
  int64_t expires_ms = 0;
  Availability availability = Availability::kUnknown;
  int64_t back_at_ms = 0;  // kAway only; 0 = not said
};

// A number or card an organisation's policy gives: an emergency or crisis
// line, its on-call contact, or a resource a helper refers to.
struct ContactInfo {
  std::string id;  // resource cards only
  std::string label, phone, email, hours, description;
};

// Empty fields match anything; text matches exactly (ignoring case).
struct HelperFilter {
  std::string org_id, region, profession, language, gender, sector;
  bool available_only = false;
};

}  // namespace kollega::client
