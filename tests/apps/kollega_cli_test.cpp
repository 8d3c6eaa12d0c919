// The `kollega` binary end to end: two people and a second device, through
// the real relay, using only what a user types.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/relay_process.h"

namespace kollega {
namespace {

using testing::RelayProcess;

// A port that was free a moment ago: clients remember the relay's URL, so a
// relay restarted in a test must come back on the same port.
uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class KollegaCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The data directories are encrypted: the passphrase comes from the
    // environment, at a scrypt cost a test can afford (docs/storage-encryption.md).
    setenv("KOLLEGA_PASSPHRASE", "a passphrase for the cli tests", 1);
    setenv("KOLLEGA_TEST_SCRYPT_LOG2N", "10", 1);
    relay_ = std::make_unique<RelayProcess>(
        KOLLEGA_RELAY_BIN, std::vector<std::string>{"--port", std::to_string(FreePort())});
    ASSERT_TRUE(relay_->Start());
    url_ = "ws://127.0.0.1:" + std::to_string(relay_->port());
  }

  // Runs `kollega --data-dir <dir>/<who> args...`; returns its output.
  std::string Run(const std::string& who, std::vector<std::string> args, int* status = nullptr) {
    args.insert(args.begin(), {"--data-dir", relay_->dir() + "/client-" + who});
    std::string output;
    const int rc = RelayProcess::RunToExit(KOLLEGA_CLI_BIN, args, &output);
    if (status) {
      *status = rc;
    } else {
      EXPECT_EQ(rc, 0) << "kollega " << args[2] << " failed:\n" << output;
    }
    return output;
  }

  // The same, with `input` on standard input (what a user types or pipes).
  std::string RunWithInput(const std::string& who, const std::string& input,
                           std::vector<std::string> args, int* status = nullptr) {
    const std::string file = relay_->dir() + "/stdin-" + who;
    std::ofstream(file) << input << "\n";
    args.insert(args.begin(), {"-c", "f=$1; shift; exec \"$0\" \"$@\" < \"$f\"", KOLLEGA_CLI_BIN,
                               file, "--data-dir", relay_->dir() + "/client-" + who});
    std::string output;
    const int rc = RelayProcess::RunToExit("/bin/sh", args, &output);
    if (status) {
      *status = rc;
    } else {
      EXPECT_EQ(rc, 0) << "kollega failed:\n" << output;
    }
    return output;
  }

  std::string AccountOf(const std::string& who) {
    std::smatch m;
    const std::string out = Run(who, {"whoami"});
    EXPECT_TRUE(std::regex_search(out, m, std::regex("account +([0-9a-f]{32})"))) << out;
    return m.size() > 1 ? m[1].str() : "";
  }

  std::unique_ptr<RelayProcess> relay_;
  std::string url_;
};

TEST_F(KollegaCliTest, TwoPeopleTalkAndCompareSafetyNumbers) {
  Run("alice", {"init", url_});
  Run("bob", {"init", url_});
  const std::string alice = AccountOf("alice");
  const std::string bob = AccountOf("bob");
  ASSERT_FALSE(alice.empty());
  ASSERT_NE(alice, bob);

  EXPECT_NE(Run("alice", {"send", bob, "are", "you", "free", "tonight"}).find("sent"),
            std::string::npos);
  EXPECT_NE(Run("bob", {"inbox"}).find(alice), std::string::npos);
  EXPECT_NE(Run("bob", {"inbox", alice}).find("are you free tonight"), std::string::npos);
  Run("bob", {"send", alice, "yes, at eight"});
  const std::string alice_view = Run("alice", {"inbox", bob});
  EXPECT_NE(alice_view.find("yes, at eight"), std::string::npos) << alice_view;
  // Bob opened the conversation, so Alice's message shows his read receipt.
  EXPECT_NE(alice_view.find("(read)"), std::string::npos) << alice_view;

  const std::string alice_number = Run("alice", {"safety-number", bob});
  const std::string bob_number = Run("bob", {"safety-number", alice});
  EXPECT_EQ(alice_number, bob_number);
  EXPECT_TRUE(std::regex_search(alice_number, std::regex("([0-9]{5} ){3}[0-9]{5}")));
}

TEST_F(KollegaCliTest, MessageWrittenWhileRelayIsDownGoesOutLater) {
  Run("alice", {"init", url_});
  Run("bob", {"init", url_});
  const std::string bob = AccountOf("bob");
  const std::string alice = AccountOf("alice");
  Run("alice", {"send", bob, "first contact"});  // sets up the session
  ASSERT_EQ(relay_->Stop(), 0);
  EXPECT_NE(Run("alice", {"send", bob, "written offline"}).find("queued"), std::string::npos);
  ASSERT_TRUE(relay_->Restart());
  Run("alice", {"inbox"});  // connecting flushes the outbound queue
  const std::string bob_view = Run("bob", {"inbox", alice});
  EXPECT_NE(bob_view.find("first contact"), std::string::npos) << bob_view;
  EXPECT_NE(bob_view.find("written offline"), std::string::npos) << bob_view;
}

