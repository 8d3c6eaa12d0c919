// Cases across a helper's own devices, what closing destroys, the seeker's
// view of a corrected support time, and availability at the cap on open
// cases (docs/organisations.md §7, §10, §12), over the real relay.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "components/cases.h"
#include "organisation.pb.h"
#include "organisations/cases_fixture.h"
#include "store/client_store_format.h"
#include "store/decrypted_files.h"

namespace kollega::testing {
namespace {

class CasesDevicesTest : public CasesTest {
 protected:
  // Links a second device to `first`'s account; it joins the organisation
  // and listens, as a helper's laptop next to the phone would.
  void LinkSecond(Person& first, const std::string& name, Person* second) {
    client::Client::Options options = FastOptions();
    options.link_factory = mitm_.Factory();
    options.clock = &clock_;
    second->name = name;
    second->client = OpenClient(tmp_.Sub(name), options);
    ASSERT_TRUE(second->client);
    auto code = first.client->StartLinking().Get();
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    KOLLEGA_ASSERT_OK(second->client->LinkDevice(relay_->url(), *code).Get());
    second->hex = first.hex;
    second->raw = first.raw;
    second->identity = first.identity;
    second->log = std::make_unique<EventLog>(second->client.get());
    auto joined =
        second->client->JoinOrganisation(org::EncodeCard({relay_->url(), key_.public_key()})).Get();
    ASSERT_TRUE(joined.ok()) << joined.status().ToString();
    KOLLEGA_ASSERT_OK(second->client->StartListening().Get());
  }

  // The store's data files; its MANIFEST names the first and last key of
  // each table file, never a value, so a session's key may stay there.
  std::string Files(const std::string& name) {
    return DecryptedFiles(tmp_.Sub(name) + "/store", /*with_manifest=*/false);
  }
  static bool HasSessionWith(const std::string& files, const std::string& account) {
    return files.find(client::store_format::SessionPrefix(account)) != std::string::npos;
  }

