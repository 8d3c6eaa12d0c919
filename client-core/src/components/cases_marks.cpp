// SPDX-License-Identifier: GPL-3.0-or-later
// Delivery and read marks on a case's texts (docs/organisations.md §10,
// "Delivery and read marks"): the same receipts as the plain chat, found
// through the cases table's index records instead of the message store.
#include "components/case_records.h"
#include "components/cases.h"
#include "components/receipts.h"
#include "components/repair.h"
#include "kollega/base/hex.h"

namespace kollega::client {
namespace {

constexpr size_t kIdSize = 16;
constexpr size_t kPlaceSize = case_records::kCaseIdSize + 8;  // case_id(16) u64be(n)

}  // namespace

Cases::Cases(Kernel& kernel, Organisations& organisations, Receipts& receipts)
    : kernel_(kernel), organisations_(organisations), receipts_(receipts) {
  receipts_.SetFallback([this](const std::string& sender, const std::string& id,
                               MessageStatus target) { return Advance(sender, id, target); });
  // A case's peer writes back (a receipt, say) just after the case closed
  // here: its sessions are gone on purpose, and repair must not start new
  // ones. Anyone with a case or a chat here is still wanted.
  if (auto* repair = dynamic_cast<Repair*>(kernel_.ComponentNamed(Repair::kName))) {
    repair->SetWanted([this](const std::string& account) -> Result<bool> {
      KOLLEGA_ASSIGN_OR_RETURN(bool has_case, HasCaseWith(account));
      if (has_case) return true;
      KOLLEGA_ASSIGN_OR_RETURN(auto chat, kernel_.store().ListMessages(account, 1));
      return !chat.empty();
    });
  }
}

std::string Cases::IndexKey(const cases::CaseRecord& record, const cases::CaseEntry& entry) const {
  if (entry.message_id().size() != kIdSize) return "";
  // An incoming id is the peer's to choose: keyed under the peer, it can
  // never stand in for one of this device's own texts.
  if (entry.outgoing()) return "i" + entry.message_id();
  return "r" + record.peer() + entry.message_id();
}

cases::CaseEntry Cases::OutgoingText(int64_t at_ms, const std::string& text,
                                     const std::string& message_id) {
  cases::CaseEntry entry = case_records::Entry(true, at_ms, text);
  entry.set_message_id(message_id);
  entry.set_status(static_cast<uint32_t>(MessageStatus::kQueued));
  return entry;
}

Status Cases::Advance(const std::string& peer, const std::string& message_id,
                      MessageStatus target) {
  if (message_id.size() != kIdSize) return Status::Ok();
  ComponentTable& table = kernel_.Table(kName);
  KOLLEGA_ASSIGN_OR_RETURN(auto place, table.Get("i" + message_id));
  if (!place || place->size() != kPlaceSize) return Status::Ok();  // not a case's text
  const std::string case_id = place->substr(0, case_records::kCaseIdSize);
  auto record = Load(case_id);
  if (!record.ok()) {
    record.status().IgnoreError();  // closed meanwhile
    return Status::Ok();
  }
  // Only the case's peer marks its texts.
  if (record->peer() != peer) return Status::Ok();
  const std::string key = "e" + case_id + place->substr(case_records::kCaseIdSize);
  KOLLEGA_ASSIGN_OR_RETURN(auto value, table.Get(key));
  cases::CaseEntry entry;
  if (!value || !entry.ParseFromString(*value) || !entry.outgoing()) return Status::Ok();
  // Receipts from the peer's several devices arrive in any order: forward only.
  if (entry.status() >= static_cast<uint32_t>(target)) return Status::Ok();
  entry.set_status(static_cast<uint32_t>(target));
  KOLLEGA_RETURN_IF_ERROR(table.Put(key, entry.SerializeAsString()));
  Changed(case_id, "status");
  return Status::Ok();
}

Status Cases::MarkRead(const std::string& case_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string case_id, case_records::CaseIdFromHex(case_hex));
  KOLLEGA_ASSIGN_OR_RETURN(cases::CaseRecord record, Load(case_id));
  if (record.peer().empty()) return Status::Ok();
  // The peer's unread ids, plain chat's and every case's alike: only this
  // case's are read here.
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<std::string> unread, receipts_.Unread(record.peer()));
  ComponentTable& table = kernel_.Table(kName);
  std::vector<std::string> read;
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
    for (const auto& id : unread) {
      KOLLEGA_ASSIGN_OR_RETURN(auto place, table.Get("r" + record.peer() + id));
      if (!place || place->size() != kPlaceSize ||
          place->substr(0, case_records::kCaseIdSize) != case_id) {
        continue;
      }
      const std::string key = "e" + case_id + place->substr(case_records::kCaseIdSize);
      KOLLEGA_ASSIGN_OR_RETURN(auto value, table.Get(key));
      cases::CaseEntry entry;
      if (value && entry.ParseFromString(*value)) {
        entry.set_status(static_cast<uint32_t>(MessageStatus::kRead));
        KOLLEGA_RETURN_IF_ERROR(table.Put(key, entry.SerializeAsString()));
      }
      read.push_back(id);
    }
    return receipts_.Read(record.peer(), read);
  }));
  if (!read.empty()) kernel_.RequestFlush();
  return Status::Ok();
}

}  // namespace kollega::client
