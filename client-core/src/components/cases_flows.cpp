// SPDX-License-Identifier: GPL-3.0-or-later
// Cases between two clients: receiving, first-available offers and claims,
// referral and handover (docs/organisations.md §8-10).
#include <algorithm>

#include "components/case_records.h"
#include "components/cases.h"
#include "components/organisations.h"
#include "components/receipts.h"
#include "kernel/device_list_manager.h"
#include "kernel/link_manager.h"
#include "kollega/base/hex.h"
#include "organisations/case_ledger.h"

namespace kollega::client {
namespace {

using case_records::About;
using case_records::CaseIdFromHex;
using case_records::Entry;

}  // namespace

Status Cases::OnReceive(const Incoming& from, const content::Content& content) {
  cases::CaseMessage message;
  if (!message.ParseFromString(content.component().body()) || message.case_id().size() != 16 ||
      from.from_own_account != (message.copy_sent_to_size() > 0)) {
    return Status::Ok();  // nothing a case can use; acknowledged and dropped
  }
  if (from.from_own_account) {
    // "Sent by this account" only from a device in its signed list
    // (docs/trust.md §6): the relay's label alone proves nothing.
    KOLLEGA_ASSIGN_OR_RETURN(
        bool listed, kernel_.device_lists().IsListed(from.sender_account, from.sender_device));
    if (!listed) return Status::Ok();
  }
  // Cases are between two accounts; the message names its sender only by
  // the session it arrived on.
  Status s =
      from.from_own_account ? ReceiveCopy(message) : Receive(from, message, content.message_id());
  if (s.ok()) kernel_.RequestFlush();  // held until the delivery is committed
  if (s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound ||
      s.code() == StatusCode::kPermissionDenied) {
    return Status::Ok();  // refused, and nothing changed
  }
  return s;
}

Status Cases::Receive(const Incoming& from, cases::CaseMessage& message,
                      const std::string& message_id) {
  const std::string& case_id = message.case_id();
  // Each side counts by its own clock, when it sends or receives
  // (docs/organisations.md §10).
  const int64_t at = kernel_.NowMs();
  auto event = [&](const std::string& what, const std::string& text = "") {
    auto e = std::make_shared<CaseChanged>();
    e->case_id = ToHex(case_id);
    e->what = what;
    e->text = text;
    kernel_.Emit(e);
  };
  // A text with an id: the peer learns it arrived, and that it was read
  // once the case is (docs/organisations.md §10, "Delivery and read marks").
  auto note_text = [&](cases::CaseEntry& entry) -> Status {
    if (message_id.size() != 16) return Status::Ok();  // from a client without marks
    entry.set_message_id(message_id);
    entry.set_status(static_cast<uint32_t>(MessageStatus::kReceived));
    return receipts_.NoteReceived(from.sender_account, message_id);
  };
  auto existing = Load(case_id);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return existing.status();

  if (message.has_open() || message.has_offer()) {
    if (existing.ok()) return PermissionDenied("a case with that id exists");
    const bool offer = message.has_offer();
    const std::string& org_key = offer ? message.offer().org_key() : message.open().org_key();
    cases::CaseRecord record;
    record.set_case_id(case_id);
    record.set_role(cases::HELPER);
    record.set_state(offer ? cases::OFFERED : cases::OPEN);
    record.set_peer(from.sender_account);
    record.set_org_key(org_key);
    record.set_category(offer ? message.offer().category() : message.open().category());
    record.set_opened_ms(at);
    if (offer) record.set_claim_id(message.offer().claim_id());
    if (!offer && !message.open().handed_over_from().empty()) {
      cases::CaseEntry note = Entry(false, at);
      note.set_notice(
          "handed over by " + message.open().handed_over_from() +
          (message.open().passed_on().empty() ? "" : ": " + message.open().passed_on()));
      KOLLEGA_RETURN_IF_ERROR(AddEntry(record, note));
    }
    cases::CaseEntry entry = Entry(false, at);
    entry.set_text(offer ? message.offer().text() : message.open().text());
    if (!offer) KOLLEGA_RETURN_IF_ERROR(note_text(entry));
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, entry));
    if (!offer) KOLLEGA_RETURN_IF_ERROR(Count(record, at));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event(offer ? "offered" : "opened", entry.text());
    return Status::Ok();
  }
  if (!existing.ok()) return existing.status();
  cases::CaseRecord record = std::move(*existing);
  const bool from_peer = record.peer() == from.sender_account;

  if (message.has_accepted()) {
    const auto& asked = record.offered_to();
    bool was_asked = std::find(asked.begin(), asked.end(), from.sender_account) != asked.end();
    if (record.role() != cases::SEEKER || !was_asked) return PermissionDenied("not asked");
    if (record.state() != cases::OFFERED) {
      // Someone else has it already (a relay that let two helpers win).
      cases::CaseMessage withdrawn = About(case_id);
      withdrawn.mutable_withdrawn();
      return SendTo(from.sender_account, withdrawn);
    }
    record.set_state(cases::OPEN);
    record.set_peer(from.sender_account);
    cases::CaseMessage withdrawn = About(case_id);
    withdrawn.mutable_withdrawn();
    for (const auto& helper : asked) {
      if (helper == from.sender_account) continue;
      KOLLEGA_RETURN_IF_ERROR(SendTo(helper, withdrawn));
      KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(helper, /*now=*/false));
    }
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event("accepted");
    return Status::Ok();
  }
  if (!from_peer) return PermissionDenied("not this case's peer");

  if (message.has_withdrawn()) {
    if (record.role() != cases::HELPER) return PermissionDenied("only a seeker withdraws");
    KOLLEGA_RETURN_IF_ERROR(EraseCase(case_id, false));
    KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(from.sender_account, /*now=*/true));
    event("withdrawn");
    return Status::Ok();
  }
  if (message.has_closed()) {
    if (record.role() == cases::HELPER) {
      // A helper keeps nothing of a closed case but its count.
      if (record.state() == cases::OPEN)
        KOLLEGA_RETURN_IF_ERROR(RecordClosed(record, record.category()));
      KOLLEGA_RETURN_IF_ERROR(EraseCase(case_id, true));
      record.set_next_entry(0);
    }
    record.set_state(cases::CLOSED);
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(record.peer(), /*now=*/true));
    event("closed");
    return Status::Ok();
  }
  if (record.state() != cases::OPEN) return PermissionDenied("the case is not open");
  if (message.has_text()) {
    cases::CaseEntry entry = Entry(false, at);
    entry.set_text(message.text().text());
    if (message.text().new_conversation()) record.set_conversation_pending(true);
    KOLLEGA_RETURN_IF_ERROR(note_text(entry));
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, entry));
    KOLLEGA_RETURN_IF_ERROR(Count(record, at));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event("message", entry.text());
    return Status::Ok();
  }
  if (message.has_referral() && record.role() == cases::SEEKER) {
    cases::CaseEntry entry = Entry(false, at);
    entry.set_referral(message.referral().resource_id());
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, entry));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event("referral", entry.referral());
    return Status::Ok();
  }
  if (message.has_handover_ask() && record.role() == cases::SEEKER) {
    // Only a helper of the same organisation's directory can be proposed.
    KOLLEGA_RETURN_IF_ERROR(
        organisations_
            .CertificateOf(ToHex(record.org_key()), message.handover_ask().helper_account())
            .status());
    record.set_handover_to(message.handover_ask().helper_account());
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event("handover-asked", ToHex(record.handover_to()));
    return Status::Ok();
  }
  if (message.has_support_time() && record.role() == cases::SEEKER) {
    KOLLEGA_RETURN_IF_ERROR(CorrectSupportTime(record, message.support_time().minutes()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    event("support-time");
    return Status::Ok();
  }
  if (message.has_handover_answer() && record.role() == cases::HELPER) {
    if (!message.handover_answer().agreed()) event("handover-declined");
    return Status::Ok();  // an agreed handover arrives as CaseClosed
  }
  return PermissionDenied("not for this side of the case");
}

Result<std::string> Cases::Offer(const HelperFilter& filter, const std::string& category,
                                 const std::string& text) {
  if (filter.org_id.empty()) return InvalidArgument("an offer goes to one organisation's helpers");
  if (text.empty()) return InvalidArgument("a case opens with a message");
  KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, organisations_.PolicyOf(filter.org_id));
  HelperFilter available = filter;
  available.available_only = true;
  KOLLEGA_ASSIGN_OR_RETURN(auto helpers, organisations_.Helpers(available));
  const std::string& self = kernel_.own_account();
  helpers.erase(std::remove_if(helpers.begin(), helpers.end(),
                               [&](const HelperInfo& h) { return h.account == ToHex(self); }),
                helpers.end());
  if (helpers.empty()) {
    return NotFound("no matching helper is available now: choose one from the directory");
  }
  cases::CaseRecord record;
  record.set_case_id(kernel_.NewMessageId());
  record.set_role(cases::SEEKER);
  record.set_state(cases::OFFERED);
  record.set_org_key(policy.org_key());
  record.set_category(category);
  record.set_opened_ms(kernel_.NowMs());
  record.set_claim_id(kernel_.NewMessageId());
  cases::CaseMessage message = About(record.case_id());
  auto* offer = message.mutable_offer();
  offer->set_org_key(policy.org_key());
  offer->set_category(category);
  offer->set_text(text);
  offer->set_claim_id(record.claim_id());
  for (const auto& h : helpers) {
    KOLLEGA_ASSIGN_OR_RETURN(std::string account, AccountFromHex(h.account));
    KOLLEGA_RETURN_IF_ERROR(PinHelper(filter.org_id, account));
    record.add_offered_to(account);
  }
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, Entry(true, kernel_.NowMs(), text)));
    KOLLEGA_RETURN_IF_ERROR(Count(record, kernel_.NowMs()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    return Tell(std::vector<std::string>(record.offered_to().begin(), record.offered_to().end()),
                message);
  }));
  return ToHex(record.case_id());
}

