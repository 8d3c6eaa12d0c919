// The `kollega-admin` binary, run as an administrator would: the key under
// a passphrase, the card, and the three example policies, each checked with
// the function a client runs (org/verify.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega_admin_fixture.h"

namespace kollega::admin_test {
namespace {

TEST_F(KollegaAdminTest, InitMakesAPrivateKeyDirectoryAndACardThatDecodesToItsKey) {
  const std::string out = Run({"init", "--dir", dir_, "--relay", "wss://relay.example.org"});
  EXPECT_NE(out.find("kollega://org?relay=wss%3A%2F%2Frelay.example.org&key="), std::string::npos)
      << out;
  struct stat st {};
  ASSERT_EQ(::stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((dir_ + "/org.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The key is sealed: its seed is nowhere in the box in the clear, and the
  // passphrase never is.
  const std::string box = Slurp(dir_ + "/org.key");
  EXPECT_EQ(box.substr(0, 8), "KLGORGKY");
  EXPECT_EQ(box.find(kPassphrase), std::string::npos);
  const std::string key = CardKey();
  EXPECT_EQ(key.size(), 32u);
  EXPECT_NE(Run({"card", "--dir", dir_, "--qr"}).find("\u2588"), std::string::npos);
}

TEST_F(KollegaAdminTest, InitRefusesToOverwriteAKeyAndBadInput) {
  Init();
  const std::string before = Slurp(dir_ + "/org.key");
  int rc = 0;
  std::string out = Run({"init", "--dir", dir_, "--relay", "wss://relay.example.org"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("refusing to overwrite"), std::string::npos) << out;
  EXPECT_EQ(Slurp(dir_ + "/org.key"), before);

  out = Run({"init", "--dir", tmp_ + "/other", "--relay", "http://x"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("--relay"), std::string::npos) << out;
  out = Run({"init", "--dir", tmp_ + "/other", "--relay", "wss://x", "--passphrase", "p"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("unknown option --passphrase"), std::string::npos) << out;
  unsetenv("KOLLEGA_ADMIN_PASSPHRASE");
  out = Run({"init", "--dir", tmp_ + "/other", "--relay", "wss://x"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("KOLLEGA_ADMIN_PASSPHRASE"), std::string::npos) << out;
  EXPECT_NE(Run({"init", "--help"}).find("usage: kollega-admin init"), std::string::npos);
}

TEST_F(KollegaAdminTest, WrongPassphraseSignsNothing) {
  Init();
  setenv("KOLLEGA_ADMIN_PASSPHRASE", "not the passphrase", 1);
  int rc = 0;
  const std::string out =
      Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("wrong passphrase"), std::string::npos) << out;
  EXPECT_NE(::access((dir_ + "/policy-1.signed").c_str(), F_OK), 0);
  // The right one, from a file.
  std::ofstream(tmp_ + "/pass") << kPassphrase << "\n";
  unsetenv("KOLLEGA_ADMIN_PASSPHRASE");
  Run({"sign-policy", "--dir", dir_, "--passphrase-file", tmp_ + "/pass",
       KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
}

TEST_F(KollegaAdminTest, EveryExamplePolicySignsAndVerifiesAndVersionsGoUp) {
  Init();
  const std::string key = CardKey();
  uint64_t version = 0;
  for (const char* name : {"dk-doctors", "no-dentists", "nl-gps-midwives"}) {
    Run({"sign-policy", "--dir", dir_, std::string(KOLLEGA_EXAMPLES_DIR) + "/" + name + ".json"});
    ++version;
    auto policy = org::VerifyPolicy(Signed(dir_ + "/policy-" + std::to_string(version) + ".signed"),
                                    key, version);
    ASSERT_TRUE(policy.ok()) << name << ": " << policy.status().ToString();
    EXPECT_EQ(policy->version(), version);
    EXPECT_EQ(policy->org_key(), key);
    EXPECT_EQ(policy->categories_size(), 10) << name;
    EXPECT_FALSE(policy->emergency().empty()) << name;
  }
  int rc = 0;
  const std::string out =
      Run({"sign-policy", "--dir", dir_, "--version", "2", KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"},
          &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("not above the last signed policy version 3"), std::string::npos) << out;
  Run({"sign-policy", "--dir", dir_, "--version", "10", "--out", tmp_ + "/p.signed",
       KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
  EXPECT_TRUE(org::VerifyPolicy(Signed(tmp_ + "/p.signed"), key, 3).ok());
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/dk-doctors.json"});
  EXPECT_TRUE(org::VerifyPolicy(Signed(dir_ + "/policy-11.signed"), key, 10).ok());
}

TEST_F(KollegaAdminTest, PolicyThatClientsWouldRefuseIsRefusedWithTheSameMessage) {
  Init();
  const std::string unknown = tmp_ + "/unknown.json";
  std::ofstream(unknown) << R"({"name": "X", "opening_hours": {}})";
  int rc = 0;
  std::string out = Run({"sign-policy", "--dir", dir_, unknown}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("opening_hours"), std::string::npos) << out;

  const std::string weekday = tmp_ + "/weekday.json";
  std::ofstream(weekday) << R"({"name": "X", "hours": {"time_zone": "Europe/Oslo",
      "open": [{"weekday": 8, "start_minute": 540, "end_minute": 900}]}})";
  out = Run({"sign-policy", "--dir", dir_, weekday}, &rc);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("clients would refuse this policy: an opening interval's weekday is not 1"),
            std::string::npos)
      << out;
  EXPECT_NE(::access((dir_ + "/policy-1.signed").c_str(), F_OK), 0);
  // A refused policy used no version: the next good one is still 1.
  Run({"sign-policy", "--dir", dir_, KOLLEGA_EXAMPLES_DIR "/no-dentists.json"});
  EXPECT_EQ(::access((dir_ + "/policy-1.signed").c_str(), F_OK), 0);
}

}  // namespace
}  // namespace kollega::admin_test
