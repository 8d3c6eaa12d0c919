// What the `kollega` CLI leaves on disk (docs/storage-encryption.md): after
// `init` with a passphrase and a conversation, no file of the data directory,
// read raw, holds a message text, a private key or the account id.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "kollega/base/hex.h"
#include "store/client_store.h"
#include "support/raw_scan.h"
#include "support/relay_process.h"

namespace kollega {
namespace {

using testing::RelayProcess;

constexpr char kPassphrase[] = "at-rest test passphrase";

class KollegaAtRestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("KOLLEGA_PASSPHRASE", kPassphrase, 1);
    setenv("KOLLEGA_TEST_SCRYPT_LOG2N", "10", 1);
    relay_ = std::make_unique<RelayProcess>(KOLLEGA_RELAY_BIN, std::vector<std::string>{});
    ASSERT_TRUE(relay_->Start());
  }

  std::string Dir(const std::string& who) { return relay_->dir() + "/client-" + who; }

  std::string Run(const std::string& who, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", Dir(who)});
    std::string output;
    EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_CLI_BIN, args, &output), 0) << output;
    return output;
  }

  std::string AccountOf(const std::string& who) {
    std::smatch m;
    const std::string out = Run(who, {"whoami"});
    EXPECT_TRUE(std::regex_search(out, m, std::regex("account +([0-9a-f]{32})"))) << out;
    return m.size() > 1 ? m[1].str() : "";
  }

  // What must not be found in `who`'s files, read back through the store.
  std::vector<std::pair<std::string, std::string>> Secrets(const std::string& who) {
    client::Client::Options::StoreKey key;
    key.passphrase = kPassphrase;
    auto store = client::OpenRocksClientStore(Dir(who) + "/store", key);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return {};
    auto account = (*store)->LoadAccount();
    auto identity = (*store)->LoadLocalIdentity();
    EXPECT_TRUE(account.ok() && account->has_value() && identity.ok());
    if (!account.ok() || !account->has_value() || !identity.ok()) return {};
    const client::LocalAccount& a = **account;
    EXPECT_EQ(a.account_id.size(), 16u);
    return {{"account id (raw)", a.account_id},
            {"account id (hex)", ToHex(a.account_id)},
            {"device auth seed", a.device_auth_seed},
            {"account secret", a.account_secret},
            {"identity private key", identity->private_key}};
  }

  std::unique_ptr<RelayProcess> relay_;
};

TEST_F(KollegaAtRestTest, NoFileOfTheDataDirectoryHoldsPlaintextKeysOrTheAccountId) {
  const std::string url = relay_->url();
  Run("alice", {"init", url});
  Run("bob", {"init", url});
  const std::string alice = AccountOf("alice");
  const std::string bob = AccountOf("bob");
  const std::string marker = "unique-marker-" + std::to_string(::getpid()) + "-q8z";
  Run("alice", {"send", bob, marker});
  ASSERT_NE(Run("bob", {"inbox", alice}).find(marker), std::string::npos);
  Run("bob", {"send", alice, marker + "-reply"});
  ASSERT_NE(Run("alice", {"inbox", bob}).find(marker + "-reply"), std::string::npos);

  for (const std::string who : {"alice", "bob"}) {
    auto needles = Secrets(who);
    ASSERT_EQ(needles.size(), 5u);
    needles.push_back({"message text", marker});
    needles.push_back({"the other's account id", ToHex(who == "alice" ? bob : alice)});
    EXPECT_GE(testing::CountFiles(Dir(who)), 5u);
    const auto hits = testing::ScanFilesFor(Dir(who), needles);
    EXPECT_TRUE(hits.empty()) << who << ":\n" << testing::DescribeHits(hits);
  }
}

}  // namespace
}  // namespace kollega
