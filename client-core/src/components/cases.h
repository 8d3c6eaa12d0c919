// Cases (docs/organisations.md §8-11): a seeker opens one with a helper
// chosen from an organisation's directory, or offers it to every available
// helper who matches and the first to claim it at the relay takes it. Both
// sides count the case against the organisation's limit and are warned as
// it nears; a helper refers on with a resource card, hands over only with
// the seeker's consent (the seeker's own client opens the case with the
// new helper, passing on only what the seeker chose), and closing a case
// leaves a helper's device with nothing but its category and month.
// Entries older than the organisation's retention are erased — compacted
// out of the store's files, not hidden.
//
// Table: 'c' case_id(16)              -> cases::CaseRecord
//        'e' case_id(16) u64be(n)     -> cases::CaseEntry
//        's' org_key(32) "YYYY-MM" category -> u32be count (closed cases)
//
//        'i' message_id(16)          -> case_id(16) u64be(n): an outgoing text,
//                                       found by its receipts and OnSent
//        'r' peer(16) message_id(16) -> case_id(16) u64be(n): an incoming
//                                       text, found when the case is read
//        'w' peer(16)                -> 1 now | 0 once the close is sent:
//                                       the peer's sessions are to go
//
// Wire: ComponentMessage{type "case", body cases::CaseMessage}. What a
// device sends in a case also goes, as a copy naming the recipients, to
// its own account's other devices, which apply it as their own
// (cases_copies.cpp); what the peer sends reaches every device anyway.
// When no case with a peer is left on a device, its Signal sessions with
// the peer and the copies kept for delivery repair are erased
// (docs/organisations.md §12).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "cases.pb.h"
#include "kernel/kernel.h"
#include "kollega/client-core/cases.h"
#include "kollega/client-core/types.h"
#include "organisation.pb.h"

namespace kollega::client {

class Organisations;
class Receipts;

class Cases final : public Component {
 public:
  static constexpr std::string_view kName = "cases";
  static constexpr std::string_view kType = "case";
  Cases(Kernel& kernel, Organisations& organisations, Receipts& receipts);

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {std::string(kType)}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming& from, const content::Content& content) override;
  void OnReceiveBatchDone() override;
  void OnSent(const std::string& recipient, const content::Content& content) override;
  void OnSendFailed(const std::string& recipient, const content::Content& content,
                    const Status& why) override;

  // --- A seeker ---
  // `handed_over_from` and `passed_on`: a handover the seeker agreed to.
  Result<std::string> Open(const std::string& org_id, const std::string& helper_hex,
                           const std::string& category, const std::string& text,
                           const std::string& handed_over_from = "",
                           const std::string& passed_on = "");
  // To every available helper matching `filter` (its org_id is required).
  Result<std::string> Offer(const HelperFilter& filter, const std::string& category,
                            const std::string& text);
  // Consent to the handover the helper asked for, passing on `pass_on`
  // only; returns the new case's id. Declining tells the helper no.
  Result<std::string> AnswerHandover(const std::string& case_hex, bool agreed,
                                     const std::string& pass_on);

  // --- A helper ---
  Status Accept(const std::string& case_hex);
  Status Refer(const std::string& case_hex, const std::string& resource_id);
  Status AskHandover(const std::string& case_hex, const std::string& helper_hex);
  Status StartConversation(const std::string& case_hex);
  Status SetSupportMinutes(const std::string& case_hex, uint32_t minutes);
  // Counts of closed cases by category for `month` ("YYYY-MM").
  Result<std::vector<std::pair<std::string, uint32_t>>> ClosedCounts(const std::string& org_id,
                                                                     const std::string& month);