Status Cases::Accept(const std::string& case_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
  if (record.role() != cases::HELPER || record.state() != cases::OFFERED) {
    return FailedPrecondition("only an offered case can be accepted");
  }
  auto policy = organisations_.PolicyOf(ToHex(record.org_key()));
  if (policy.ok() && policy->max_open_cases_per_helper() > 0) {
    auto all = List();
    KOLLEGA_RETURN_IF_ERROR(all.status());
    auto open = std::count_if(all->begin(), all->end(), [&](const CaseInfo& c) {
      return c.role == CaseRole::kHelper && c.state == CaseState::kOpen &&
             c.org_id == ToHex(record.org_key());
    });
    if (open >= static_cast<long>(policy->max_open_cases_per_helper())) {
      return FailedPrecondition("you have " + std::to_string(open) +
                                " open cases, the organisation's cap: close one first");
    }
  }
  wire::Request request;
  request.mutable_claim_case()->set_claim_id(record.claim_id());
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  if (!response.claim_result().won()) {
    KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
      KOLLEGA_RETURN_IF_ERROR(EraseCase(case_id, false));
      return ForgetPeerLater(record.peer(), /*now=*/true);
    }));
    AfterCaseChange();
    return FailedPrecondition("another helper has taken this case");
  }
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    record.set_state(cases::OPEN);
    KOLLEGA_RETURN_IF_ERROR(Count(record, kernel_.NowMs()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    cases::CaseMessage accepted = About(case_id);
    accepted.mutable_accepted();
    return Tell(record.peer(), accepted);
  }));
  AfterCaseChange();
  return Status::Ok();
}

