// A test organisation: a key, and well-formed objects signed with it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "kollega/crypto/device_key.h"
#include "kollega/org/signed_object.h"
#include "organisation.pb.h"

namespace kollega::testing {

inline constexpr int64_t kNow = 1'800'000'000'000;  // 2027-01-15
inline constexpr int64_t kYearMs = 365LL * 24 * 3600 * 1000;

inline crypto::DeviceKey NewKey() { return crypto::DeviceKey::Generate().value(); }

inline org::Policy SamplePolicy(const crypto::DeviceKey& key, uint64_t version) {
  org::Policy p;
  p.set_format(1);
  p.set_org_key(key.public_key());
  p.set_version(version);
  p.set_name("Støttekollega, Den norske tannlegeforening");
  p.add_regions("Oslo");
  p.add_professions("dentist");
  p.add_languages("nb");
  auto* burnout = p.add_categories();
  burnout->set_id("burnout");
  (*burnout->mutable_names())["en"] = "Burnout";
  p.mutable_case_limit()->set_max_conversations(4);
  p.mutable_hours()->set_time_zone("Europe/Oslo");
  auto* monday = p.mutable_hours()->add_open();
  monday->set_weekday(1);
  monday->set_start_minute(9 * 60);
  monday->set_end_minute(15 * 60);
  p.set_retention_days(90);
  auto* no = p.add_emergency();
  no->set_country("NO");
  no->add_contacts()->set_phone("113");
  return p;
}

inline org::HelperCertificate SampleCertificate(const crypto::DeviceKey& key, uint64_t serial) {
  org::HelperCertificate c;
  c.set_format(1);
  c.set_org_key(key.public_key());
  c.set_serial(serial);
  c.set_account_id(std::string(16, 'a'));
  c.set_identity_key(std::string(1, '\x05') + std::string(32, 'i'));
  c.mutable_profile()->set_name("Kari");
  c.mutable_profile()->set_profession("dentist");
  c.set_issued_ms(kNow - kYearMs);
  c.set_expires_ms(kNow + 2 * kYearMs);
  return c;
}

inline org::SignedObject MustSign(const crypto::DeviceKey& key, org::ObjectKind kind,
                                  const google::protobuf::MessageLite& m) {
  auto signed_object = org::Sign(key, kind, m);
  EXPECT_TRUE(signed_object.ok()) << signed_object.status().ToString();
  return signed_object.ok() ? *signed_object : org::SignedObject();
}

}  // namespace kollega::testing
