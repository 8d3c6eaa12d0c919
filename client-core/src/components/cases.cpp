// SPDX-License-Identifier: GPL-3.0-or-later
#include "components/cases.h"

#include <date/date.h>

#include <algorithm>
#include <map>

#include "components/case_records.h"
#include "components/organisations.h"
#include "components/repair.h"
#include "kernel/link_manager.h"
#include "kollega/base/hex.h"
#include "organisations/case_ledger.h"
#include "organisations/opening_hours.h"

namespace kollega::client {
namespace {

using case_records::About;
using case_records::CaseIdFromHex;
using case_records::Entry;
using case_records::LedgerOf;
using case_records::StoreLedger;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

std::string RecordKey(std::string_view case_id) { return "c" + std::string(case_id); }

std::string EntryPrefix(std::string_view case_id) { return "e" + std::string(case_id); }

std::string EntryKey(std::string_view case_id, uint64_t n) {
  std::string key = EntryPrefix(case_id);
  for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>(n >> shift));
  return key;
}

std::string Month(int64_t ms) {
  auto day = std::chrono::floor<date::days>(
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
  date::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return text;
}

}  // namespace

Result<cases::CaseRecord> Cases::Load(const std::string& case_id) {
  KOLLEGA_ASSIGN_OR_RETURN(auto value, kernel_.Table(kName).Get(RecordKey(case_id)));
  if (!value) return NotFound("no such case on this device");
  cases::CaseRecord record;
  if (!record.ParseFromString(*value)) return DataLoss("a case record is damaged");
  return record;
}

Status Cases::Save(const cases::CaseRecord& record) {
  if (record.role() == cases::HELPER) availability_stale_ = true;
  return kernel_.Table(kName).Put(RecordKey(record.case_id()), record.SerializeAsString());
}

Status Cases::AddEntry(cases::CaseRecord& record, cases::CaseEntry entry) {
  uint64_t n = record.next_entry();
  record.set_next_entry(n + 1);
  const std::string index = IndexKey(record, entry);
  if (!index.empty()) {
    KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Put(index, record.case_id() + EntryNumber(n)));
  }
  return kernel_.Table(kName).Put(EntryKey(record.case_id(), n), entry.SerializeAsString());
}

Status Cases::EraseCase(const std::string& case_id, bool keep_record) {
  std::vector<std::string> keys;
  std::vector<std::string> values;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
      EntryPrefix(case_id), false, [&](std::string_view key, std::string_view value) {
        keys.emplace_back(key);
        values.emplace_back(value);
        return true;
      }));
  availability_stale_ = true;
  KOLLEGA_RETURN_IF_ERROR(EraseEntries(case_id, keys, values));
  if (!keep_record) return kernel_.Table(kName).Erase(RecordKey(case_id));
  return Status::Ok();
}

// An entry's index record goes with it: nothing of an erased text is left
// to find (docs/organisations.md §12).
Status Cases::EraseEntries(const std::string& case_id, const std::vector<std::string>& keys,
                           const std::vector<std::string>& values) {
  auto record = Load(case_id);
  for (size_t i = 0; i < keys.size(); ++i) {
    cases::CaseEntry entry;
    if (record.ok() && entry.ParseFromString(values[i])) {
      const std::string index = IndexKey(*record, entry);
      if (!index.empty()) KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Erase(index));
    }
    KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Erase(keys[i]));
  }
  if (!record.ok()) record.status().IgnoreError();
  return Status::Ok();
}

Status Cases::SendTo(const std::string& peer, const cases::CaseMessage& message,
                     const std::string& message_id) {
  content::Content content;
  content.set_message_id(message_id);
  content.mutable_component()->set_type(std::string(kType));
  content.mutable_component()->set_body(message.SerializeAsString());
  // Sent once the caller's transaction is committed: the Client's case
  // calls flush after them, a receive flushes after its delivery.
  return kernel_.Enqueue(peer, content);
}

Status Cases::Tell(const std::vector<std::string>& peers, const cases::CaseMessage& message,
                   const std::string& message_id) {
  for (const auto& peer : peers) KOLLEGA_RETURN_IF_ERROR(SendTo(peer, message, message_id));
  cases::CaseMessage copy = message;
  for (const auto& peer : peers) copy.add_copy_sent_to(peer);
  return SendTo(kernel_.own_account(), copy);
}

