// The organisations component against the real relay, with the directory
// answered by a man in the middle that plays the relay's operator
// (tests/support/hostile_link.h): it serves what the test's organisation
// signed, in pages, and then tries what a hostile operator would — an
// older policy, a forged certificate, a rotation the pinned key did not
// sign, another helper's availability. Each test checks what the seeker
// would see in the directory (docs/organisations.md §4-7).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <memory>
#include <mutex>

#include "../client_test_util.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
#include "kollega/org/signed_object.h"
#include "organisations/forged_directory.h"
#include "support/hostile_link.h"

namespace kollega::testing {
namespace {

constexpr int64_t kYearMs = 365LL * 24 * 3600 * 1000;

class OrgDirectoryTest : public ::testing::Test {
 protected:
  struct Helper {
    std::string name, region, gender, language;
  };

  void SetUp() override {
    relay_ = MakeRelay();
    ASSERT_TRUE(relay_->Start());

    mitm_.SetHooks(ServeDirectory(dir_));
  }

  std::unique_ptr<client::Client> NewClient(const std::string& name) {
    client::Client::Options options = FastOptions();
    options.link_factory = mitm_.Factory();
    auto c = OpenClient(tmp_.Sub(name), options);
    if (!c) return nullptr;
    Status created = c->CreateAccount(relay_->url()).Get();
    EXPECT_TRUE(created.ok()) << created.ToString();
    return c;
  }

  std::string Card() const { return org::EncodeCard({relay_->url(), key_.public_key()}); }

  static org::Policy MakePolicy(const crypto::DeviceKey& key, uint64_t version) {
    org::Policy p;
    p.set_format(1);
    p.set_org_key(key.public_key());
    p.set_version(version);
    p.set_name("Støttekollega v" + std::to_string(version));
    p.add_languages("nb");
    p.mutable_case_limit()->set_max_conversations(4);
    p.set_retention_days(90);
    return p;
  }

  std::string Signed(org::ObjectKind kind, const google::protobuf::MessageLite& m,
                     const crypto::DeviceKey* key = nullptr) {
    auto s = org::Sign(key ? *key : key_, kind, m);
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->SerializeAsString() : std::string();
  }

  void PublishPolicy(uint64_t version) {
    std::string bytes = Signed(org::POLICY, MakePolicy(key_, version));
    std::lock_guard lock(dir_->mu);
    dir_->policy = bytes;
  }

  // A certificate for `account` (16 raw bytes; any identity key).
  std::string Certificate(uint64_t serial, const std::string& account, const Helper& h,
                          int64_t expires_ms = 0) {
    org::HelperCertificate c;
    c.set_format(1);
    c.set_org_key(key_.public_key());
    c.set_serial(serial);
    c.set_account_id(account);
    c.set_identity_key(identity_.empty() ? std::string(1, '\x05') + std::string(32, 'k')
                                         : identity_);
    c.mutable_profile()->set_name(h.name);
    c.mutable_profile()->set_profession("dentist");
    c.mutable_profile()->set_region(h.region);
    c.mutable_profile()->set_gender(h.gender);
    c.mutable_profile()->set_sector("public");
    c.mutable_profile()->add_languages(h.language);
    c.set_issued_ms(Now() - kYearMs);
    c.set_expires_ms(expires_ms ? expires_ms : Now() + 3 * kYearMs);
    return Signed(org::HELPER_CERTIFICATE, c);
  }

  void Add(const std::string& certificate) {
    std::lock_guard lock(dir_->mu);
    dir_->certificates.push_back(certificate);
  }