  // The newest availability `account` published, as the directory holds it.
  org::AvailabilityState LastAvailability(const std::string& account) {
    std::lock_guard lock(dir_->mu);
    for (auto it = dir_->availability.rbegin(); it != dir_->availability.rend(); ++it) {
      if (it->account_id() != account) continue;
      org::SignedAvailability s;
      org::Availability a;
      if (s.ParseFromString(it->signed_availability()) && a.ParseFromString(s.body())) {
        return a.state();
      }
    }
    return org::AVAILABILITY_UNSPECIFIED;
  }
  bool AvailabilityBecomes(const std::string& account, org::AvailabilityState state) {
    for (int i = 0; i < 500; ++i) {
      if (LastAvailability(account) == state) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  Person laptop_;
};

TEST_F(CasesDevicesTest, AHelpersTwoDevicesKeepOneCaseAndAClosingOnOneClosesOnBoth) {
  ASSERT_NO_FATAL_FAILURE(LinkSecond(kari_, "kari-laptop", &laptop_));
  const std::string marker = "own-devices-marker-41d7";
  const std::string id = OpenWithKari("Are you there?");
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(Saw(laptop_, id, "opened")) << "the seeker's message reaches every device";

  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(id, "Yes, from my phone " + marker).Get());
  ASSERT_TRUE(Saw(seeker_, id, "message"));
  ASSERT_TRUE(Saw(laptop_, id, "own-message")) << "the phone's reply reaches the laptop";
  KOLLEGA_ASSERT_OK(laptop_.client->SendInCase(id, "and now from my laptop").Get());
  ASSERT_TRUE(Saw(kari_, id, "own-message"));
  ASSERT_TRUE(seeker_.log->WaitFor<CaseChanged>(
      [&](const CaseChanged& e) { return e.case_id == id && e.text == "and now from my laptop"; }));
  for (Person* device : {&kari_, &laptop_}) {
    auto entries = device->client->CaseEntries(id).Get();
    ASSERT_TRUE(entries.ok()) << device->name;
    ASSERT_EQ(entries->size(), 3u) << device->name;
    EXPECT_FALSE((*entries)[0].outgoing);
    EXPECT_TRUE((*entries)[1].outgoing) << device->name;
    EXPECT_TRUE((*entries)[2].outgoing) << device->name;
  }
  ASSERT_TRUE(HasSessionWith(Files("kari"), seeker_.raw)) << "the check can see a session";
  ASSERT_NE(Files("kari").find(marker), std::string::npos) << "kept while the case is open";

  auto heavy = kari_.client->CloseCase(id, true).Get();
  ASSERT_TRUE(heavy.ok()) << heavy.status().ToString();
  ASSERT_TRUE(Saw(seeker_, id, "closed"));
  ASSERT_TRUE(Saw(laptop_, id, "own-closed"));
  EXPECT_TRUE(kari_.client->Cases().Get()->empty());
  EXPECT_TRUE(laptop_.client->Cases().Get()->empty()) << "closed on the phone, gone on the laptop";
  // The keys and every copy of what was said leave both devices' files:
  // the case itself, the ratchet sessions, the copies kept for repair.
  ASSERT_TRUE(kari_.log->WaitUntil([&](const auto&) {
    return !HasSessionWith(Files("kari"), seeker_.raw);
  })) << "the phone's sessions with the seeker";
  EXPECT_EQ(Files("kari").find(marker), std::string::npos);
  ASSERT_TRUE(laptop_.log->WaitUntil([&](const auto&) {
    return !HasSessionWith(Files("kari-laptop"), seeker_.raw);
  })) << "the laptop's sessions with the seeker";
  EXPECT_EQ(Files("kari-laptop").find(marker), std::string::npos);
  ASSERT_TRUE(seeker_.log->WaitUntil([&](const auto&) {
    return !HasSessionWith(Files("seeker"), kari_.raw);
  })) << "the seeker's, once nothing is left with kari";

  // A new case afterwards starts new sessions and works.
  const std::string again = OpenWithKari("May I come back?");
  ASSERT_FALSE(again.empty());
  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(again, "Of course").Get());
  ASSERT_TRUE(Saw(seeker_, again, "message"));
}

TEST_F(CasesDevicesTest, AnOfferAcceptedOnOneDeviceIsOpenOnTheOther) {
  ASSERT_NO_FATAL_FAILURE(LinkSecond(kari_, "kari-laptop", &laptop_));
  KOLLEGA_ASSERT_OK(kari_.client->SetAvailability(client::Availability::kAvailable).Get());
  ASSERT_TRUE(seeker_.client->RefreshOrganisation(org_id_).Get().ok());
  client::HelperFilter everyone;
  everyone.org_id = org_id_;
  auto offered = seeker_.client->OfferCase(everyone, "burnout", "Anyone?").Get();
  ASSERT_TRUE(offered.ok()) << offered.status().ToString();
  ASSERT_TRUE(Saw(kari_, *offered, "offered"));
  ASSERT_TRUE(Saw(laptop_, *offered, "offered"));
  KOLLEGA_ASSERT_OK(laptop_.client->AcceptCase(*offered).Get());
  ASSERT_TRUE(Saw(seeker_, *offered, "accepted"));
  ASSERT_TRUE(Saw(kari_, *offered, "own-accepted"));
  auto on_phone = kari_.client->Cases().Get();
  ASSERT_TRUE(on_phone.ok());
  ASSERT_EQ(on_phone->size(), 1u);
  EXPECT_EQ((*on_phone)[0].state, client::CaseState::kOpen);
  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(*offered, "I have it on my phone too").Get());
  ASSERT_TRUE(Saw(seeker_, *offered, "message"));
}

TEST_F(CasesDevicesTest, OnlyOnesOwnDevicesSendCopies) {
  const std::string id = OpenWithKari("Hello");
  ASSERT_FALSE(id.empty());
  // The seeker's modified client dresses a message up as a copy of what
  // kari said: neither kari's words nor the seeker's.
  cases::CaseMessage forged;
  forged.set_case_id(*FromHex(id));
  forged.add_copy_sent_to(seeker_.raw);
  forged.mutable_text()->set_text("forged words");
  KOLLEGA_ASSERT_OK(seeker_.client
                        ->WithComponent(std::string(CaseForger::kName),
                                        [&](client::Component& c) {
                                          return static_cast<CaseForger&>(c).Send(
                                              kari_.raw, forged.SerializeAsString());
                                        })
                        .Get());
  // Then a real message, which arrives after the forged one.
  KOLLEGA_ASSERT_OK(seeker_.client->SendInCase(id, "the real one").Get());
  ASSERT_TRUE(kari_.log->WaitFor<CaseChanged>(
      [&](const CaseChanged& e) { return e.case_id == id && e.text == "the real one"; }));
  auto entries = kari_.client->CaseEntries(id).Get();
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  for (const auto& e : *entries) EXPECT_NE(e.text, "forged words");
}

TEST_F(CasesDevicesTest, TheSeekerSeesTheHelpersCorrectedSupportTime) {
  const std::string id = OpenWithKari("Can we talk?");
  ASSERT_FALSE(id.empty());
  KOLLEGA_ASSERT_OK(kari_.client->SendInCase(id, "Yes").Get());
  ASSERT_TRUE(Saw(seeker_, id, "message"));
  KOLLEGA_ASSERT_OK(kari_.client->SetSupportMinutes(id, 95).Get());
  ASSERT_TRUE(Saw(seeker_, id, "support-time"));
  auto seen = seeker_.client->Cases().Get();
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].support_minutes, 95u);
  EXPECT_EQ((*kari_.client->Cases().Get())[0].support_minutes, 95u);
  EXPECT_FALSE(seeker_.client->SetSupportMinutes(id, 10).Get().ok()) << "only the helper's counts";
  EXPECT_EQ(kari_.client->SetSupportMinutes(id, 3'000'000'000u).Get().code(),
            StatusCode::kInvalidArgument)
      << "past the bound the kept difference would wrap";
  EXPECT_EQ((*kari_.client->Cases().Get())[0].support_minutes, 95u);
}