// The certificate binds the helper's account to its identity key; pinning
// it before the first message means a relay cannot slip in another key
// (docs/trust.md §1).
Status Cases::PinHelper(const std::string& org_id, const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(org::HelperCertificate certificate,
                           organisations_.CertificateOf(org_id, account));
  KOLLEGA_ASSIGN_OR_RETURN(auto pinned, kernel_.store().LoadPinnedIdentity(account));
  if (!pinned) return kernel_.store().PinIdentity(account, certificate.identity_key());
  if (*pinned != certificate.identity_key()) {
    return FailedPrecondition(
        "this helper's identity key differs from the one pinned on this device: compare safety "
        "numbers before going on");
  }
  return Status::Ok();
}

org::CaseLimit Cases::LimitOf(const cases::CaseRecord& record) {
  auto policy = organisations_.PolicyOf(ToHex(record.org_key()));
  return policy.ok() ? policy->case_limit() : org::CaseLimit();
}

Status Cases::Count(cases::CaseRecord& record, int64_t at_ms) {
  const org::CaseLimit limit = LimitOf(record);
  CaseLedger ledger(limit, LedgerOf(record));
  ledger.RecordMessage(at_ms);
  StoreLedger(ledger.state(), record);
  Warn(record, limit);
  return Status::Ok();
}

Status Cases::CorrectSupportTime(cases::CaseRecord& record, uint32_t minutes) {
  // Also what a peer sends: a figure past the bound would wrap the kept
  // difference (an int32).
  if (minutes > CaseLedger::kMaxSupportMinutes) {
    return InvalidArgument("support time: at most " +
                           std::to_string(CaseLedger::kMaxSupportMinutes) + " minutes");
  }
  const org::CaseLimit limit = LimitOf(record);
  CaseLedger ledger(limit, LedgerOf(record));
  ledger.SetSupportMinutes(minutes);
  record.set_correction_minutes(ledger.state().correction_minutes);
  Warn(record, limit);
  return Status::Ok();
}

void Cases::Warn(cases::CaseRecord& record, const org::CaseLimit& limit) {
  CaseLedger ledger(limit, LedgerOf(record));
  LimitCheck check = ledger.Check(kernel_.NowMs());
  if (static_cast<uint32_t>(check.level) > record.warned_level()) {
    record.set_warned_level(static_cast<uint32_t>(check.level));
    auto warning = std::make_shared<CaseLimitWarning>();
    warning->case_id = ToHex(record.case_id());
    warning->level = static_cast<CaseLimitLevel>(check.level);
    warning->reason = check.reason;
    kernel_.Emit(warning);
  }
}

Status Cases::RecordClosed(const cases::CaseRecord& record, const std::string& category) {
  if (record.role() != cases::HELPER || record.state() == cases::OFFERED) return Status::Ok();
  std::string key = "s" + record.org_key() + Month(kernel_.NowMs()) + category;
  KOLLEGA_ASSIGN_OR_RETURN(auto value, kernel_.Table(kName).Get(key));
  uint32_t count = 0;
  if (value && value->size() == 4) {
    for (char c : *value) count = (count << 8) | static_cast<uint8_t>(c);
  }
  ++count;
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(count >> shift));
  return kernel_.Table(kName).Put(key, out);
}

Result<std::string> Cases::Open(const std::string& org_id, const std::string& helper_hex,
                                const std::string& category, const std::string& text,
                                const std::string& handed_over_from, const std::string& passed_on) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string helper, AccountFromHex(helper_hex));
  KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, organisations_.PolicyOf(org_id));
  if (!category.empty() &&
      std::none_of(policy.categories().begin(), policy.categories().end(),
                   [&](const org::Category& c) { return c.id() == category; })) {
    return InvalidArgument("\"" + category + "\" is not one of the organisation's categories");
  }
  if (text.empty()) return InvalidArgument("a case opens with a message");
  KOLLEGA_RETURN_IF_ERROR(PinHelper(org_id, helper));
  cases::CaseRecord record;
  record.set_case_id(kernel_.NewMessageId());
  record.set_role(cases::SEEKER);
  record.set_state(cases::OPEN);
  record.set_peer(helper);
  record.set_org_key(policy.org_key());
  record.set_category(category);
  record.set_opened_ms(kernel_.NowMs());
  cases::CaseMessage message = About(record.case_id());
  auto* open = message.mutable_open();
  open->set_org_key(policy.org_key());
  open->set_category(category);
  open->set_text(text);
  open->set_handed_over_from(handed_over_from);
  open->set_passed_on(passed_on);
  const std::string message_id = kernel_.NewMessageId();
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, OutgoingText(kernel_.NowMs(), text, message_id)));
    KOLLEGA_RETURN_IF_ERROR(Count(record, kernel_.NowMs()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    return Tell(helper, message, message_id);
  }));
  return ToHex(record.case_id());
}

