// What the relay keeps for organisations (docs/organisations.md §5):
// publishing and serving policies, certificates, revocation lists and key
// rotations, and every refusal — forged, rolled back, unhosted, oversized,
// over the cap — plus paging and surviving a kill -9.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <set>
#include <thread>

#include "relay_org_fixture.h"

namespace kollega::testing {
namespace {

// Signed without org::Sign's size check: what a broken or hostile
// publisher could send.
org::SignedObject SignAnySize(const crypto::DeviceKey& key, org::ObjectKind kind,
                              const google::protobuf::MessageLite& message) {
  org::SignedObject object;
  object.set_kind(kind);
  object.set_body(message.SerializeAsString());
  object.set_signature(key.Sign(org::SignedInput(kind, object.body())).value());
  return object;
}

class OrgTest : public RelayCustomTest {
 protected:
  // A publisher (not logged in) and a reader (logged in).
  void Connect() {
    publisher_ = TestClient::Connect(port());
    ASSERT_TRUE(publisher_);
    ASSERT_TRUE(NewAccount(port(), &reader_));
  }
  std::unique_ptr<TestClient> publisher_;
  std::unique_ptr<TestClient> reader_;
  crypto::DeviceKey org_ = NewKey();
};

TEST_F(OrgTest, PublishesAndServesPolicyCertificatesAndRevocations) {
  StartRelay({"--any-organisation"});
  Connect();
  const std::string key = org_.public_key();
  const org::SignedObject policy = MustSign(org_, org::POLICY, SamplePolicy(org_, 1));
  ASSERT_EQ(Publish(*publisher_, key, policy), wire::OK);
  for (uint64_t serial : {3, 1, 2}) {
    ASSERT_EQ(Publish(*publisher_, key,
                      MustSign(org_, org::HELPER_CERTIFICATE,
                               Certificate(org_, serial, AccountFor(serial)))),
              wire::OK);
  }
  auto pages = GetAllPages(*reader_, key);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].policy(), policy.SerializeAsString());
  EXPECT_EQ(Serials(pages), (std::vector<uint64_t>{1, 2, 3}));

  // Revoking serial 2 deletes its certificate, and it cannot come back.
  const org::SignedObject list = MustSign(org_, org::REVOCATION_LIST, Revocations(org_, 1, {2}));
  ASSERT_EQ(Publish(*publisher_, key, list), wire::OK);
  pages = GetAllPages(*reader_, key);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].revocations(), list.SerializeAsString());
  EXPECT_EQ(Serials(pages), (std::vector<uint64_t>{1, 3}));
  EXPECT_EQ(Publish(*publisher_, key,
                    MustSign(org_, org::HELPER_CERTIFICATE, Certificate(org_, 2, AccountFor(2)))),
            wire::INVALID_ARGUMENT);

  // A serial is one certificate: other bytes under it are refused.
  EXPECT_EQ(Publish(*publisher_, key,
                    MustSign(org_, org::HELPER_CERTIFICATE, Certificate(org_, 1, AccountFor(9)))),
            wire::INVALID_ARGUMENT);
  // An expired one is refused.
  EXPECT_EQ(Publish(*publisher_, key,
                    MustSign(org_, org::HELPER_CERTIFICATE,
                             Certificate(org_, 7, AccountFor(7), WallNowMs() - 1000))),
            wire::INVALID_ARGUMENT);
}

TEST_F(OrgTest, ForgedSignaturesAreRefused) {
  StartRelay({"--any-organisation"});
  Connect();
  const std::string key = org_.public_key();
  crypto::DeviceKey mallory = NewKey();
  // Signed by another key but naming the organisation.
  EXPECT_EQ(Publish(*publisher_, key, MustSign(mallory, org::POLICY, SamplePolicy(org_, 1))),
            wire::AUTH_FAILED);
  org::SignedObject tampered = MustSign(org_, org::POLICY, SamplePolicy(org_, 1));
  tampered.mutable_body()->back() ^= 1;
  EXPECT_EQ(Publish(*publisher_, key, tampered), wire::AUTH_FAILED);
  org::SignedObject relabelled =
      MustSign(org_, org::HELPER_CERTIFICATE, Certificate(org_, 1, AccountFor(1)));
  relabelled.set_kind(org::POLICY);  // the kind is inside the signed bytes
  EXPECT_EQ(Publish(*publisher_, key, relabelled), wire::AUTH_FAILED);
  // Nothing was stored.
  auto r = GetPage(*reader_, key);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::UNKNOWN_ORGANISATION);
}

