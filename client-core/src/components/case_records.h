// What the two halves of the cases component (cases.cpp: local records and
// the seeker's and helper's own actions; cases_flows.cpp: what arrives, and
// the flows between clients) share: ids, message and entry shells, and the
// ledger kept inside a case record.
// Thread-safety: free functions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "cases.pb.h"
#include "kollega/base/hex.h"
#include "kollega/base/status.h"
#include "organisations/case_ledger.h"

namespace kollega::client::case_records {

inline constexpr size_t kCaseIdSize = 16;

inline Result<std::string> CaseIdFromHex(const std::string& hex) {
  auto raw = FromHex(hex);
  if (!raw || raw->size() != kCaseIdSize) return InvalidArgument("a case id is 32 hex digits");
  return *raw;
}

inline cases::CaseMessage About(const std::string& case_id) {
  cases::CaseMessage m;
  m.set_case_id(case_id);
  return m;
}

inline cases::CaseEntry Entry(bool outgoing, int64_t at_ms, const std::string& text = "") {
  cases::CaseEntry entry;
  entry.set_outgoing(outgoing);
  entry.set_at_ms(at_ms);
  entry.set_text(text);
  return entry;
}

inline CaseLedgerState LedgerOf(const cases::CaseRecord& r) {
  CaseLedgerState s;
  s.opened_ms = r.opened_ms();
  s.conversations = r.conversations();
  s.last_message_ms = r.last_message_ms();
  s.stretch_start_ms = r.stretch_start_ms();
  s.closed_stretches_ms = r.closed_stretches_ms();
  s.correction_minutes = r.correction_minutes();
  s.conversation_pending = r.conversation_pending();
  return s;
}

inline void StoreLedger(const CaseLedgerState& s, cases::CaseRecord& r) {
  r.set_conversations(s.conversations);
  r.set_last_message_ms(s.last_message_ms);
  r.set_stretch_start_ms(s.stretch_start_ms);
  r.set_closed_stretches_ms(s.closed_stretches_ms);
  r.set_correction_minutes(s.correction_minutes);
  r.set_conversation_pending(s.conversation_pending);
}

}  // namespace kollega::client::case_records
