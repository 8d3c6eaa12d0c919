// The fixture of the cases tests (cases_test.cpp, cases_devices_test.cpp):
// a real relay, with the organisation's directory served by a man in the
// middle (forged_directory.h) so these run whatever the relay keeps; the
// case messages themselves go through the real relay, end to end
// encrypted. All clients share one manual clock, so days pass at the
// test's word.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "../client_test_util.h"
#include "../event_log.h"
#include "kollega/base/clock.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
#include "kollega/org/signed_object.h"
#include "organisations/forged_directory.h"
#include "support/hostile_link.h"

namespace kollega::testing {

// Sends whatever case message a test makes up, from a real client and over
// its real sessions: what a hostile peer's modified client could send.
class CaseForger final : public client::Component {
 public:
  static constexpr std::string_view kName = "test.case-forger";
  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {}; }
  void Attach(client::KernelServices* kernel) override { kernel_ = kernel; }
  Status OnReceive(const client::Incoming&, const content::Content&) override {
    return Status::Ok();
  }
  Status Send(const std::string& to, const std::string& case_message) {
    content::Content c;
    c.mutable_component()->set_type("case");
    c.mutable_component()->set_body(case_message);
    return SendContent(to, std::move(c));
  }
  // Any Content (a receipt naming what the test chooses).
  Status SendContent(const std::string& to, content::Content c) {
    c.set_message_id(kernel_->NewMessageId());
    KOLLEGA_RETURN_IF_ERROR(kernel_->Transaction([&] { return kernel_->Enqueue(to, c); }));
    kernel_->RequestFlush();
    return Status::Ok();
  }

 private:
  client::KernelServices* kernel_ = nullptr;
};

using client::CaseChanged;
using client::CaseLimitLevel;
using client::CaseLimitWarning;

constexpr int64_t kDay = 24LL * 3600 * 1000;

class CasesTest : public ::testing::Test {
 protected:
  struct Person {
    std::string name;
    std::unique_ptr<client::Client> client;
    std::unique_ptr<EventLog> log;
    std::string hex, raw, identity;
  };

  void SetUp() override {
    relay_ = MakeRelay();
    ASSERT_TRUE(relay_->Start());
    mitm_.SetHooks(ServeDirectory(dir_));
    ASSERT_NO_FATAL_FAILURE(Make("kari", &kari_));
    ASSERT_NO_FATAL_FAILURE(Make("ola", &ola_));
    ASSERT_NO_FATAL_FAILURE(Make("seeker", &seeker_));
    org::Policy policy;
    policy.set_format(1);
    policy.set_org_key(key_.public_key());
    policy.set_version(1);
    policy.set_name("Støttekollega");
    auto* burnout = policy.add_categories();
    burnout->set_id("burnout");
    (*burnout->mutable_names())["nb"] = "Utbrenthet";
    policy.add_resources()->set_id("psychologist");
    policy.mutable_case_limit()->set_max_conversations(3);
    policy.set_retention_days(30);
    policy.set_max_open_cases_per_helper(2);
    dir_->policy = org::Sign(key_, org::POLICY, policy)->SerializeAsString();
    dir_->certificates.push_back(Certificate(1, kari_));
    dir_->certificates.push_back(Certificate(2, ola_));
    for (Person* p : {&kari_, &ola_, &seeker_}) {
      auto joined =
          p->client->JoinOrganisation(org::EncodeCard({relay_->url(), key_.public_key()})).Get();
      ASSERT_TRUE(joined.ok()) << joined.status().ToString();
      KOLLEGA_ASSERT_OK(p->client->StartListening().Get());
    }
    org_id_ = ToHex(key_.public_key());
  }

  void Make(const std::string& name, Person* p) {
    client::Client::Options options = FastOptions();
    options.link_factory = mitm_.Factory();
    options.clock = &clock_;
    options.extra_components.push_back([] { return std::make_unique<CaseForger>(); });
    p->name = name;
    p->client = OpenClient(tmp_.Sub(name), options);
    ASSERT_TRUE(p->client);
    size_t before = mitm_.SentRequests().size();
    KOLLEGA_ASSERT_OK(p->client->CreateAccount(relay_->url()).Get());
    auto sent = mitm_.SentRequests();
    for (size_t i = before; i < sent.size(); ++i) {
      if (sent[i].has_upload_prekeys() && !sent[i].upload_prekeys().identity_key().empty()) {
        p->identity = sent[i].upload_prekeys().identity_key();
      }
    }
    ASSERT_EQ(p->identity.size(), 33u);
    p->hex = AccountOf(*p->client);
    p->raw = *FromHex(p->hex);
    p->log = std::make_unique<EventLog>(p->client.get());
  }

  std::string Certificate(uint64_t serial, const Person& p) {
    org::HelperCertificate c;
    c.set_format(1);
    c.set_org_key(key_.public_key());
    c.set_serial(serial);
    c.set_account_id(p.raw);
    c.set_identity_key(p.identity);
    c.mutable_profile()->set_name(p.name == "kari" ? "Kari" : "Ola");
    c.mutable_profile()->set_profession("dentist");
    c.set_issued_ms(clock_.NowMs() - kDay);
    c.set_expires_ms(clock_.NowMs() + 1000 * kDay);
    return org::Sign(key_, org::HELPER_CERTIFICATE, c)->SerializeAsString();
  }

  static bool Saw(Person& p, const std::string& case_id, const std::string& what) {
    return p.log->WaitFor<CaseChanged>(
        [&](const CaseChanged& e) { return e.case_id == case_id && e.what == what; });
  }
  static bool Warned(Person& p, const std::string& case_id, CaseLimitLevel level) {
    return p.log->WaitFor<CaseLimitWarning>(
        [&](const CaseLimitWarning& e) { return e.case_id == case_id && e.level == level; });
  }

  std::string OpenWithKari(const std::string& text) {
    auto opened = seeker_.client->OpenCase(org_id_, kari_.hex, "burnout", text).Get();
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return {};
    EXPECT_TRUE(Saw(kari_, *opened, "opened"));
    return *opened;
  }

  TempDir tmp_;
  ManualClock clock_{Now()};
  std::unique_ptr<RelayProcess> relay_;
  HostileRelay mitm_;
  std::shared_ptr<Directory> dir_ = std::make_shared<Directory>();
  crypto::DeviceKey key_ = crypto::DeviceKey::Generate().value();
  std::string org_id_;
  Person kari_, ola_, seeker_;
};

}  // namespace kollega::testing
