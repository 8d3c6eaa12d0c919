// Cases between a seeker and helpers over the real relay (docs/organisations.md
// §8-11), with the fixture in cases_fixture.h.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "components/cases.h"

#include "organisations/cases_fixture.h"
#include "store/decrypted_files.h"

namespace kollega::testing {
namespace {

std::string Month(int64_t ms) {
  std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m", &tm);
  return text;
}

TEST_F(CasesTest, ASeekerTalksHitsTheLimitIsReferredAndCloses) {
  const std::string id = OpenWithKari("I cannot sleep after the complaint");
  ASSERT_FALSE(id.empty());
  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(id, "I am here. Tell me more?").Get());
  ASSERT_TRUE(Saw(seeker_, id, "message"));

  clock_.Advance(2 * kDay);  // the second conversation: one more is left
  KOLLEGA_ASSERT_OK(seeker_.client->SendInCase(id, "It got worse this week").Get());
  ASSERT_TRUE(Saw(kari_, id, "message"));
  EXPECT_TRUE(Warned(seeker_, id, CaseLimitLevel::kNearing));
  EXPECT_TRUE(Warned(kari_, id, CaseLimitLevel::kNearing));

  clock_.Advance(2 * kDay);  // the third and last
  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(id, "Let us talk about next steps").Get());
  ASSERT_TRUE(Saw(seeker_, id, "message"));
  EXPECT_TRUE(Warned(kari_, id, CaseLimitLevel::kReached));
  EXPECT_TRUE(Warned(seeker_, id, CaseLimitLevel::kReached));
  auto cases = kari_.client->Cases().Get();
  ASSERT_TRUE(cases.ok());
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].conversations, 3u);
  EXPECT_EQ((*cases)[0].limit_reason, "3 of 3 conversations: this is the last one");

  EXPECT_FALSE(kari_.client->ReferInCase(id, "astrologer").Get().ok());
  KOLLEGA_ASSERT_OK(kari_.client->ReferInCase(id, "psychologist").Get());
  ASSERT_TRUE(Saw(seeker_, id, "referral"));
  auto entries = seeker_.client->CaseEntries(id).Get();
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->back().referral, "psychologist");

  auto closed = seeker_.client->CloseCase(id).Get();
  ASSERT_TRUE(closed.ok());
  ASSERT_TRUE(Saw(kari_, id, "closed"));
  EXPECT_TRUE(seeker_.client->Cases().Get()->empty());
  EXPECT_TRUE(kari_.client->CaseEntries(id).Get()->empty()) << "a helper keeps no history";
  const std::string month = [&] {
    std::time_t t = clock_.NowMs() / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m", &tm);
    return std::string(text);
  }();
  // What the helper's device keeps of it: the category and the month.
  auto counted = [&] {
    std::vector<std::pair<std::string, uint32_t>> counts;
    Status s =
        kari_.client
            ->WithComponent("cases",
                            [&](client::Component& c) -> Status {
                              auto r = static_cast<client::Cases&>(c).ClosedCounts(org_id_, month);
                              if (r.ok()) counts = *r;
                              return r.status();
                            })
            .Get();
    EXPECT_TRUE(s.ok()) << s.ToString();
    return counts;
  };
  using Counts = std::vector<std::pair<std::string, uint32_t>>;
  EXPECT_EQ(counted(), (Counts{{"burnout", 1}}));
  auto heavy = kari_.client->CloseCase(id, true).Get();
  ASSERT_TRUE(heavy.ok());
  EXPECT_TRUE(*heavy) << "a heavy case prompts a debrief";
  EXPECT_TRUE(kari_.client->Cases().Get()->empty());
  EXPECT_EQ(counted(), (Counts{{"burnout", 1}})) << "counted once";
}