Status Cases::Send(const std::string& case_hex, const std::string& text) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  if (text.empty()) return InvalidArgument("an empty message");
  return kernel_.Transaction([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
    if (record.state() != cases::OPEN) return FailedPrecondition("the case is not open");
    cases::CaseMessage message = About(case_id);
    message.mutable_text()->set_text(text);
    message.mutable_text()->set_new_conversation(record.conversation_pending());
    const std::string message_id = kernel_.NewMessageId();
    KOLLEGA_RETURN_IF_ERROR(AddEntry(record, OutgoingText(kernel_.NowMs(), text, message_id)));
    KOLLEGA_RETURN_IF_ERROR(Count(record, kernel_.NowMs()));
    KOLLEGA_RETURN_IF_ERROR(Save(record));
    return Tell(record.peer(), message, message_id);
  });
}

Result<bool> Cases::Close(const std::string& case_hex, bool heavy, const std::string& category) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
  // A helper often knows better at the end what the case was about; the
  // statistics count what they chose (docs/organisations.md §10, "Closing").
  std::string counted = record.category();
  if (!category.empty() && category != counted) {
    if (record.role() != cases::HELPER) {
      return FailedPrecondition("only a helper chooses the category a case is counted under");
    }
    KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, organisations_.PolicyOf(ToHex(record.org_key())));
    if (std::none_of(policy.categories().begin(), policy.categories().end(),
                     [&](const org::Category& c) { return c.id() == category; })) {
      return InvalidArgument("\"" + category + "\" is not one of the organisation's categories");
    }
    counted = category;
  }
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    cases::CaseMessage said = About(case_id);
    if (record.state() == cases::OPEN) {
      said.mutable_closed();
      KOLLEGA_RETURN_IF_ERROR(Tell(record.peer(), said));
      KOLLEGA_RETURN_IF_ERROR(RecordClosed(record, counted));
      KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(record.peer(), /*now=*/false));
    } else if (record.state() == cases::OFFERED && record.role() == cases::SEEKER) {
      said.mutable_withdrawn();
      std::vector<std::string> asked(record.offered_to().begin(), record.offered_to().end());
      KOLLEGA_RETURN_IF_ERROR(Tell(asked, said));
      for (const auto& helper : asked) KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(helper, false));
    } else {
      // Nothing goes out (the other side closed it, or an offer not taken
      // yet): this side's copies go too.
      cases::CaseMessage copy = said;
      copy.mutable_closed();
      copy.add_copy_sent_to(record.peer());
      KOLLEGA_RETURN_IF_ERROR(SendTo(kernel_.own_account(), copy));
      if (!record.peer().empty()) KOLLEGA_RETURN_IF_ERROR(ForgetPeerLater(record.peer(), true));
    }
    return EraseCase(case_id, false);
  }));
  AfterCaseChange();
  return heavy && record.role() == cases::HELPER;
}

Result<std::vector<CaseCategory>> Cases::Categories(const std::string& org_id,
                                                    const std::string& language) {
  KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, organisations_.PolicyOf(org_id));
  std::vector<CaseCategory> out;
  for (const org::Category& c : policy.categories()) {
    // As the policy's other texts (English, else any); the id is stable and
    // readable ("burnout"): the name where the policy gives none.
    std::string name = InLanguage(c.names(), language);
    out.push_back({c.id(), name.empty() ? c.id() : name});
  }
  return out;
}

CaseInfo Cases::Describe(const cases::CaseRecord& record) {
  CaseInfo info;
  info.case_id = ToHex(record.case_id());
  info.org_id = ToHex(record.org_key());
  info.peer = record.peer().empty() ? std::string() : ToHex(record.peer());
  info.category = record.category();
  info.role = record.role() == cases::HELPER ? CaseRole::kHelper : CaseRole::kSeeker;
  info.state = static_cast<CaseState>(record.state());
  info.opened_ms = record.opened_ms();
  info.handover_to = record.handover_to().empty() ? std::string() : ToHex(record.handover_to());
  const org::CaseLimit limit = LimitOf(record);
  info.max_conversations = limit.max_conversations();
  info.max_support_minutes = limit.max_support_minutes();
  CaseLedger ledger(limit, LedgerOf(record));
  LimitCheck check = ledger.Check(kernel_.NowMs());
  info.conversations = check.conversations;
  info.support_minutes = check.support_minutes;
  info.limit = static_cast<CaseLimitLevel>(check.level);
  info.limit_reason = check.reason;
  return info;
}