  static std::vector<std::string> Names(const std::vector<client::HelperInfo>& helpers) {
    std::vector<std::string> names;
    for (const auto& h : helpers) names.push_back(h.name);
    std::sort(names.begin(), names.end());
    return names;
  }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
  HostileRelay mitm_;
  std::shared_ptr<Directory> dir_ = std::make_shared<Directory>();
  crypto::DeviceKey key_ = crypto::DeviceKey::Generate().value();
  std::string identity_;
};

TEST_F(OrgDirectoryTest, JoiningFetchesEveryPageAndFiltersTheDirectory) {
  PublishPolicy(1);
  Add(Certificate(1, std::string(16, '\x01'), {"Kari", "Oslo", "female", "nb"}));
  Add(Certificate(2, std::string(16, '\x02'), {"Ola", "Bergen", "male", "nb"}));
  Add(Certificate(3, std::string(16, '\x03'), {"Ingrid", "Oslo", "female", "en"}));
  Add(Certificate(4, std::string(16, '\x04'), {"Lars", "Tromsø", "male", "nb"}));
  Add(Certificate(5, std::string(16, '\x05'), {"Old term", "Oslo", "male", "nb"},
                  Now() - 1000));  // expired: refused
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  auto joined = seeker->JoinOrganisation(Card()).Get();
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->name, "Støttekollega v1");
  EXPECT_EQ(joined->helpers, 4u);
  EXPECT_EQ(joined->rejected, 1u);
  EXPECT_EQ(dir_->pages_served, 3);  // 5 certificates, 2 a page

  auto all = seeker->Helpers({}).Get();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Names(*all), (std::vector<std::string>{"Ingrid", "Kari", "Lars", "Ola"}));
  client::HelperFilter oslo;
  oslo.region = "oslo";
  EXPECT_EQ(Names(*seeker->Helpers(oslo).Get()), (std::vector<std::string>{"Ingrid", "Kari"}));
  client::HelperFilter men_nb;
  men_nb.gender = "male";
  men_nb.language = "nb";
  EXPECT_EQ(Names(*seeker->Helpers(men_nb).Get()), (std::vector<std::string>{"Lars", "Ola"}));

  auto orgs = seeker->Organisations().Get();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1u);
  EXPECT_EQ((*orgs)[0].org_id, ToHex(key_.public_key()));
}

TEST_F(OrgDirectoryTest, AnOlderPolicyFromTheRelayIsRefusedAndChangesNothing) {
  PublishPolicy(2);
  Add(Certificate(1, std::string(16, '\x01'), {"Kari", "Oslo", "female", "nb"}));
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  ASSERT_TRUE(seeker->JoinOrganisation(Card()).Get().ok());

  // The operator replays version 1, and meanwhile drops Kari's certificate.
  PublishPolicy(1);
  {
    std::lock_guard lock(dir_->mu);
    dir_->certificates.clear();
  }
  auto refreshed = seeker->RefreshOrganisation(ToHex(key_.public_key())).Get();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_NE(refreshed.status().message().find("rolled back: version 1 after 2"), std::string::npos)
      << refreshed.status().ToString();
  auto orgs = seeker->Organisations().Get();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1u);
  EXPECT_EQ((*orgs)[0].policy_version, 2u);
  EXPECT_EQ(Names(*seeker->Helpers({}).Get()), (std::vector<std::string>{"Kari"}));
}

TEST_F(OrgDirectoryTest, ForgedAndRevokedCertificatesAreNotListed) {
  PublishPolicy(1);
  Add(Certificate(1, std::string(16, '\x01'), {"Kari", "Oslo", "female", "nb"}));
  Add(Certificate(2, std::string(16, '\x02'), {"Ola", "Bergen", "male", "nb"}));
  // The operator's own helper, signed with the operator's key.
  auto operators_key = crypto::DeviceKey::Generate().value();
  org::HelperCertificate fake;
  fake.set_format(1);
  fake.set_org_key(key_.public_key());
  fake.set_serial(9);
  fake.set_account_id(std::string(16, '\x09'));
  fake.set_identity_key(std::string(1, '\x05') + std::string(32, 'x'));
  fake.mutable_profile()->set_name("Operator's plant");
  fake.set_issued_ms(Now() - 1000);
  fake.set_expires_ms(Now() + kYearMs);
  Add(Signed(org::HELPER_CERTIFICATE, fake, &operators_key));
  org::RevocationList revoked;
  revoked.set_format(1);
  revoked.set_org_key(key_.public_key());
  revoked.set_version(1);
  revoked.add_serials(2);
  {
    std::string bytes = Signed(org::REVOCATION_LIST, revoked);
    std::lock_guard lock(dir_->mu);
    dir_->revocations = bytes;
  }
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  auto joined = seeker->JoinOrganisation(Card()).Get();
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->helpers, 1u);
  EXPECT_EQ(joined->rejected, 2u);
  EXPECT_EQ(Names(*seeker->Helpers({}).Get()), (std::vector<std::string>{"Kari"}));
}