TEST_F(OrgTest, RollbacksAreStale) {
  StartRelay({"--any-organisation"});
  Connect();
  const std::string key = org_.public_key();
  const org::SignedObject v2 = MustSign(org_, org::POLICY, SamplePolicy(org_, 2));
  ASSERT_EQ(Publish(*publisher_, key, v2), wire::OK);
  EXPECT_EQ(Publish(*publisher_, key, MustSign(org_, org::POLICY, SamplePolicy(org_, 1))),
            wire::STALE_VERSION);
  EXPECT_EQ(Publish(*publisher_, key, v2), wire::OK);  // the same bytes again
  org::Policy other = SamplePolicy(org_, 2);
  other.set_name("Another name, same version");
  EXPECT_EQ(Publish(*publisher_, key, MustSign(org_, org::POLICY, other)), wire::STALE_VERSION);
  ASSERT_EQ(
      Publish(*publisher_, key, MustSign(org_, org::REVOCATION_LIST, Revocations(org_, 5, {}))),
      wire::OK);
  EXPECT_EQ(
      Publish(*publisher_, key, MustSign(org_, org::REVOCATION_LIST, Revocations(org_, 4, {1}))),
      wire::STALE_VERSION);
  auto pages = GetAllPages(*reader_, key);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].policy(), v2.SerializeAsString());
}

TEST_F(OrgTest, UnhostedKeysAndOversizedObjectsAreRefused) {
  TempDir dir;
  StartRelay({"--organisation-keys", WriteKeysFile(dir, {org_.public_key()})});
  Connect();
  crypto::DeviceKey stranger = NewKey();
  EXPECT_EQ(Publish(*publisher_, stranger.public_key(),
                    MustSign(stranger, org::POLICY, SamplePolicy(stranger, 1))),
            wire::ORG_NOT_HOSTED);
  EXPECT_EQ(
      Publish(*publisher_, org_.public_key(), MustSign(org_, org::POLICY, SamplePolicy(org_, 1))),
      wire::OK);
  // Over 64 KiB of policy; sent by the logged-in reader, whose frames may
  // be that large, so that the size check itself answers.
  org::Policy big = SamplePolicy(org_, 2);
  for (int i = 0; i < 20; ++i) {
    auto* card = big.add_resources();
    card->set_id("r" + std::to_string(i));
    (*card->mutable_descriptions())["en"] = std::string(3900, 'x');
  }
  EXPECT_EQ(Publish(*reader_, org_.public_key(), SignAnySize(org_, org::POLICY, big)),
            wire::INVALID_ARGUMENT);
  org::HelperCertificate fat = Certificate(org_, 1, AccountFor(1));
  fat.mutable_profile()->set_introduction(std::string(9000, 'x'));
  EXPECT_EQ(Publish(*reader_, org_.public_key(), SignAnySize(org_, org::HELPER_CERTIFICATE, fat)),
            wire::INVALID_ARGUMENT);
}

TEST_F(OrgTest, RotationHandsOverToTheNewKey) {
  TempDir dir;
  StartRelay({"--organisation-keys", WriteKeysFile(dir, {org_.public_key()})});
  Connect();
  const std::string old_key = org_.public_key();
  crypto::DeviceKey next = NewKey();
  ASSERT_EQ(Publish(*publisher_, old_key, MustSign(org_, org::POLICY, SamplePolicy(org_, 1))),
            wire::OK);
  // Not hosted until the rotation.
  EXPECT_EQ(
      Publish(*publisher_, next.public_key(), MustSign(next, org::POLICY, SamplePolicy(next, 1))),
      wire::ORG_NOT_HOSTED);
  auto rotation = org::SignRotation(org_, next, WallNowMs());
  ASSERT_TRUE(rotation.ok());
  ASSERT_EQ(Publish(*publisher_, old_key, *rotation), wire::OK);
  EXPECT_EQ(Publish(*publisher_, old_key, *rotation), wire::OK);  // again: no change
  EXPECT_EQ(Publish(*publisher_, old_key, MustSign(org_, org::POLICY, SamplePolicy(org_, 2))),
            wire::ORG_NOT_HOSTED);
  EXPECT_EQ(
      Publish(*publisher_, next.public_key(), MustSign(next, org::POLICY, SamplePolicy(next, 1))),
      wire::OK);
  auto old_pages = GetAllPages(*reader_, old_key);
  ASSERT_EQ(old_pages.size(), 1u);
  EXPECT_EQ(old_pages[0].rotation(), rotation->SerializeAsString());
  auto new_pages = GetAllPages(*reader_, next.public_key());
  ASSERT_EQ(new_pages.size(), 1u);
  EXPECT_TRUE(new_pages[0].rotation().empty());
  EXPECT_FALSE(new_pages[0].policy().empty());

  // The hand-over is durable: after a restart the new key is still hosted
  // and the old one still refused.
  publisher_.reset();
  reader_.reset();
  ASSERT_EQ(relay_->Stop(), 0);
  ASSERT_TRUE(relay_->Restart());
  Connect();
  EXPECT_EQ(Publish(*publisher_, old_key, MustSign(org_, org::POLICY, SamplePolicy(org_, 3))),
            wire::ORG_NOT_HOSTED);
  EXPECT_EQ(
      Publish(*publisher_, next.public_key(), MustSign(next, org::POLICY, SamplePolicy(next, 2))),
      wire::OK);
}