TEST_F(CasesDevicesTest, AHelperAtTheCapShowsAsFullAndAvailableAgainBelowIt) {
  KOLLEGA_ASSERT_OK(kari_.client->SetAvailability(client::Availability::kAvailable).Get());
  ASSERT_EQ(LastAvailability(kari_.raw), org::AVAILABLE);
  const std::string first = OpenWithKari("one");
  ASSERT_FALSE(first.empty());
  ASSERT_TRUE(seeker_.client->RefreshOrganisation(org_id_).Get().ok());
  auto second = seeker_.client->OpenCase(org_id_, kari_.hex, "burnout", "two").Get();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(Saw(kari_, *second, "opened"));
  ASSERT_TRUE(AvailabilityBecomes(kari_.raw, org::FULL)) << "the policy's cap is 2 open cases";

  // The seeker's directory now shows kari as full, and an offer skips her.
  ASSERT_TRUE(seeker_.client->RefreshOrganisation(org_id_).Get().ok());
  client::HelperFilter kari_only;
  kari_only.org_id = org_id_;
  auto helpers = seeker_.client->Helpers(kari_only).Get();
  ASSERT_TRUE(helpers.ok());
  auto kari = std::find_if(helpers->begin(), helpers->end(),
                           [&](const client::HelperInfo& h) { return h.account == kari_.hex; });
  ASSERT_NE(kari, helpers->end());
  EXPECT_EQ(kari->availability, client::Availability::kFull);

  KOLLEGA_ASSERT_OK(kari_.client->CloseCase(first).Get().status());
  ASSERT_TRUE(AvailabilityBecomes(kari_.raw, org::AVAILABLE)) << "below the cap again";
}

}  // namespace
}  // namespace kollega::testing
