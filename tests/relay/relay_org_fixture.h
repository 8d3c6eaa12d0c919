// Helpers for the organisation tests against the real relay
// (docs/organisations.md §5-8): signing test objects with fresh keys,
// publishing them, fetching every page of an organisation.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "kollega/base/base64.h"
#include "org/org_test_util.h"
#include "relay_fixture.h"

namespace kollega::testing {

inline int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A certificate for `account` (16 bytes), valid from a year ago until
// `expires_ms` (default: in two years), with a 300-character introduction
// when `long_intro` is set (a realistic directory entry).
inline org::HelperCertificate Certificate(const crypto::DeviceKey& key, uint64_t serial,
                                          const std::string& account, int64_t expires_ms = 0,
                                          bool long_intro = false) {
  org::HelperCertificate c = SampleCertificate(key, serial);
  c.set_account_id(account);
  c.set_issued_ms(WallNowMs() - kYearMs);
  c.set_expires_ms(expires_ms != 0 ? expires_ms : WallNowMs() + 2 * kYearMs);
  if (long_intro) {
    c.mutable_profile()->set_region("Region Hovedstaden");
    c.mutable_profile()->set_gender("female");
    c.mutable_profile()->set_sector("public");
    c.mutable_profile()->add_languages("da");
    c.mutable_profile()->add_languages("en");
    c.mutable_profile()->set_introduction(std::string(300, 'i'));
  }
  return c;
}

// A 16-byte account id made from a number.
inline std::string AccountFor(uint64_t n) {
  std::string id(16, 'h');
  for (int i = 0; i < 8; ++i) id[8 + i] = static_cast<char>(n >> (8 * (7 - i)));
  return id;
}

inline org::RevocationList Revocations(const crypto::DeviceKey& key, uint64_t version,
                                       std::vector<uint64_t> serials) {
  org::RevocationList list;
  list.set_format(1);
  list.set_org_key(key.public_key());
  list.set_version(version);
  for (uint64_t s : serials) list.add_serials(s);
  list.set_issued_ms(WallNowMs());
  return list;
}

inline wire::Request PublishRequest(const std::string& org_key, const org::SignedObject& object) {
  wire::Request r;
  r.mutable_publish_org_object()->set_org_key(org_key);
  r.mutable_publish_org_object()->set_signed_object(object.SerializeAsString());
  return r;
}

inline wire::ErrorCode Publish(TestClient& client, const std::string& org_key,
                               const org::SignedObject& object) {
  auto r = client.Call(PublishRequest(org_key, object));
  EXPECT_TRUE(r.has_value()) << "no answer to PublishOrgObject";
  return r ? r->code() : wire::INTERNAL;
}

inline std::optional<wire::Response> GetPage(TestClient& client, const std::string& org_key,
                                             const std::string& cursor = "") {
  wire::Request r;
  r.mutable_get_organisation()->set_org_key(org_key);
  r.mutable_get_organisation()->set_cursor(cursor);
  return client.Call(r);
}

// Every page, following next_cursor; empty (with a failure) on an error.
inline std::vector<wire::OrganisationPage> GetAllPages(TestClient& client,
                                                       const std::string& org_key) {
  std::vector<wire::OrganisationPage> pages;
  std::string cursor;
  do {
    auto r = GetPage(client, org_key, cursor);
    if (!r || r->code() != wire::OK) {
      ADD_FAILURE() << "GetOrganisation failed: " << (r ? r->message() : "no answer");
      return {};
    }
    pages.push_back(r->organisation_page());
    cursor = pages.back().next_cursor();
  } while (!cursor.empty() && pages.size() < 10'000);
  return pages;
}

// The serials of every certificate on `pages`, in order.
inline std::vector<uint64_t> Serials(const std::vector<wire::OrganisationPage>& pages) {
  std::vector<uint64_t> serials;
  for (const auto& page : pages) {
    for (const std::string& blob : page.certificates()) {
      org::SignedObject object;
      org::HelperCertificate cert;
      EXPECT_TRUE(object.ParseFromString(blob) && cert.ParseFromString(object.body()));
      serials.push_back(cert.serial());
    }
  }
  return serials;
}

// Writes an --organisation-keys file listing `keys`; returns its path.
inline std::string WriteKeysFile(const TempDir& dir, const std::vector<std::string>& keys) {
  const std::string path = dir.Sub("organisation-keys");
  std::ofstream out(path);
  out << "# hosted organisations\n";
  for (const std::string& k : keys) out << Base64UrlEncode(k) << "  # a programme\n";
  return path;
}

}  // namespace kollega::testing
