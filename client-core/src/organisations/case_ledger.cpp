// SPDX-License-Identifier: GPL-3.0-or-later
#include "organisations/case_ledger.h"

#include <algorithm>

namespace kollega::client {
namespace {

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;

std::string Duration(uint32_t minutes) {
  if (minutes < 60) return std::to_string(minutes) + " min";
  std::string text = std::to_string(minutes / 60) + " h";
  if (minutes % 60) text += " " + std::to_string(minutes % 60) + " min";
  return text;
}

struct Finding {
  LimitLevel level = LimitLevel::kWithin;
  std::string reason;
};

// Keeps the more pressing of two findings; the first wins a tie, so
// conversations are named before time and time before the window.
void Keep(Finding& best, LimitLevel level, std::string reason) {
  if (level > best.level) best = {level, std::move(reason)};
}

}  // namespace

CaseLedger::CaseLedger(const org::CaseLimit& limit, int64_t opened_ms) : limit_(limit) {
  state_.opened_ms = opened_ms;
}

CaseLedger::CaseLedger(const org::CaseLimit& limit, const CaseLedgerState& state)
    : limit_(limit), state_(state) {}

void CaseLedger::RecordMessage(int64_t at_ms) {
  int64_t silence_ms = (limit_.new_conversation_after_minutes()
                            ? int64_t{limit_.new_conversation_after_minutes()} * kMinuteMs
                            : kDayMs);
  bool first = state_.last_message_ms == 0;
  // A clock that steps back must not count negative time.
  at_ms = std::max(at_ms, state_.last_message_ms);
  if (first || state_.conversation_pending || at_ms - state_.last_message_ms >= silence_ms) {
    ++state_.conversations;
    state_.conversation_pending = false;
  }
  if (first || at_ms - state_.last_message_ms >= kStretchGapMs) {
    if (!first) {
      state_.closed_stretches_ms +=
          state_.last_message_ms - state_.stretch_start_ms + kStretchOverheadMs;
    }
    state_.stretch_start_ms = at_ms;
  }
  state_.last_message_ms = at_ms;
}

void CaseLedger::StartConversation() { state_.conversation_pending = true; }

int64_t CaseLedger::EstimateMs() const {
  int64_t total = state_.closed_stretches_ms;
  if (state_.last_message_ms != 0) {
    total += state_.last_message_ms - state_.stretch_start_ms + kStretchOverheadMs;
  }
  return total;
}

uint32_t CaseLedger::support_minutes() const {
  int64_t estimate = (EstimateMs() + kMinuteMs - 1) / kMinuteMs;
  return static_cast<uint32_t>(std::max<int64_t>(0, estimate + state_.correction_minutes));
}

void CaseLedger::SetSupportMinutes(uint32_t minutes) {
  int64_t estimate = (EstimateMs() + kMinuteMs - 1) / kMinuteMs;
  state_.correction_minutes = static_cast<int32_t>(int64_t{minutes} - estimate);
}

LimitCheck CaseLedger::Check(int64_t now_ms) const {
  LimitCheck check;
  check.conversations = state_.conversations;
  check.support_minutes = support_minutes();
  Finding best;

  if (uint32_t max = limit_.max_conversations()) {
    std::string used =
        std::to_string(check.conversations) + " of " + std::to_string(max) + " conversations";
    if (check.conversations >= max) {
      Keep(best, LimitLevel::kReached, used + ": this is the last one");
    } else if (check.conversations + 1 >= max) {
      Keep(best, LimitLevel::kNearing, used + ": one more is left");
    }
  }
  if (uint32_t max = limit_.max_support_minutes()) {
    std::string used = Duration(check.support_minutes) + " of " + Duration(max) + " support";
    if (check.support_minutes >= max) {
      Keep(best, LimitLevel::kReached, used + ": the time is used up");
    } else if (uint64_t{check.support_minutes} * 4 >= uint64_t{max} * 3) {
      Keep(best, LimitLevel::kNearing, used);
    }
  }
  if (uint32_t days = limit_.over_days()) {
    int64_t window_ms = int64_t{days} * kDayMs;
    check.window_ends_ms = state_.opened_ms + window_ms;
    int64_t left_ms = check.window_ends_ms - now_ms;
    if (left_ms <= 0) {
      Keep(best, LimitLevel::kReached,
           "the " + std::to_string(days) + " days this case may run have passed");
    } else if (left_ms * 4 <= window_ms) {
      int64_t left_days = (left_ms + kDayMs - 1) / kDayMs;
      Keep(best, LimitLevel::kNearing,
           std::to_string(left_days) + " of the case's " + std::to_string(days) + " days left");
    }
  }
  check.level = best.level;
  check.reason = std::move(best.reason);
  return check;
}

}  // namespace kollega::client
