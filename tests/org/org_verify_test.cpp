// Policies, certificates, revocations and key rotations, checked as a
// client checks what a relay served it: anything not exactly what the
// pinned organisation key signed is refused with a reason.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kollega/org/verify.h"
#include "org_test_util.h"

namespace kollega::testing {
namespace {

using org::SignedObject;

void ExpectRefused(const Status& s, std::string_view reason) {
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(reason), std::string::npos) << s.ToString();
}

TEST(OrgPolicyTest, ASignedPolicyIsAcceptedAndATamperedOneIsNot) {
  const auto key = NewKey();
  SignedObject signed_policy = MustSign(key, org::POLICY, SamplePolicy(key, 3));
  auto policy = org::VerifyPolicy(signed_policy, key.public_key(), 0);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ(policy->version(), 3u);
  EXPECT_EQ(policy->case_limit().max_conversations(), 4u);

  SignedObject tampered = signed_policy;
  tampered.mutable_body()->back() ^= 1;
  ExpectRefused(org::VerifyPolicy(tampered, key.public_key(), 0).status(), "not signed");

  SignedObject unsigned_policy = signed_policy;
  unsigned_policy.clear_signature();
  ExpectRefused(org::VerifyPolicy(unsigned_policy, key.public_key(), 0).status(), "not signed");

  const auto other = NewKey();
  ExpectRefused(org::VerifyPolicy(signed_policy, other.public_key(), 0).status(), "not signed");
}

TEST(OrgPolicyTest, ARolledBackPolicyIsRefusedAndTheSameVersionIsARefresh) {
  const auto key = NewKey();
  const SignedObject v2 = MustSign(key, org::POLICY, SamplePolicy(key, 2));
  ExpectRefused(org::VerifyPolicy(v2, key.public_key(), 3).status(), "rolled back");
  EXPECT_TRUE(org::VerifyPolicy(v2, key.public_key(), 2).ok());
  EXPECT_TRUE(org::VerifyPolicy(v2, key.public_key(), 1).ok());
  ExpectRefused(
      org::VerifyPolicy(MustSign(key, org::POLICY, SamplePolicy(key, 0)), key.public_key(), 0)
          .status(),
      "no version");
}

TEST(OrgPolicyTest, UnknownFormatsForeignKeysAndOtherKindsAreRefused) {
  const auto key = NewKey();
  org::Policy future = SamplePolicy(key, 1);
  future.set_format(2);
  ExpectRefused(org::VerifyPolicy(MustSign(key, org::POLICY, future), key.public_key(), 0).status(),
                "unknown policy format 2");

  // Signed by this key but naming another organisation's.
  const auto other = NewKey();
  org::Policy foreign = SamplePolicy(other, 1);
  ExpectRefused(
      org::VerifyPolicy(MustSign(key, org::POLICY, foreign), key.public_key(), 0).status(),
      "another organisation");

  // A certificate's signature does not make it a policy.
  SignedObject cert = MustSign(key, org::HELPER_CERTIFICATE, SampleCertificate(key, 1));
  ExpectRefused(org::VerifyPolicy(cert, key.public_key(), 0).status(), "expected a policy");
  cert.set_kind(org::POLICY);
  ExpectRefused(org::VerifyPolicy(cert, key.public_key(), 0).status(), "not signed");
}

TEST(OrgPolicyTest, OversizedAndMalformedFieldsAreRefused) {
  const auto key = NewKey();
  org::Policy long_name = SamplePolicy(key, 1);
  long_name.set_name(std::string(201, 'x'));
  ExpectRefused(
      org::VerifyPolicy(MustSign(key, org::POLICY, long_name), key.public_key(), 0).status(),
      "longer than 200");

  org::Policy bad_day = SamplePolicy(key, 1);
  bad_day.mutable_hours()->mutable_open(0)->set_weekday(8);
  ExpectRefused(
      org::VerifyPolicy(MustSign(key, org::POLICY, bad_day), key.public_key(), 0).status(),
      "weekday");

  org::Policy no_zone = SamplePolicy(key, 1);
  no_zone.mutable_hours()->clear_time_zone();
  ExpectRefused(
      org::VerifyPolicy(MustSign(key, org::POLICY, no_zone), key.public_key(), 0).status(),
      "time zone");

  org::Policy huge = SamplePolicy(key, 1);
  huge.add_regions(std::string(70 * 1024, 'r'));
  auto refused = org::Sign(key, org::POLICY, huge);
  ExpectRefused(refused.status(), "size limit");
  // The same bytes signed by hand still fail the client's size check.
  SignedObject forged;
  forged.set_kind(org::POLICY);
  huge.SerializeToString(forged.mutable_body());
  forged.set_signature(key.Sign(org::SignedInput(org::POLICY, forged.body())).value());
  ExpectRefused(org::VerifyPolicy(forged, key.public_key(), 0).status(), "size limit");

  SignedObject garbage;
  garbage.set_kind(org::POLICY);
  garbage.set_body("\xff\xff\xff\xff");
  garbage.set_signature(key.Sign(org::SignedInput(org::POLICY, garbage.body())).value());
  ExpectRefused(org::VerifyPolicy(garbage, key.public_key(), 0).status(), "does not parse");
}

TEST(OrgCertificateTest, ExpiredRevokedAndTamperedCertificatesAreRefused) {
  const auto key = NewKey();
  const SignedObject cert = MustSign(key, org::HELPER_CERTIFICATE, SampleCertificate(key, 7));
  auto ok = org::VerifyCertificate(cert, key.public_key(), kNow, nullptr);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->profile().name(), "Kari");

