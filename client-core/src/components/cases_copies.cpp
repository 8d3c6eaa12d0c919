// SPDX-License-Identifier: GPL-3.0-or-later
// Cases on one's own other devices, and what a closed case leaves behind
// (docs/organisations.md §12): a device applies the copy of what another
// device of its account sent as its own outgoing message, and once no case
// with a peer is left on a device, its Signal sessions with that peer and
// the copies kept for delivery repair are erased.
#include <algorithm>
#include <map>

#include "components/case_records.h"
#include "components/cases.h"
#include "components/organisations.h"
#include "components/receipts.h"
#include "components/repair.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"

namespace kollega::client {
namespace {

using case_records::Entry;

constexpr std::string_view kLog = "client";
constexpr char kMarkerTag = 'w';
constexpr char kNow = 1;
constexpr char kAfterSend = 0;

std::string MarkerKey(const std::string& peer) { return std::string(1, kMarkerTag) + peer; }

}  // namespace

void Cases::Changed(const std::string& case_id, const std::string& what, const std::string& text) {
  auto e = std::make_shared<CaseChanged>();
  e->case_id = ToHex(case_id);
  e->what = what;
  e->text = text;
  kernel_.Emit(e);
}

Status Cases::ReceiveCopy(cases::CaseMessage& message) {
  const std::string& case_id = message.case_id();
  const int64_t at = kernel_.NowMs();
  const std::vector<std::string> sent_to(message.copy_sent_to().begin(),
                                         message.copy_sent_to().end());
  auto existing = Load(case_id);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return existing.status();

  if (message.has_open() || message.has_offer()) {
    if (existing.ok()) return PermissionDenied("a case with that id exists");
    const bool offer = message.has_offer();
    cases::CaseRecord record;
    record.set_case_id(case_id);
    record.set_role(cases::SEEKER);
    record.set_state(offer ? cases::OFFERED : cases::OPEN);
    record.set_org_key(offer ? message.offer().org_key() : message.open().org_key());
    record.set_category(offer ? message.offer().category() : message.open().category());
    record.set_opened_ms(at);
    if (offer) {
      record.set_claim_id(message.offer().claim_id());
      for (const auto& helper : sent_to) record.add_offered_to(helper);
    } else {
      record.set_peer(sent_to.front());
    }
    // Pinned here too when this device has joined the organisation; if not,
    // or if its pin differs, sending from here meets the same check.
    for (const auto& helper : sent_to) PinHelper(ToHex(record.org_key()), helper).IgnoreError();
    const std::string& text = offer ? message.offer().text() : message.open().text();
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, Entry(true, at, text)));
    KOLLEGA_RETURN_IF_ERROR(Count(record, at));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    Changed(case_id, offer ? "own-offered" : "own-opened", text);
    return Status::Ok();
  }
  if (!existing.ok()) return existing.status();  // not on this device: nothing to apply
  cases::CaseRecord record = std::move(*existing);

  if (message.has_closed() || message.has_withdrawn()) {
    if (message.has_withdrawn() &&
        (record.role() != cases::SEEKER || record.state() != cases::OFFERED)) {
      return Status::Ok();  // this device saw the acceptance: the withdrawal is for the others
    }
    if (record.state() == cases::OPEN)
      KOLLEGA_RETURN_IF_ERROR(RecordClosed(record, record.category()));
    KOLLEGA_RETURN_IF_ERROR(EraseCase(case_id, false));
    for (const auto& peer : sent_to) KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(peer, /*now=*/true));
    Changed(case_id, "own-closed");
    return Status::Ok();
  }
  if (message.has_accepted()) {
    if (record.role() != cases::HELPER || record.state() != cases::OFFERED) {
      return PermissionDenied("not an offer waiting here");
    }
    record.set_state(cases::OPEN);
    KOLLEGA_RETURN_IF_ERROR(Count(record, at));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    Changed(case_id, "own-accepted");
    return Status::Ok();
  }
  if (message.has_handover_answer() && record.role() == cases::SEEKER) {
    // Agreed: the new case and the close arrive as copies of their own.
    if (!message.handover_answer().agreed()) {
      record.clear_handover_to();
      KOLLEGA_RETURN_IF_ERROR(Save(record));
    }
    return Status::Ok();
  }
  if (record.state() != cases::OPEN) return PermissionDenied("the case is not open");
  if (message.has_text()) {
    if (message.text().new_conversation()) record.set_conversation_pending(true);
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, Entry(true, at, message.text().text())));
    KOLLEGA_RETURN_IF_ERROR(Count(record, at));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    Changed(case_id, "own-message", message.text().text());
    return Status::Ok();
  }
  if (message.has_referral() && record.role() == cases::HELPER) {
    cases::CaseEntry entry = Entry(true, at);
    entry.set_referral(message.referral().resource_id());
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, entry));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    Changed(case_id, "own-referral", entry.referral());
    return Status::Ok();
  }
  if (message.has_support_time() && record.role() == cases::HELPER) {
    KOLLEGA_RETURN_IF_ERROR(CorrectSupportTime(record, message.support_time().minutes()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    Changed(case_id, "own-support-time");
    return Status::Ok();
  }
  return PermissionDenied("not for this side of the case");
}

Status Cases::ForgetPeerLater(const std::string& peer, bool now) {
  if (peer.size() != case_records::kCaseIdSize) return Status::Ok();  // an account id is 16 too
  const std::string key = MarkerKey(peer);
  KOLLEGA_ASSIGN_OR_RETURN(auto marker, kernel_.Table(kName).Get(key));
  // A close still to be sent keeps its sessions until it is.
  if (marker && *marker == std::string(1, kAfterSend)) return Status::Ok();
  if (now) marked_ = true;
  return kernel_.Table(kName).Put(key, std::string(1, now ? kNow : kAfterSend));
}

Result<bool> Cases::HasCaseWith(const std::string& peer) {
  bool found = false;
  KOLLEGA_RETURN_IF_ERROR(
      kernel_.Table(kName).Scan("c", false, [&](std::string_view, std::string_view value) {
        cases::CaseRecord r;
        if (!r.ParseFromString(std::string(value)) || r.state() == cases::CLOSED) return true;
        found = r.peer() == peer || (r.role() == cases::SEEKER && r.state() == cases::OFFERED &&
                                     std::find(r.offered_to().begin(), r.offered_to().end(),
                                               peer) != r.offered_to().end());
        return !found;
      }));
  return found;
}

Status Cases::ForgetPeer(const std::string& peer) {
  KOLLEGA_ASSIGN_OR_RETURN(bool busy, HasCaseWith(peer));
  auto* repair = dynamic_cast<Repair*>(kernel_.ComponentNamed(Repair::kName));
  return kernel_.Transaction([&]() -> Status {
    if (!busy) {
      // Another case with the same peer keeps them; the last one to go
      // takes the ratchet keys and the kept copies with it.
      KOLLEGA_RETURN_IF_ERROR(kernel_.store().DeleteAllSessions(peer).status());
      KOLLEGA_RETURN_IF_ERROR(receipts_.Forget(peer));
      if (repair) {
        KOLLEGA_RETURN_IF_ERROR(repair->Forget(peer));
        // And the copies of what this device said to the peer that went to
        // this account's other devices.
        KOLLEGA_RETURN_IF_ERROR(
            repair->Forget(kernel_.own_account(), [&](const content::Content& kept) {
              cases::CaseMessage m;
              return kept.component().type() == kType &&
                     m.ParseFromString(kept.component().body()) &&
                     std::find(m.copy_sent_to().begin(), m.copy_sent_to().end(), peer) !=
                         m.copy_sent_to().end();
            }));
      }
    }
    return kernel_.Table(kName).Delete(MarkerKey(peer));
  });
}

Status Cases::ForgetMarked() {
  std::vector<std::string> now;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
      std::string(1, kMarkerTag), false, [&](std::string_view key, std::string_view value) {
        if (value == std::string_view(&kNow, 1)) now.emplace_back(key.substr(1));
        return true;
      }));
  for (const auto& peer : now) KOLLEGA_RETURN_IF_ERROR(ForgetPeer(peer));
  return Status::Ok();
}