TEST_F(OrgDirectoryTest, ARotationIsFollowedOnlyWhenThePinnedKeySignedIt) {
  PublishPolicy(1);
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  ASSERT_TRUE(seeker->JoinOrganisation(Card()).Get().ok());
  const std::string old_id = ToHex(key_.public_key());

  // A rotation to the operator's key, signed only by that key.
  auto operators_key = crypto::DeviceKey::Generate().value();
  auto forged = org::SignRotation(operators_key, operators_key, Now());
  ASSERT_TRUE(forged.ok());
  org::KeyRotation body;
  ASSERT_TRUE(body.ParseFromString(forged->body()));
  body.set_old_key(key_.public_key());
  auto resigned = org::Sign(operators_key, org::KEY_ROTATION, body);
  ASSERT_TRUE(resigned.ok());
  {
    std::lock_guard lock(dir_->mu);
    dir_->rotation = resigned->SerializeAsString();
  }
  auto refused = seeker->RefreshOrganisation(old_id).Get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << refused.status().ToString();
  EXPECT_EQ((*seeker->Organisations().Get())[0].org_id, old_id);

  // The organisation's real hand-over: old and new key both sign.
  auto new_key = crypto::DeviceKey::Generate().value();
  auto rotation = org::SignRotation(key_, new_key, Now());
  ASSERT_TRUE(rotation.ok());
  {
    std::string policy = Signed(org::POLICY, MakePolicy(new_key, 1), &new_key);
    std::lock_guard lock(dir_->mu);
    dir_->rotation = rotation->SerializeAsString();
    dir_->policy = policy;  // served for the new key once the client asks for it
  }
  // The stub serves one directory whatever key is asked for: the rotation
  // must be followed once, then the new key's directory (no rotation) read.
  HostileRelay::Hooks hooks;
  hooks.forge_response = [dir = dir_, new_id = new_key.public_key()](const wire::Request& q,
                                                                     wire::Response& r) {
    if (q.has_get_organisation() && q.get_organisation().org_key() == new_id) {
      std::string rotation;
      {
        std::lock_guard lock(dir->mu);
        rotation.swap(dir->rotation);
      }
      bool answered = dir->Answer(q, r);
      std::lock_guard lock(dir->mu);
      dir->rotation.swap(rotation);
      return answered;
    }
    return dir->Answer(q, r);
  };
  mitm_.SetHooks(hooks);
  auto followed = seeker->RefreshOrganisation(old_id).Get();
  ASSERT_TRUE(followed.ok()) << followed.status().ToString();
  EXPECT_EQ(followed->org_id, ToHex(new_key.public_key()));
  auto orgs = seeker->Organisations().Get();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1u) << "the old key's record is replaced";
  EXPECT_EQ((*orgs)[0].org_id, ToHex(new_key.public_key()));
}

TEST_F(OrgDirectoryTest, AvailabilityShowsOnlyWhenTheHelpersOwnKeySignedIt) {
  auto helper = NewClient("helper");
  ASSERT_TRUE(helper);
  KOLLEGA_ASSERT_OK(helper->Connect().Get());
  // The helper's identity key, as its device uploaded it.
  for (const auto& r : mitm_.SentRequests()) {
    if (r.has_upload_prekeys() && !r.upload_prekeys().identity_key().empty()) {
      identity_ = r.upload_prekeys().identity_key();
    }
  }
  ASSERT_EQ(identity_.size(), 33u);
  auto helper_account = FromHex(AccountOf(*helper));
  ASSERT_TRUE(helper_account);
  PublishPolicy(1);
  Add(Certificate(1, *helper_account, {"Kari", "Oslo", "female", "nb"}));
  // Another helper whose certificate carries a different identity key: the
  // operator copies Kari's availability onto it.
  std::string kari_identity = identity_;
  identity_.clear();
  Add(Certificate(2, std::string(16, '\x02'), {"Ola", "Bergen", "male", "nb"}));
  identity_ = kari_identity;

  KOLLEGA_ASSERT_OK(helper->SetAvailability(client::Availability::kAvailable).Get());
  {
    std::lock_guard lock(dir_->mu);
    ASSERT_EQ(dir_->availability.size(), 1u);
    wire::AccountAvailability copy = dir_->availability[0];
    copy.set_account_id(std::string(16, '\x02'));
    dir_->availability.push_back(copy);
  }
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  auto joined = seeker->JoinOrganisation(Card()).Get();
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->rejected, 1u) << "the copied availability";
  client::HelperFilter available;
  available.available_only = true;
  EXPECT_EQ(Names(*seeker->Helpers(available).Get()), (std::vector<std::string>{"Kari"}));
  EXPECT_EQ(Names(*seeker->Helpers({}).Get()), (std::vector<std::string>{"Kari", "Ola"}));
}

