// What a case has used of its organisation's limit (docs/organisations.md
// §10): conversations, and support time estimated from activity. Both
// sides of a case keep one and warn as the limit nears; the helper's
// figure is the one that counts, and the helper may correct the time.
//
// Conversations: the first message opens one; a message after the policy's
// silence (CaseLimit.new_conversation_after_minutes, default a day) opens
// the next, and the helper may start one explicitly.
// Support time: messages less than 30 minutes apart form one stretch of
// talk, which counts from its first message to its last plus 5 minutes for
// reading and writing the first; a lone message counts 5 minutes.
//
// Thread-safety: a value type; not synchronised.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "organisation.pb.h"

namespace kollega::client {

struct CaseLedgerState {
  int64_t opened_ms = 0;
  uint32_t conversations = 0;
  int64_t last_message_ms = 0;        // 0: no message yet
  int64_t stretch_start_ms = 0;       // the stretch the last message belongs to
  int64_t closed_stretches_ms = 0;    // support time of stretches already over
  int32_t correction_minutes = 0;     // the helper's, added to the estimate
  bool conversation_pending = false;  // started explicitly, no message yet
};

enum class LimitLevel { kWithin, kNearing, kReached };

struct LimitCheck {
  LimitLevel level = LimitLevel::kWithin;
  // For a person: "3 of 4 conversations", "3 h 10 min of 4 h support",
  // "the 8 weeks of this case end on ..." — the most pressing one.
  std::string reason;
  uint32_t conversations = 0;
  uint32_t support_minutes = 0;
  int64_t window_ends_ms = 0;  // 0: no time window
};

class CaseLedger {
 public:
  static constexpr int64_t kStretchGapMs = 30 * 60 * 1000;
  static constexpr int64_t kStretchOverheadMs = 5 * 60 * 1000;

  CaseLedger(const org::CaseLimit& limit, int64_t opened_ms);
  CaseLedger(const org::CaseLimit& limit, const CaseLedgerState& state);

  // A message of the case, sent or received, at `at_ms` (in order).
  void RecordMessage(int64_t at_ms);
  // The helper starts a new conversation; it counts from its first message.
  void StartConversation();
  // The helper's own figure for the support given so far replaces the
  // estimate (the difference is kept, so later activity still adds).
  // Callers keep it within kMaxSupportMinutes, so the difference fits.
  static constexpr uint32_t kMaxSupportMinutes = 100000;  // about 69 days
  void SetSupportMinutes(uint32_t minutes);

  uint32_t conversations() const { return state_.conversations; }
  uint32_t support_minutes() const;
  const CaseLedgerState& state() const { return state_; }

  // Nearing: one conversation left, a quarter of the support time or of
  // the window left. Reached: the conversation in progress is the last
  // one, the time is used up, or the window has passed.
  LimitCheck Check(int64_t now_ms) const;

 private:
  int64_t EstimateMs() const;

  org::CaseLimit limit_;
  CaseLedgerState state_;
};

}  // namespace kollega::client