TEST_F(OrgTest, CertificateCapIsTooMany) {
  StartRelay({"--any-organisation", "--org-max-certificates", "3"});
  Connect();
  for (uint64_t serial = 1; serial <= 3; ++serial) {
    ASSERT_EQ(Publish(*publisher_, org_.public_key(),
                      MustSign(org_, org::HELPER_CERTIFICATE,
                               Certificate(org_, serial, AccountFor(serial)))),
              wire::OK);
  }
  EXPECT_EQ(Publish(*publisher_, org_.public_key(),
                    MustSign(org_, org::HELPER_CERTIFICATE, Certificate(org_, 4, AccountFor(4)))),
            wire::TOO_MANY);
}

TEST_F(OrgTest, PagesServeEachCertificateOnceAndSkipExpired) {
  StartRelay({"--any-organisation", "--org-page-bytes", "16384", "--org-publish-rate", "0",
              "--request-rate", "100000"});
  Connect();
  const std::string key = org_.public_key();
  ASSERT_EQ(Publish(*publisher_, key, MustSign(org_, org::POLICY, SamplePolicy(org_, 1))),
            wire::OK);
  // One that expires in a moment: published first, then never served.
  const int64_t soon = WallNowMs() + 1500;
  ASSERT_EQ(Publish(*publisher_, key,
                    MustSign(org_, org::HELPER_CERTIFICATE,
                             Certificate(org_, 5, AccountFor(9999), soon))),
            wire::OK);
  constexpr uint64_t kCount = 600;
  std::vector<uint64_t> ids;
  for (uint64_t serial = 1; serial <= kCount; ++serial) {
    ids.push_back(publisher_->SendRequest(
        PublishRequest(key, MustSign(org_, org::HELPER_CERTIFICATE,
                                     Certificate(org_, serial * 7, AccountFor(serial))))));
  }
  for (uint64_t id : ids) {
    auto r = publisher_->WaitResponse(id);
    ASSERT_TRUE(r && r->code() == wire::OK) << (r ? r->message() : "no answer");
  }
  while (WallNowMs() <= soon) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto pages = GetAllPages(*reader_, key);
  EXPECT_GE(pages.size(), 3u);
  std::vector<uint64_t> serials = Serials(pages);
  ASSERT_EQ(serials.size(), kCount);
  for (uint64_t i = 0; i < kCount; ++i) EXPECT_EQ(serials[i], (i + 1) * 7);
  EXPECT_FALSE(pages[0].policy().empty());
  for (size_t i = 1; i < pages.size(); ++i) EXPECT_TRUE(pages[i].policy().empty());
}

// The figures in docs/organisations.md §6: what a whole directory of 1,000
// realistic helpers costs to fetch at the default page size.
TEST_F(OrgTest, DirectoryOfAThousandHelpers) {
  StartRelay({"--any-organisation", "--org-publish-rate", "0", "--request-rate", "100000"});
  Connect();
  const std::string key = org_.public_key();
  constexpr uint64_t kHelpers = 1000;
  std::vector<uint64_t> ids;
  size_t cert_bytes = 0;
  for (uint64_t serial = 1; serial <= kHelpers; ++serial) {
    org::SignedObject cert = MustSign(org_, org::HELPER_CERTIFICATE,
                                      Certificate(org_, serial, AccountFor(serial), 0, true));
    cert_bytes += cert.ByteSizeLong();
    ids.push_back(publisher_->SendRequest(PublishRequest(key, cert)));
  }
  for (uint64_t id : ids) {
    auto r = publisher_->WaitResponse(id);
    ASSERT_TRUE(r && r->code() == wire::OK) << (r ? r->message() : "no answer");
  }
  const auto start = std::chrono::steady_clock::now();
  auto pages = GetAllPages(*reader_, key);
  const auto took = std::chrono::steady_clock::now() - start;
  size_t page_bytes = 0;
  for (const auto& page : pages) page_bytes += page.ByteSizeLong();
  EXPECT_EQ(Serials(pages).size(), kHelpers);
  std::printf("1,000 helpers: certificates %zu bytes, %zu pages of %zu bytes, fetched in %.1f ms\n",
              cert_bytes, pages.size(), page_bytes,
              std::chrono::duration<double, std::milli>(took).count());
}

TEST_F(OrgTest, StateSurvivesKillNine) {
  StartRelay({"--any-organisation"});
  Connect();
  const std::string key = org_.public_key();
  const org::SignedObject policy = MustSign(org_, org::POLICY, SamplePolicy(org_, 3));
  ASSERT_EQ(Publish(*publisher_, key, policy), wire::OK);
  ASSERT_EQ(Publish(*publisher_, key,
                    MustSign(org_, org::HELPER_CERTIFICATE, Certificate(org_, 1, AccountFor(1)))),
            wire::OK);
  relay_->Kill9();
  publisher_.reset();
  reader_.reset();
  ASSERT_TRUE(relay_->Restart());
  Connect();
  auto pages = GetAllPages(*reader_, key);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].policy(), policy.SerializeAsString());
  EXPECT_EQ(Serials(pages), (std::vector<uint64_t>{1}));
  // The version held survived too: an older one is still stale.
  EXPECT_EQ(Publish(*publisher_, key, MustSign(org_, org::POLICY, SamplePolicy(org_, 2))),
            wire::STALE_VERSION);
}

}  // namespace
}  // namespace kollega::testing