TEST_F(OrgDirectoryTest, ACardForAnotherRelayOrMalformedChangesNothing) {
  PublishPolicy(1);
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  auto elsewhere =
      seeker->JoinOrganisation(org::EncodeCard({"wss://relay.example.org", key_.public_key()}))
          .Get();
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_NE(elsewhere.status().message().find("this device's account is on"), std::string::npos);
  EXPECT_FALSE(seeker->JoinOrganisation("kollega://org?relay=x").Get().ok());
  EXPECT_TRUE(seeker->Organisations().Get()->empty());
}

TEST_F(OrgDirectoryTest, TheOrganisationShowsWhatItsPolicyOffersTheScreens) {
  org::Policy policy = MakePolicy(key_, 1);
  policy.add_regions("Oslo");
  policy.add_regions("Bergen");
  policy.add_professions("dentist");
  policy.add_languages("en");
  auto* burnout = policy.add_categories();
  burnout->set_id("burnout");
  (*burnout->mutable_names())["nb"] = "Utbrenthet";
  (*burnout->mutable_names())["en"] = "Burnout";
  policy.add_categories()->set_id("other");
  policy.mutable_hours()->set_time_zone("Europe/Oslo");
  (*policy.mutable_hours()->mutable_out_of_hours_notice())["nb"] = "Stengt";
  (*policy.mutable_hours()->mutable_out_of_hours_notice())["en"] = "Closed";
  policy.add_emergency()->set_country("NO");
  policy.add_emergency()->set_country("SJ");
  {
    std::string bytes = Signed(org::POLICY, policy);
    std::lock_guard lock(dir_->mu);
    dir_->policy = bytes;
  }
  auto seeker = NewClient("seeker");
  ASSERT_TRUE(seeker);
  KOLLEGA_ASSERT_OK(seeker->Connect().Get());
  ASSERT_TRUE(seeker->JoinOrganisation(Card()).Get().ok());
  auto orgs = seeker->Organisations().Get();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1u);
  const client::OrganisationInfo& o = (*orgs)[0];
  EXPECT_EQ(o.time_zone, "Europe/Oslo");
  ASSERT_EQ(o.categories.size(), 2u);
  EXPECT_EQ(o.categories[0].id, "burnout");
  EXPECT_EQ(o.categories[0].names.at("nb"), "Utbrenthet");
  EXPECT_EQ(o.categories[0].names.at("en"), "Burnout");
  EXPECT_EQ(o.categories[1].id, "other");
  EXPECT_TRUE(o.categories[1].names.empty());
  EXPECT_EQ(o.out_of_hours_notices.at("en"), "Closed");
  EXPECT_EQ(o.out_of_hours_notice, "Stengt");  // the policy's first language
  EXPECT_EQ(o.regions, (std::vector<std::string>{"Oslo", "Bergen"}));
  EXPECT_EQ(o.professions, (std::vector<std::string>{"dentist"}));
  EXPECT_EQ(o.languages, (std::vector<std::string>{"nb", "en"}));
  EXPECT_EQ(o.emergency_countries, (std::vector<std::string>{"NO", "SJ"}));
}

}  // namespace
}  // namespace kollega::testing
