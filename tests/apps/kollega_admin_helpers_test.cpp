// `kollega-admin` for helpers and what follows: enrolment by request file,
// revocation, key rotation, `verify` and `publish`, each result checked with
// the function a client runs (org/verify.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>

#include "kollega/base/base64.h"
#include "kollega_admin_fixture.h"

namespace kollega::admin_test {
namespace {

TEST_F(KollegaAdminTest, EnrolmentByRequestFileGivesACertificateWithTheRequestedProfile) {
  Init();
  const std::string key = CardKey();
  const std::string req = Request();
  const std::string out = Run({"enrol", "--dir", dir_, req, "--expires", "2035-06-30", "--yes"});
  EXPECT_NE(out.find(kAccount), std::string::npos) << out;  // shown before signing
  EXPECT_NE(out.find("Kari N."), std::string::npos) << out;
  auto cert = org::VerifyCertificate(Signed(dir_ + "/certificate-1.signed"), key, 1'900'000'000'000,
                                     nullptr);
  ASSERT_TRUE(cert.ok()) << cert.status().ToString();
  EXPECT_EQ(cert->serial(), 1u);
  EXPECT_EQ(cert->account_id(),
            std::string("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16));
  EXPECT_EQ(cert->identity_key().size(), 33u);
  EXPECT_EQ(cert->profile().name(), "Kari N.");
  EXPECT_EQ(cert->profile().region(), "Oslo tannlegeforening");
  EXPECT_EQ(cert->profile().sector(), "public");
  ASSERT_EQ(cert->profile().languages_size(), 2);
  EXPECT_EQ(cert->profile().languages(1), "en");
  EXPECT_EQ(cert->profile().introduction(), "Tannlege i 20 år.");
  // The term ends at the end of 2035-06-30, UTC.
  EXPECT_EQ(cert->expires_ms(), 2066860800000u);
  EXPECT_FALSE(
      org::VerifyCertificate(Signed(dir_ + "/certificate-1.signed"), key, 2066860800000, nullptr)
          .ok());
  // A fresh serial each time.
  Run({"enrol", "--dir", dir_, req, "--expires", "2035-06-30", "--yes"});
  EXPECT_EQ(org::VerifyCertificate(Signed(dir_ + "/certificate-2.signed"), key, 1'900'000'000'000,
                                   nullptr)
                ->serial(),
            2u);
}

TEST_F(KollegaAdminTest, EnrolAsksFirstAndRefusesBadRequestsAndDates) {
  Init();
  const std::string req = Request();
  int rc = 0;
  std::string out =
      RunWithInput("n", {"enrol", "--dir", dir_, req, "--expires", "2035-01-01"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("not signed"), std::string::npos) << out;
  EXPECT_NE(::access((dir_ + "/certificate-1.signed").c_str(), F_OK), 0);
  out = RunWithInput("y", {"enrol", "--dir", dir_, req, "--expires", "2035-01-01"}, &rc);
  EXPECT_EQ(rc, 0) << out;

  out = Run({"enrol", "--dir", dir_, req, "--expires", "2020-01-01", "--yes"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("already past"), std::string::npos) << out;
  out = Run({"enrol", "--dir", dir_, req, "--expires", "next year", "--yes"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("YYYY-MM-DD"), std::string::npos) << out;
  std::string json = Slurp(req);
  json.replace(json.find("\"profile\""), 9, "\"profile\": {}, \"extra\"");
  std::ofstream(tmp_ + "/bad.json") << json;
  out = Run({"enrol", "--dir", dir_, tmp_ + "/bad.json", "--expires", "2035-01-01", "--yes"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("unknown field \"extra\""), std::string::npos) << out;
  out = Run({"enrol-request", "--account-id", "abcd", "--identity-key", kIdentity, "--name", "A",
             "--profession", "gp", "--out", tmp_ + "/r.json"},
            &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("--account-id must be 32 hexadecimal digits"), std::string::npos) << out;
}

TEST_F(KollegaAdminTest, RevokeSignsAGrowingListWithAHigherVersion) {
  Init();
  const std::string key = CardKey();
  const std::string req = Request();
  for (int i = 0; i < 3; ++i)
    Run({"enrol", "--dir", dir_, req, "--expires", "2035-01-01", "--yes"});
  Run({"revoke", "--dir", dir_, "2"});
  auto first = org::VerifyRevocations(Signed(dir_ + "/revocations-1.signed"), key, 0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->serials_size(), 1);
  EXPECT_EQ(first->serials(0), 2u);
  Run({"revoke", "--dir", dir_, "3"});
  auto second = org::VerifyRevocations(Signed(dir_ + "/revocations-2.signed"), key, 1);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version(), 2u);
  ASSERT_EQ(second->serials_size(), 2);  // the earlier serial is kept
  EXPECT_FALSE(org::VerifyCertificate(Signed(dir_ + "/certificate-2.signed"), key,
                                      1'900'000'000'000, &*second)
                   .ok());
  EXPECT_TRUE(org::VerifyCertificate(Signed(dir_ + "/certificate-1.signed"), key, 1'900'000'000'000,
                                     &*second)
                  .ok());
  int rc = 0;
  const std::string out = Run({"revoke", "--dir", dir_, "9"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("never issued"), std::string::npos) << out;
}

TEST_F(KollegaAdminTest, RotateHandsOverToANewKeySignedByTheOldOne) {
  Init();
  const std::string old_key = CardKey();
  const std::string out = Run({"rotate", "--dir", dir_});
  const std::string new_key = CardKey();
  EXPECT_NE(new_key, old_key);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("\\S+/rotation-[0-9a-f]+\\.signed"))) << out;
  const org::SignedObject rotation = Signed(m[0].str());
  auto handed = org::VerifyRotation(rotation, old_key);
  ASSERT_TRUE(handed.ok()) << handed.status().ToString();
  EXPECT_EQ(handed->new_key(), new_key);
  EXPECT_FALSE(org::VerifyRotation(rotation, new_key).ok());
  // The new key signs from now on; the old one is kept, sealed.
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/nl-gps-midwives.json"});
  EXPECT_TRUE(org::VerifyPolicy(Signed(dir_ + "/policy-1.signed"), new_key, 0).ok());
  EXPECT_FALSE(org::VerifyPolicy(Signed(dir_ + "/policy-1.signed"), old_key, 0).ok());
  EXPECT_NE(Run({"card", "--dir", dir_}).find("kollega://org"), std::string::npos);
  EXPECT_EQ(std::system(("test -f " + dir_ + "/retired-*.key").c_str()), 0);
}

TEST_F(KollegaAdminTest, VerifyShowsWhatAClientWouldAcceptAndRefuses) {
  Init();
  const std::string card = CardText(dir_);
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
  Run({"enrol", "--dir", dir_, Request(), "--expires", "2035-01-01", "--yes"});
  Run({"revoke", "--dir", dir_, "1"});
  int rc = 0;
  std::string out = Run({"verify", "--card", card, dir_ + "/certificate-1.signed",
                         dir_ + "/policy-1.signed", dir_ + "/revocations-1.signed"},
                        &rc);
  EXPECT_NE(rc, 0) << out;  // the certificate is revoked by the list
  EXPECT_NE(out.find("policy-1.signed: ok: policy version 1"), std::string::npos) << out;
  EXPECT_NE(out.find("Kollegialt Netværk for Læger"), std::string::npos) << out;
  EXPECT_NE(out.find("certificate-1.signed: REFUSED"), std::string::npos) << out;
  out = Run({"verify", "--card", card, dir_ + "/certificate-1.signed"});
  EXPECT_NE(out.find("helper certificate 1"), std::string::npos) << out;
  // Flipped bytes, and a card of another organisation.
  std::string bytes = Slurp(dir_ + "/policy-1.signed");
  bytes[bytes.size() / 2] ^= 0x01;
  std::ofstream(tmp_ + "/tampered.signed", std::ios::binary) << bytes;
  out = Run({"verify", "--card", card, tmp_ + "/tampered.signed"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("REFUSED"), std::string::npos) << out;
  const std::string other = tmp_ + "/other";
  Run({"init", "--dir", other, "--relay", "wss://relay.example.org"});
  const std::string other_card = CardText(other);
  out = Run({"verify", "--card", other_card, dir_ + "/policy-1.signed"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("REFUSED"), std::string::npos) << out;
}

// Whatever the relay answers, each file gets its own line; a file clients
// would refuse is never sent.
TEST_F(KollegaAdminTest, PublishChecksFirstAndReportsTheRelaysAnswerPerFile) {
  RelayProcess relay(KOLLEGA_RELAY_BIN, {"--port", "0"});
  ASSERT_TRUE(relay.Start());
  const std::string url = "ws://127.0.0.1:" + std::to_string(relay.port());
  Run({"init", "--dir", dir_, "--relay", url});
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/no-dentists.json"});
  int rc = 0;
  std::string out = Run({"publish", "--dir", dir_, dir_ + "/policy-1.signed"}, &rc);
  // This relay hosts no organisation: publish says so before any file.
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("ORG_NOT_HOSTED"), std::string::npos) << out;
  EXPECT_NE(out.find("ask the relay's operator to host your key"), std::string::npos) << out;
  std::string bytes = Slurp(dir_ + "/policy-1.signed");
  bytes[bytes.size() - 1] ^= 0x01;
  std::ofstream(tmp_ + "/tampered.signed", std::ios::binary) << bytes;
  out = Run({"publish", "--dir", dir_, "--relay", "ws://127.0.0.1:1", tmp_ + "/tampered.signed"},
            &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("clients would refuse it"), std::string::npos) << out;
}

// Publishing to a real relay that hosts the organisation: its operator
// lists the key in --organisation-keys (docs/organisations.md §5).
TEST_F(KollegaAdminTest, PublishSendsEverythingToTheRelayInOrder) {
  Init();
  const std::string keys_file = tmp_ + "/organisation-keys";
  {
    std::ofstream keys(keys_file);
    keys << "# the test organisation\n" << Base64UrlEncode(CardKey()) << "\n";
  }
  RelayProcess relay(KOLLEGA_RELAY_BIN, {"--organisation-keys", keys_file});
  ASSERT_TRUE(relay.Start());
  const std::string url = "ws://127.0.0.1:" + std::to_string(relay.port());
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
  Run({"enrol", "--dir", dir_, Request(), "--expires", "2035-01-01", "--yes"});
  Run({"enrol", "--dir", dir_, Request(), "--expires", "2035-01-01", "--yes"});
  Run({"revoke", "--dir", dir_, "2"});
  const std::string out =
      Run({"publish", "--dir", dir_, "--relay", url, dir_ + "/certificate-1.signed",
           dir_ + "/revocations-1.signed", dir_ + "/policy-1.signed"});
  const size_t policy = out.find("policy-1.signed: published");
  const size_t list = out.find("revocations-1.signed: published");
  ASSERT_NE(policy, std::string::npos) << out;
  ASSERT_NE(list, std::string::npos) << out;
  EXPECT_LT(policy, list);
  // The same policy again is a refresh; an older one is refused as stale.
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
  Run({"publish", "--dir", dir_, "--relay", url, dir_ + "/policy-2.signed"});
  int rc = 0;
  EXPECT_NE(Run({"publish", "--dir", dir_, "--relay", url, dir_ + "/policy-1.signed"}, &rc)
                .find("STALE_VERSION"),
            std::string::npos);
  EXPECT_NE(rc, 0);
}

// A policy over the relay's 8 KiB pre-login frame is taken once the key
// has signed the connection's challenge (docs/organisations.md §5).
TEST_F(KollegaAdminTest, ALargePolicyIsPublishedOnAProvenConnection) {
  Init();
  const std::string keys_file = tmp_ + "/organisation-keys";
  {
    std::ofstream keys(keys_file);
    keys << Base64UrlEncode(CardKey()) << "\n";
    std::ofstream policy(tmp_ + "/large.json");
    policy << "{\"name\": \"Large\", \"resources\": [";
    for (int i = 0; i < 3; ++i) {
      policy << (i ? "," : "") << "{\"id\": \"r" << i << "\", \"descriptions\": {\"en\": \""
             << std::string(3500, 'x') << "\"}}";
    }
    policy << "]}";
  }
  RelayProcess relay(KOLLEGA_RELAY_BIN, {"--organisation-keys", keys_file});
  ASSERT_TRUE(relay.Start());
  const std::string url = "ws://127.0.0.1:" + std::to_string(relay.port());
  Run({"sign-policy", "--dir", dir_, tmp_ + "/large.json"});
  std::string out = Run({"publish", "--dir", dir_, "--relay", url, dir_ + "/policy-1.signed"});
  EXPECT_NE(out.find("policy-1.signed: published"), std::string::npos) << out;
}

}  // namespace
}  // namespace kollega::admin_test