Result<std::vector<CaseInfo>> Cases::List() {
  KOLLEGA_RETURN_IF_ERROR(SweepRetention());
  std::vector<CaseInfo> out;
  KOLLEGA_RETURN_IF_ERROR(
      kernel_.Table(kName).Scan("c", false, [&](std::string_view, std::string_view value) {
        cases::CaseRecord record;
        if (record.ParseFromString(std::string(value))) out.push_back(Describe(record));
        return true;
      }));
  return out;
}

Result<std::vector<CaseEntryInfo>> Cases::Entries(const std::string& case_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, CaseIdFromHex(case_hex));
  KOLLEGA_RETURN_IF_ERROR(Load(case_id).status());
  KOLLEGA_RETURN_IF_ERROR(SweepRetention());
  std::vector<CaseEntryInfo> out;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
      EntryPrefix(case_id), false, [&](std::string_view, std::string_view value) {
        cases::CaseEntry entry;
        if (!entry.ParseFromString(std::string(value))) return true;
        CaseEntryInfo info;
        info.outgoing = entry.outgoing();
        info.at_ms = entry.at_ms();
        info.text = entry.text();
        info.referral = entry.referral();
        info.notice = entry.notice();
        if (!entry.message_id().empty()) info.message_id = ToHex(entry.message_id());
        // Only a text sent with an id has a mark (entries from before marks: none).
        if (entry.outgoing() && !entry.message_id().empty() &&
            entry.status() <= static_cast<uint32_t>(MessageStatus::kRead)) {
          info.status = static_cast<MessageStatus>(entry.status());
        }
        out.push_back(std::move(info));
        return true;
      }));
  return out;
}

Status Cases::SweepRetention() {
  std::vector<cases::CaseRecord> records;
  KOLLEGA_RETURN_IF_ERROR(
      kernel_.Table(kName).Scan("c", false, [&](std::string_view, std::string_view value) {
        cases::CaseRecord record;
        if (record.ParseFromString(std::string(value))) records.push_back(std::move(record));
        return true;
      }));
  std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> expired;
  for (const auto& record : records) {
    auto policy = organisations_.PolicyOf(ToHex(record.org_key()));
    if (!policy.ok() || policy->retention_days() == 0) continue;
    const int64_t cutoff = kernel_.NowMs() - int64_t{policy->retention_days()} * kDayMs;
    KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
        EntryPrefix(record.case_id()), false, [&](std::string_view key, std::string_view value) {
          cases::CaseEntry entry;
          if (entry.ParseFromString(std::string(value)) && entry.at_ms() < cutoff) {
            expired[record.case_id()].first.emplace_back(key);
            expired[record.case_id()].second.emplace_back(value);
          }
          return true;
        }));
  }
  if (expired.empty()) return Status::Ok();
  // Copies kept for delivery repair are a day old at most, and a retention
  // is at least a day: pruned now, the erase below compacts them away too.
  if (auto* repair = dynamic_cast<Repair*>(kernel_.ComponentNamed(Repair::kName))) {
    KOLLEGA_RETURN_IF_ERROR(repair->Prune());
  }
  return kernel_.Transaction([&]() -> Status {
    for (const auto& [case_id, entries] : expired) {
      KOLLEGA_RETURN_IF_ERROR(EraseEntries(case_id, entries.first, entries.second));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::pair<std::string, uint32_t>>> Cases::ClosedCounts(
    const std::string& org_id, const std::string& month) {
  auto org_key = FromHex(org_id);
  if (!org_key || org_key->size() != 32)
    return InvalidArgument("an organisation id is 64 hex digits");
  std::string prefix = "s" + *org_key + month;
  std::vector<std::pair<std::string, uint32_t>> out;
  KOLLEGA_RETURN_IF_ERROR(
      kernel_.Table(kName).Scan(prefix, false, [&](std::string_view key, std::string_view value) {
        uint32_t count = 0;
        for (char c : value) count = (count << 8) | static_cast<uint8_t>(c);
        out.emplace_back(std::string(key.substr(prefix.size())), count);
        return true;
      }));
  return out;
}

}  // namespace kollega::client