  // --- Both ---
  Status Send(const std::string& case_hex, const std::string& text);
  // Tells the other side and wipes the case here. True when the helper
  // marked it heavy: the app then prompts a debrief with a colleague.
  // `category` (a helper's, one of the policy's; empty: the one the case
  // was opened with) is what the closed case is counted under.
  Result<bool> Close(const std::string& case_hex, bool heavy, const std::string& category = "");
  // The policy's categories, named in `language` where the policy has it.
  Result<std::vector<CaseCategory>> Categories(const std::string& org_id,
                                               const std::string& language);
  Result<std::vector<CaseInfo>> List();
  Result<std::vector<CaseEntryInfo>> Entries(const std::string& case_hex);
  // The peer's texts in the case are read: a READ receipt goes back.
  Status MarkRead(const std::string& case_hex);
  // Erases entries past their organisation's retention.
  Status SweepRetention();

 private:
  Result<cases::CaseRecord> Load(const std::string& case_id);
  Status Save(const cases::CaseRecord& record);
  Status AddEntry(cases::CaseRecord& record, cases::CaseEntry entry);
  Status EraseCase(const std::string& case_id, bool keep_record);
  // Erases the entries at `keys` (their values `values`) and their index records.
  Status EraseEntries(const std::string& case_id, const std::vector<std::string>& keys,
                      const std::vector<std::string>& values);
  // `message_id`: the Content's, which receipts name (a text's); else none.
  Status SendTo(const std::string& peer, const cases::CaseMessage& message,
                const std::string& message_id = "");
  // SendTo each of `peers`, and one copy to this account's other devices.
  Status Tell(const std::vector<std::string>& peers, const cases::CaseMessage& message,
              const std::string& message_id = "");
  Status Tell(const std::string& peer, const cases::CaseMessage& message,
              const std::string& message_id = "") {
    return Tell(std::vector<std::string>{peer}, message, message_id);
  }
  // An entry's number as its key ends: u64 big-endian, so keys sort by it.
  static std::string EntryNumber(uint64_t n) {
    std::string out;
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(n >> shift));
    return out;
  }
  // The index record of `entry` in `record` ('i' or 'r'); empty for an
  // entry without a message id.
  std::string IndexKey(const cases::CaseRecord& record, const cases::CaseEntry& entry) const;
  static cases::CaseEntry OutgoingText(int64_t at_ms, const std::string& text,
                                       const std::string& message_id);
  // The outgoing text `message_id` to `peer` moves forward to `target`
  // (never back); unknown ids change nothing (cases_marks.cpp).
  Status Advance(const std::string& peer, const std::string& message_id, MessageStatus target);
  // A copy of what another device of this account sent (cases_copies.cpp).
  Status ReceiveCopy(cases::CaseMessage& message);
  // The case is gone here: once `peer` has no case left on this device,
  // its sessions go too; `now` false waits until the close is sent.
  Status ForgetPeerLater(const std::string& peer, bool now);
  Status ForgetPeer(const std::string& peer);
  Status ForgetMarked();
  Result<bool> HasCaseWith(const std::string& peer);
  // After cases changed outside a receive (and after each receive): wipes
  // what ForgetPeerLater marked, and updates availability.
  void AfterCaseChange();
  // A helper at an organisation's cap on open cases shows as full, and as
  // chosen again below it (docs/organisations.md §7).
  void UpdateAvailability();
  void Changed(const std::string& case_id, const std::string& what, const std::string& text = "");
  Status PinHelper(const std::string& org_id, const std::string& account);
  // Counts a message into the ledger and warns when the limit came nearer.
  Status Count(cases::CaseRecord& record, int64_t at_ms);
  void Warn(cases::CaseRecord& record, const org::CaseLimit& limit);
  // The organisation's case limit, or none when its policy is not here.
  org::CaseLimit LimitOf(const cases::CaseRecord& record);
  Status CorrectSupportTime(cases::CaseRecord& record, uint32_t minutes);
  Status RecordClosed(const cases::CaseRecord& record, const std::string& category);
  CaseInfo Describe(const cases::CaseRecord& record);
  Status Receive(const Incoming& from, cases::CaseMessage& message, const std::string& message_id);

  Kernel& kernel_;
  Organisations& organisations_;
  Receipts& receipts_;
  bool availability_stale_ = false;  // a helper's open cases changed
  bool marked_ = true;               // peers may be marked "now" (from before a restart)
};

}  // namespace kollega::client