TEST_F(CasesTest, AHandoverWaitsForTheSeekersConsentAndPassesOnOnlyWhatTheyChose) {
  const std::string id = OpenWithKari("Something private about my colleague");
  ASSERT_FALSE(id.empty());
  KOLLEGA_ASSERT_OK(kari_.client->AskHandover(id, ola_.hex).Get());
  ASSERT_TRUE(Saw(seeker_, id, "handover-asked"));
  // Ola has heard nothing of it.
  ola_.log->Drain();
  EXPECT_TRUE(ola_.client->Cases().Get()->empty());
  EXPECT_TRUE(ola_.log->All<CaseChanged>().empty());

  auto declined = seeker_.client->AnswerHandover(id, false, "").Get();
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  ASSERT_TRUE(Saw(kari_, id, "handover-declined"));
  EXPECT_TRUE(ola_.client->Cases().Get()->empty());

  KOLLEGA_ASSERT_OK(kari_.client->AskHandover(id, ola_.hex).Get());
  ASSERT_TRUE(seeker_.log->WaitFor<CaseChanged>(
      [&](const CaseChanged& e) { return e.case_id == id && e.what == "handover-asked"; }, kWait,
      2));
  auto handed = seeker_.client->AnswerHandover(id, true, "Night shifts, since spring").Get();
  ASSERT_TRUE(handed.ok()) << handed.status().ToString();
  ASSERT_TRUE(Saw(ola_, *handed, "opened"));
  ASSERT_TRUE(Saw(kari_, id, "closed"));
  auto entries = ola_.client->CaseEntries(*handed).Get();
  ASSERT_TRUE(entries.ok());
  ASSERT_GE(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].notice, "handed over by Kari: Night shifts, since spring");
  for (const auto& e : *entries) {
    EXPECT_EQ(e.text.find("colleague"), std::string::npos) << "only what the seeker passed on";
  }
}

TEST_F(CasesTest, RetentionErasesMessagesFromTheStoreFilesOnBothSides) {
  const std::string marker = "retention-marker-8c1e";
  const std::string id = OpenWithKari("first words " + marker);
  ASSERT_FALSE(id.empty());
  const std::string kari_store = tmp_.Sub("kari") + "/store";
  ASSERT_NE(DecryptedFiles(kari_store).find(marker), std::string::npos)
      << "the files hold it while it is kept";
  clock_.Advance(29 * kDay);
  ASSERT_EQ(kari_.client->CaseEntries(id).Get()->size(), 1u) << "within retention";
  clock_.Advance(2 * kDay);
  auto entries = kari_.client->CaseEntries(id).Get();
  ASSERT_TRUE(entries.ok());
  EXPECT_TRUE(entries->empty());
  EXPECT_EQ(DecryptedFiles(kari_store).find(marker), std::string::npos)
      << "erased from the files, not hidden";
  EXPECT_TRUE(seeker_.client->CaseEntries(id).Get()->empty());
  EXPECT_EQ(DecryptedFiles(tmp_.Sub("seeker") + "/store").find(marker), std::string::npos);
}

TEST_F(CasesTest, AnOfferGoesToTheFirstHelperToAcceptAndIsWithdrawnFromTheOther) {
  for (Person* h : {&kari_, &ola_}) {
    KOLLEGA_ASSERT_OK(h->client->SetAvailability(client::Availability::kAvailable).Get());
  }
  ASSERT_TRUE(seeker_.client->RefreshOrganisation(org_id_).Get().ok());
  client::HelperFilter everyone;
  everyone.org_id = org_id_;
  auto offered = seeker_.client->OfferCase(everyone, "burnout", "Anyone there tonight?").Get();
  ASSERT_TRUE(offered.ok()) << offered.status().ToString();
  ASSERT_TRUE(Saw(kari_, *offered, "offered"));
  ASSERT_TRUE(Saw(ola_, *offered, "offered"));

  // Both accept at once; the relay lets exactly one win.
  auto kari = kari_.client->AcceptCase(*offered);
  auto ola = ola_.client->AcceptCase(*offered);
  Status kari_status = kari.Get();
  Status ola_status = ola.Get();
  ASSERT_NE(kari_status.ok(), ola_status.ok())
      << kari_status.ToString() << " / " << ola_status.ToString();
  Person& winner = kari_status.ok() ? kari_ : ola_;
  Person& loser = kari_status.ok() ? ola_ : kari_;
  const Status& lost = kari_status.ok() ? ola_status : kari_status;
  EXPECT_NE(lost.message().find("another helper has taken"), std::string::npos) << lost.ToString();
  ASSERT_TRUE(Saw(seeker_, *offered, "accepted"));
  EXPECT_TRUE(loser.client->Cases().Get()->empty());
  auto seeker_cases = seeker_.client->Cases().Get();
  ASSERT_TRUE(seeker_cases.ok());
  ASSERT_EQ(seeker_cases->size(), 1u);
  EXPECT_EQ((*seeker_cases)[0].peer, winner.hex);
  EXPECT_EQ((*seeker_cases)[0].state, client::CaseState::kOpen);
  KOLLEGA_ASSERT_OK(winner.client->SendInCase(*offered, "I am here").Get());
  ASSERT_TRUE(Saw(seeker_, *offered, "message"));
}