void Cases::OnSent(const std::string& recipient, const content::Content& content) {
  cases::CaseMessage message;
  if (recipient == kernel_.own_account() || !message.ParseFromString(content.component().body())) {
    return;
  }
  if (message.has_text() || message.has_open()) {
    Status s = Advance(recipient, content.message_id(), MessageStatus::kSent);
    if (!s.ok()) log::Warn(kLog, "a case text's mark stays: " + s.ToString());
    return;
  }
  if (!(message.has_closed() || message.has_withdrawn())) return;
  auto marker = kernel_.Table(kName).Get(MarkerKey(recipient));
  Status s = !marker.ok() ? marker.status() : *marker ? ForgetPeer(recipient) : Status::Ok();
  if (!s.ok()) log::Warn(kLog, "a closed case's sessions stay for now: " + s.ToString());
}

void Cases::OnSendFailed(const std::string& recipient, const content::Content& content,
                         const Status&) {
  cases::CaseMessage message;
  if (message.ParseFromString(content.component().body()) &&
      (message.has_text() || message.has_open())) {
    return;  // the text keeps its waiting mark: it never went
  }
  OnSent(recipient, content);  // given up: nothing more will go to the peer
}

void Cases::OnReceiveBatchDone() { AfterCaseChange(); }

void Cases::AfterCaseChange() {
  if (marked_) {
    marked_ = false;
    Status s = ForgetMarked();
    if (!s.ok()) log::Warn(kLog, "a closed case's sessions stay for now: " + s.ToString());
  }
  UpdateAvailability();
}

void Cases::UpdateAvailability() {
  if (!availability_stale_) return;
  availability_stale_ = false;           // a failure is retried at the next change
  std::map<std::string, uint32_t> open;  // org key -> this helper's open cases
  Status s = kernel_.Table(kName).Scan("c", false, [&](std::string_view, std::string_view value) {
    cases::CaseRecord r;
    if (r.ParseFromString(std::string(value)) && r.role() == cases::HELPER &&
        r.state() == cases::OPEN) {
      ++open[r.org_key()];
    }
    return true;
  });
  bool full = false;
  for (const auto& [org_key, count] : open) {
    auto policy = organisations_.PolicyOf(ToHex(org_key));
    if (policy.ok() && policy->max_open_cases_per_helper() > 0 &&
        count >= policy->max_open_cases_per_helper()) {
      full = true;
    }
  }
  if (s.ok()) s = organisations_.SetFull(full);
  if (!s.ok()) log::Debug(kLog, "availability not updated: " + s.ToString());
}

}  // namespace kollega::client