TEST_F(KollegaCliTest, LinkedDeviceSeesBothSidesAndTheCodeWorksOnce) {
  Run("alice", {"init", url_});
  Run("bob", {"init", url_});
  const std::string alice = AccountOf("alice");
  const std::string bob = AccountOf("bob");
  std::smatch m;
  const std::string shown = Run("alice", {"link-device"});
  ASSERT_TRUE(std::regex_search(shown, m, std::regex("code: ([A-Za-z0-9_-]+)"))) << shown;
  const std::string code = m[1].str();
  // Never on the command line, where `ps` and shell history would show it.
  int status = 0;
  const std::string on_argv =
      Run("laptop", {"link-device", "--relay", url_, "--code", code}, &status);
  EXPECT_EQ(status, 2);
  EXPECT_NE(on_argv.find("standard input"), std::string::npos) << on_argv;
  EXPECT_NE(RunWithInput("laptop", code, {"link-device", "--relay", url_}).find("device 2"),
            std::string::npos);
  EXPECT_EQ(AccountOf("laptop"), alice);

  Run("bob", {"send", alice, "reaches every device"});
  Run("alice", {"send", bob, "sent from the phone"});
  const std::string laptop = Run("laptop", {"inbox", bob});
  EXPECT_NE(laptop.find("reaches every device"), std::string::npos) << laptop;
  EXPECT_NE(laptop.find("sent from the phone"), std::string::npos) << laptop;

  const std::string again = RunWithInput("thief", code, {"link-device", "--relay", url_}, &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(again.find("linking failed"), std::string::npos) << again;
}

// The relay answers UNKNOWN_ACCOUNT; `send` reports that and fails instead
// of leaving the message queued for retries that cannot succeed.
TEST_F(KollegaCliTest, SendToAnUnknownAccountFailsWithinTheRequestTimeout) {
  Run("alice", {"init", url_});
  const std::string nobody(32, 'a');
  int status = 0;
  const auto start = std::chrono::steady_clock::now();
  const std::string out = Run("alice", {"send", nobody, "anyone", "there?"}, &status);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("failed"), std::string::npos) << out;
  EXPECT_EQ(out.find("queued"), std::string::npos) << out;
  EXPECT_LT(took, std::chrono::seconds(10));  // the client's request timeout
  // A known account still works from the same device afterwards.
  Run("bob", {"init", url_});
  EXPECT_NE(Run("alice", {"send", AccountOf("bob"), "hi"}).find("sent"), std::string::npos);
}

TEST_F(KollegaCliTest, HelpAndMistakesGetReadableAnswers) {
  int status = 0;
  EXPECT_NE(Run("x", {"--help"}, &status).find("safety-number"), std::string::npos);
  EXPECT_EQ(status, 0);
  EXPECT_NE(Run("x", {"send", "--help"}, &status).find("usage: kollega"), std::string::npos);
  EXPECT_EQ(status, 0);
  EXPECT_NE(Run("x", {"frobnicate"}, &status).find("unknown command"), std::string::npos);
  EXPECT_EQ(status, 2);
  EXPECT_NE(Run("x", {"whoami"}, &status).find("no account"), std::string::npos);
  EXPECT_EQ(status, 1);
  EXPECT_NE(Run("x", {"init", "http://nope"}, &status).find("ws://"), std::string::npos);
  EXPECT_NE(status, 0);
}

TEST_F(KollegaCliTest, TheDataDirectoryOpensOnlyWithItsPassphraseOrKeyFile) {
  Run("alice", {"init", url_});
  setenv("KOLLEGA_PASSPHRASE", "not the passphrase", 1);
  int status = 0;
  const std::string wrong = Run("alice", {"whoami"}, &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(wrong.find("wrong passphrase"), std::string::npos) << wrong;
  unsetenv("KOLLEGA_PASSPHRASE");
  const std::string none = Run("alice", {"whoami"}, &status);  // stdin is not a terminal
  EXPECT_EQ(status, 1);
  EXPECT_NE(none.find("KOLLEGA_PASSPHRASE"), std::string::npos) << none;

  // A key file instead: made by init when missing, needed from then on.
  const std::string key_file = relay_->dir() + "/bob.key";
  Run("bob", {"--key-file", key_file, "init", url_});
  EXPECT_NE(Run("bob", {"--key-file", key_file, "whoami"}).find("account"), std::string::npos);
  const std::string without = Run("bob", {"whoami"}, &status);
  EXPECT_EQ(status, 1) << without;
}

}  // namespace
}  // namespace kollega
