// The fixture of the kollega-admin tests: a temporary key directory, the
// passphrase and a cheap scrypt cost in the environment, and running the
// real binary (KOLLEGA_ADMIN_BIN) as an administrator would.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "kollega/org/card.h"
#include "kollega/org/verify.h"
#include "support/relay_process.h"

namespace kollega::admin_test {

using testing::RelayProcess;

inline constexpr char kPassphrase[] = "a passphrase for the admin tests";
inline const std::string kAccount = "00112233445566778899aabbccddeeff";
inline const std::string kIdentity = "05" + std::string(64, 'a');

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline org::SignedObject Signed(const std::string& path) {
  org::SignedObject object;
  EXPECT_TRUE(object.ParseFromString(Slurp(path))) << path;
  return object;
}

class KollegaAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("KOLLEGA_ADMIN_PASSPHRASE", kPassphrase, 1);
    // A scrypt cost a test can afford; the cost is recorded in the key box.
    setenv("KOLLEGA_TEST_SCRYPT_LOG2N", "10", 1);
    char tmpl[] = "/tmp/kollega-admin-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
    dir_ = tmp_ + "/org";
  }
  void TearDown() override { std::system(("rm -rf '" + tmp_ + "'").c_str()); }

  std::string Run(std::vector<std::string> args, int* status = nullptr) {
    std::string output;
    const int rc = RelayProcess::RunToExit(KOLLEGA_ADMIN_BIN, args, &output);
    if (status) {
      *status = rc;
    } else {
      EXPECT_EQ(rc, 0) << "kollega-admin " << args[0] << " failed:\n" << output;
    }
    return output;
  }

  // Runs it with `input` on standard input (an administrator's answer).
  std::string RunWithInput(const std::string& input, std::vector<std::string> args, int* status) {
    const std::string file = tmp_ + "/stdin";
    std::ofstream(file) << input << "\n";
    args.insert(args.begin(),
                {"-c", "f=$1; shift; exec \"$0\" \"$@\" < \"$f\"", KOLLEGA_ADMIN_BIN, file});
    std::string output;
    *status = RelayProcess::RunToExit("/bin/sh", args, &output);
    return output;
  }

  // The organisation key, as the card printed by `card` carries it.
  std::string CardKey() {
    std::smatch m;
    const std::string out = Run({"card", "--dir", dir_});
    EXPECT_TRUE(std::regex_search(out, m, std::regex("kollega://org\\?\\S+"))) << out;
    auto card = org::DecodeCard(m.size() ? m[0].str() : "");
    EXPECT_TRUE(card.ok()) << out;
    return card.ok() ? card->org_key : "";
  }

  // The first line `card` prints: the kollega://org link.
  std::string CardText(const std::string& dir) {
    const std::string out = Run({"card", "--dir", dir});
    return out.substr(0, out.find('\n'));
  }

  void Init() { Run({"init", "--dir", dir_, "--relay", "wss://relay.example.org"}); }

  std::string Request() {
    const std::string req = tmp_ + "/req.json";
    Run({"enrol-request",
         "--account-id",
         kAccount,
         "--identity-key",
         kIdentity,
         "--name",
         "Kari N.",
         "--profession",
         "dentist",
         "--region",
         "Oslo tannlegeforening",
         "--gender",
         "female",
         "--sector",
         "public",
         "--language",
         "nb",
         "--language",
         "en",
         "--introduction",
         "Tannlege i 20 år.",
         "--out",
         req});
    return req;
  }

  std::string tmp_;
  std::string dir_;
};

}  // namespace kollega::admin_test