  ExpectRefused(
      org::VerifyCertificate(cert, key.public_key(), kNow + 3 * kYearMs, nullptr).status(),
      "term has ended");

  org::RevocationList revoked;
  revoked.add_serials(6);
  EXPECT_TRUE(org::VerifyCertificate(cert, key.public_key(), kNow, &revoked).ok());
  revoked.add_serials(7);
  ExpectRefused(org::VerifyCertificate(cert, key.public_key(), kNow, &revoked).status(), "revoked");

  SignedObject tampered = cert;
  org::HelperCertificate body = SampleCertificate(key, 7);
  body.mutable_profile()->set_name("Mallory");
  body.SerializeToString(tampered.mutable_body());
  ExpectRefused(org::VerifyCertificate(tampered, key.public_key(), kNow, nullptr).status(),
                "not signed");

  org::HelperCertificate short_id = SampleCertificate(key, 8);
  short_id.set_account_id("short");
  ExpectRefused(org::VerifyCertificate(MustSign(key, org::HELPER_CERTIFICATE, short_id),
                                       key.public_key(), kNow, nullptr)
                    .status(),
                "account id");
}

TEST(OrgRevocationTest, ARevocationListOnlyMovesForward) {
  const auto key = NewKey();
  org::RevocationList list;
  list.set_format(1);
  list.set_org_key(key.public_key());
  list.set_version(5);
  list.add_serials(7);
  const SignedObject v5 = MustSign(key, org::REVOCATION_LIST, list);
  auto ok = org::VerifyRevocations(v5, key.public_key(), 4);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->serials_size(), 1);
  // An older list would un-revoke a helper: refused.
  ExpectRefused(org::VerifyRevocations(v5, key.public_key(), 6).status(), "rolled back");
}

TEST(OrgRotationTest, ARotationNeedsTheOldKeysSignatureAndTheNewOnes) {
  const auto old_key = NewKey();
  const auto new_key = NewKey();
  auto rotation = org::SignRotation(old_key, new_key, kNow);
  ASSERT_TRUE(rotation.ok());
  auto accepted = org::VerifyRotation(*rotation, old_key.public_key());
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->new_key(), new_key.public_key());

  // Signed only by the new key (an attacker announcing a key of theirs).
  org::KeyRotation body;
  body.set_format(1);
  body.set_old_key(old_key.public_key());
  body.set_new_key(new_key.public_key());
  SignedObject self_made = MustSign(new_key, org::KEY_ROTATION, body);
  self_made.set_new_key_signature(
      new_key.Sign(org::SignedInput(org::KEY_ROTATION, self_made.body())).value());
  ExpectRefused(org::VerifyRotation(self_made, old_key.public_key()).status(), "not signed");

  // Signed by the old key but without proof that the new one is held.
  SignedObject one_sided = *rotation;
  one_sided.clear_new_key_signature();
  ExpectRefused(org::VerifyRotation(one_sided, old_key.public_key()).status(),
                "not signed by the new key");

  // Verified against a key that is not the one being rotated.
  const auto stranger = NewKey();
  ExpectRefused(org::VerifyRotation(*rotation, stranger.public_key()).status(), "not signed");
}

}  // namespace
}  // namespace kollega::testing