Status Cases::Refer(const std::string& case_hex, const std::string& resource_id) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  return kernel_.Transaction([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
    if (record.role() != cases::HELPER || record.state() != cases::OPEN) {
      return FailedPrecondition("a helper refers on from an open case");
    }
    KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, organisations_.PolicyOf(ToHex(record.org_key())));
    if (std::none_of(policy.resources().begin(), policy.resources().end(),
                     [&](const org::ResourceCard& r) { return r.id() == resource_id; })) {
      return InvalidArgument("\"" + resource_id + "\" is not one of the organisation's resources");
    }
    cases::CaseMessage message = About(case_id);
    message.mutable_referral()->set_resource_id(resource_id);
    cases::CaseEntry entry;
    entry.set_outgoing(true);
    entry.set_at_ms(kernel_.NowMs());
    entry.set_referral(resource_id);
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, entry));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    return Tell(record.peer(), message);
  });
}

Status Cases::AskHandover(const std::string& case_hex, const std::string& helper_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  KOLLEGA_ASSIGN_OR_RETURN(std::string helper, AccountFromHex(helper_hex));
  KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
  if (record.role() != cases::HELPER || record.state() != cases::OPEN) {
    return FailedPrecondition("a helper hands over an open case");
  }
  KOLLEGA_RETURN_IF_ERROR(organisations_.CertificateOf(ToHex(record.org_key()), helper).status());
  // Only the question goes out: the other helper learns nothing of the
  // case unless the seeker agrees and opens it with them.
  cases::CaseMessage ask = About(case_id);
  ask.mutable_handover_ask()->set_helper_account(helper);
  return kernel_.Transaction([&] { return SendTo(record.peer(), ask); });
}

