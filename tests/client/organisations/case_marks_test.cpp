// SPDX-License-Identifier: GPL-3.0-or-later
// Delivery and read marks on a case's texts (docs/organisations.md §10,
// "Delivery and read marks"): what the seeker sees on their own words, with
// the real relay and real clients; receipts a hostile peer makes up.
#include "organisations/cases_fixture.h"

namespace kollega::testing {
namespace {

using client::MessageStatus;

class CaseMarksTest : public CasesTest {
 protected:
  // The mark on the seeker's newest outgoing text.
  MessageStatus LastMark(const std::string& id) {
    auto entries = seeker_.client->CaseEntries(id).Get();
    if (!entries.ok()) return MessageStatus::kReceived;
    for (auto it = entries->rbegin(); it != entries->rend(); ++it) {
      if (it->outgoing && !it->text.empty()) return it->status;
    }
    return MessageStatus::kReceived;
  }
  bool MarkBecomes(const std::string& id, MessageStatus want) {
    return WaitFor([&] { return LastMark(id) == want; });
  }
  std::string LastId(const std::string& id) {
    auto entries = seeker_.client->CaseEntries(id).Get();
    return entries.ok() && !entries->empty() ? entries->back().message_id : "";
  }
  // `from` sends the seeker a receipt of `type` naming `message_id` (hex).
  void ForgeReceipt(Person& from, content::Receipt::Type type, const std::string& message_id) {
    content::Content receipt;
    receipt.mutable_receipt()->set_type(type);
    receipt.mutable_receipt()->add_message_ids(*FromHex(message_id));
    KOLLEGA_ASSERT_OK(from.client
                          ->WithComponent(std::string(CaseForger::kName),
                                          [&](client::Component& c) {
                                            return static_cast<CaseForger&>(c).SendContent(
                                                seeker_.raw, receipt);
                                          })
                          .Get());
  }
  // Something after the forged receipt that the seeker sees arrive: the
  // receipt was handled by then.
  void ThenATextFrom(Person& from, const std::string& id, const std::string& text) {
    KOLLEGA_ASSERT_OK(from.client->SendInCase(id, text).Get());
    ASSERT_TRUE(seeker_.log->WaitFor<CaseChanged>(
        [&](const CaseChanged& e) { return e.case_id == id && e.text == text; }));
  }
};

TEST_F(CaseMarksTest, ASeekersTextIsSentThenDeliveredThenReadWhenTheHelperReadsTheCase) {
  const std::string id = OpenWithKari("I keep going over the night shift");
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(MarkBecomes(id, MessageStatus::kDelivered)) << "the opening words reached kari";

  KOLLEGA_ASSERT_OK(seeker_.client->SendInCase(id, "Are you there?").Get());
  // The call returns once the relay took it: sent at least, no longer waiting.
  const MessageStatus first = LastMark(id);
  EXPECT_TRUE(first == MessageStatus::kSent || first == MessageStatus::kDelivered)
      << static_cast<int>(first);
  ASSERT_TRUE(Saw(kari_, id, "message"));
  EXPECT_TRUE(MarkBecomes(id, MessageStatus::kDelivered));
  EXPECT_TRUE(Saw(seeker_, id, "status")) << "apps learn to reload the entries";

  KOLLEGA_ASSERT_OK(kari_.client->MarkCaseRead(id).Get());
  EXPECT_TRUE(MarkBecomes(id, MessageStatus::kRead));
  auto entries = seeker_.client->CaseEntries(id).Get();
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].status, MessageStatus::kRead) << "the opening words were read too";

  // The helper's own view: the seeker's words carry no mark there.
  auto helpers = kari_.client->CaseEntries(id).Get();
  ASSERT_TRUE(helpers.ok());
  for (const auto& e : *helpers) EXPECT_EQ(e.status, MessageStatus::kReceived);
}

TEST_F(CaseMarksTest, AReceiptNeverMovesAMarkBack) {
  const std::string id = OpenWithKari("Hello");
  ASSERT_FALSE(id.empty());
  KOLLEGA_ASSERT_OK(kari_.client->MarkCaseRead(id).Get());
  ASSERT_TRUE(MarkBecomes(id, MessageStatus::kRead));
  // A late DELIVERED from another of kari's devices, say.
  ForgeReceipt(kari_, content::Receipt::DELIVERED, LastId(id));
  ASSERT_NO_FATAL_FAILURE(ThenATextFrom(kari_, id, "I am here"));
  auto entries = seeker_.client->CaseEntries(id).Get();
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->front().status, MessageStatus::kRead);
}

TEST_F(CaseMarksTest, AReceiptForAnUnknownIdOrFromSomeoneElseChangesNothing) {
  const std::string id = OpenWithKari("Hello");
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(MarkBecomes(id, MessageStatus::kDelivered));
  const std::string text_id = LastId(id);
  ASSERT_EQ(text_id.size(), 32u);
  ForgeReceipt(kari_, content::Receipt::READ, std::string(32, 'a'));
  // Ola is no party to the case: a READ from him naming the real id.
  ForgeReceipt(ola_, content::Receipt::READ, text_id);
  ASSERT_NO_FATAL_FAILURE(ThenATextFrom(kari_, id, "Take your time"));
  EXPECT_EQ(LastMark(id), MessageStatus::kDelivered);
}

}  // namespace
}  // namespace kollega::testing