TEST_F(CasesTest, AHelperClosingChoosesTheCategoryItIsCountedUnder) {
  // The policy has a second category for this test.
  org::SignedObject signed_policy;
  ASSERT_TRUE(signed_policy.ParseFromString(dir_->policy));
  org::Policy policy;
  KOLLEGA_ASSERT_OK(org::OpenSigned(signed_policy, org::POLICY, key_.public_key(), &policy));
  policy.set_version(2);
  auto* conflict = policy.add_categories();
  conflict->set_id("conflict");
  (*conflict->mutable_names())["nb"] = "Konflikt";
  dir_->policy = org::Sign(key_, org::POLICY, policy)->SerializeAsString();
  ASSERT_TRUE(kari_.client->RefreshOrganisation(org_id_).Get().ok());
  auto categories = kari_.client->CaseCategories(org_id_, "nb").Get();
  ASSERT_TRUE(categories.ok()) << categories.status().ToString();
  ASSERT_EQ(categories->size(), 2u);
  EXPECT_EQ((*categories)[1].id, "conflict");
  EXPECT_EQ((*categories)[1].name, "Konflikt");
  EXPECT_EQ((*kari_.client->CaseCategories(org_id_, "da").Get())[1].name, "Konflikt")
      << "another language of the policy where it has none in the one asked for";

  const std::string id = OpenWithKari("It started as burnout, but it is my boss");
  ASSERT_FALSE(id.empty());
  auto refused = kari_.client->CloseCase(id, false, "gossip").Get();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not one of the organisation's categories"),
            std::string::npos);
  ASSERT_EQ(kari_.client->Cases().Get()->size(), 1u) << "a refused close keeps the case";
  EXPECT_FALSE(seeker_.client->CloseCase(id, false, "conflict").Get().ok())
      << "only a helper chooses";

  auto closed = kari_.client->CloseCase(id, true, "conflict").Get();
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(*closed);
  EXPECT_TRUE(kari_.client->Cases().Get()->empty());
  std::vector<std::pair<std::string, uint32_t>> counts;
  KOLLEGA_ASSERT_OK(kari_.client
                        ->WithComponent("cases",
                                        [&](client::Component& c) -> Status {
                                          auto r = static_cast<client::Cases&>(c).ClosedCounts(
                                              org_id_, Month(clock_.NowMs()));
                                          if (r.ok()) counts = *r;
                                          return r.status();
                                        })
                        .Get());
  using Counts = std::vector<std::pair<std::string, uint32_t>>;
  EXPECT_EQ(counts, (Counts{{"conflict", 1}})) << "counted under the chosen one";
}

TEST_F(CasesTest, ACaseWithSomeoneOutsideTheDirectoryIsRefused) {
  auto opened = seeker_.client->OpenCase(org_id_, seeker_.hex, "burnout", "hello").Get();
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("not a helper"), std::string::npos);
  auto bad_category = seeker_.client->OpenCase(org_id_, kari_.hex, "gossip", "hello").Get();
  ASSERT_FALSE(bad_category.ok());
  EXPECT_TRUE(seeker_.client->Cases().Get()->empty());
}

}  // namespace
}  // namespace kollega::testing