Result<std::string> Cases::AnswerHandover(const std::string& case_hex, bool agreed,
                                          const std::string& pass_on) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
  if (record.role() != cases::SEEKER || record.handover_to().empty()) {
    return FailedPrecondition("no handover was asked for in this case");
  }
  cases::CaseMessage answer = About(case_id);
  answer.mutable_handover_answer()->set_agreed(agreed);
  if (!agreed) {
    record.clear_handover_to();
    KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
      KOLLEGA_RETURN_IF_ERROR(Save(record));
      return Tell(record.peer(), answer);
    }));
    return std::string();
  }
  const std::string org_id = ToHex(record.org_key());
  KOLLEGA_ASSIGN_OR_RETURN(auto from, organisations_.CertificateOf(org_id, record.peer()));
  std::string text = pass_on.empty() ? "(handed over; nothing passed on)" : pass_on;
  KOLLEGA_ASSIGN_OR_RETURN(std::string new_case,
                           Open(org_id, ToHex(record.handover_to()), record.category(), text,
                                from.profile().name(), pass_on));
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(Tell(record.peer(), answer));
    cases::CaseMessage closed = About(case_id);
    closed.mutable_closed();
    KOLLEGA_RETURN_IF_ERROR(Tell(record.peer(), closed));
    KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(record.peer(), /*now=*/false));
    return EraseCase(case_id, false);
  }));
  return new_case;
}

Status Cases::StartConversation(const std::string& case_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  return kernel_.Transaction([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
    record.set_conversation_pending(true);
    return Save(record);
  });
}

Status Cases::SetSupportMinutes(const std::string& case_hex, uint32_t minutes) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  return kernel_.Transaction([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
    if (record.role() != cases::HELPER) return FailedPrecondition("the helper's figure counts");
    if (record.state() != cases::OPEN) return FailedPrecondition("the case is not open");
    KOLLEGA_RETURN_IF_ERROR(CorrectSupportTime(record, minutes));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    // The seeker's client counts against the same limit (§10).
    cases::CaseMessage corrected = About(case_id);
    corrected.mutable_support_time()->set_minutes(minutes);
    return Tell(record.peer(), corrected);
  });
}

}  // namespace kollega::client
